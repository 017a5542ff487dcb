/// A named curve sampled on a shared grid (one fit of a comparison) or per iteration (one loss curve).
public struct NamedSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// What a fit plot shows: the training points, the noiseless target and one or more fits on a dense grid.
public struct FitPlotData: Equatable, Sendable {
    /// The plot's title, e.g. the recipe's name.
    public var title: String
    /// Increasing x values at which `target` and every fit are sampled.
    public var grid: [Double]
    /// The noiseless target on `grid`, when the data has one (a CSV does not).
    public var target: [Double]?
    /// The fits on `grid`: one for `plot fit`, several for a comparison overlay.
    public var fits: [NamedSeries]
    /// The training points (x, y), drawn as dots.
    public var pointsX: [Double]
    public var pointsY: [Double]

    public init(
        title: String, grid: [Double], target: [Double]?, fits: [NamedSeries], pointsX: [Double] = [],
        pointsY: [Double] = []
    ) {
        self.title = title
        self.grid = grid
        self.target = target
        self.fits = fits
        self.pointsX = pointsX
        self.pointsY = pointsY
    }

    /// One fit, named "fit".
    public init(
        title: String, grid: [Double], target: [Double]?, fit: [Double], pointsX: [Double] = [], pointsY: [Double] = []
    ) {
        self.init(
            title: title, grid: grid, target: target, fits: [NamedSeries(name: "fit", values: fit)],
            pointsX: pointsX, pointsY: pointsY)
    }

    /// The training points as pairs, dropping unpaired or non-finite ones.
    var points: [(x: Double, y: Double)] {
        zip(pointsX, pointsY).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }

    /// Every y value that the plot must show.
    var allY: [Double] {
        pointsY + (target ?? []) + fits.flatMap(\.values)
    }

    /// The x range: the grid's, widened to the points'.
    var allX: [Double] {
        grid + pointsX
    }
}
