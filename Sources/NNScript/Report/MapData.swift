import Foundation

// MARK: - What the pictures of two inputs and of many inputs show

/// A grid of cells over the plane of two inputs, at whose centres a picture samples the network: `columns × rows`
/// cells, row 0 at the top (the largest y), so row-major values read like the picture.
public struct MapGrid: Equatable, Sendable {
    /// The inputs on the horizontal and vertical axes (`x1`, `x2`, or a table's column names).
    public var xName: String
    public var yName: String
    public var xAxis: PlotAxis
    public var yAxis: PlotAxis
    public var columns: Int
    public var rows: Int

    public init(xName: String, yName: String, xAxis: PlotAxis, yAxis: PlotAxis, columns: Int, rows: Int) {
        self.xName = xName
        self.yName = yName
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.columns = max(1, columns)
        self.rows = max(1, rows)
    }

    /// The axes a picture of `xs` against `ys` (the data's two inputs) covers: their range, widened by 5 % at each
    /// end so that points on the edge are not cut.
    public static func axes(xs: [Double], ys: [Double]) -> (x: PlotAxis, y: PlotAxis) {
        (PlotAxis(covering: xs).padded(by: 0.05), PlotAxis(covering: ys).padded(by: 0.05))
    }

    public var cellCount: Int { columns * rows }

    /// The centre of cell (`column`, `row`) in data units.
    public func centre(column: Int, row: Int) -> (x: Double, y: Double) {
        let fx = (Double(column) + 0.5) / Double(columns)
        let fy = 1 - (Double(row) + 0.5) / Double(rows)
        return (xAxis.lower + fx * (xAxis.upper - xAxis.lower), yAxis.lower + fy * (yAxis.upper - yAxis.lower))
    }

    /// Every cell's centre as an (x, y) pair, row-major from the top row: the network's input for a picture.
    public var centres: [Double] {
        var result: [Double] = []
        result.reserveCapacity(cellCount * 2)
        for row in 0..<rows {
            for column in 0..<columns {
                let point = centre(column: column, row: row)
                result += [point.x, point.y]
            }
        }
        return result
    }

    /// The cell a point falls in, or nil outside the grid.
    public func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
        let fx = xAxis.fraction(x), fy = 1 - yAxis.fraction(y)
        guard fx.isFinite, fy.isFinite, fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { return nil }
        return (min(columns - 1, Int(fx * Double(columns))), min(rows - 1, Int(fy * Double(rows))))
    }
}

/// A training point of two inputs and a class label.
public struct LabelledPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var label: Int

    public init(x: Double, y: Double, label: Int) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// The decision regions of a classifier of two inputs: the class the network picks at each cell, and the data.
public struct RegionPicture: Equatable, Sendable {
    public var title: String
    public var grid: MapGrid
    public var classes: [String]
    /// The picked class per cell, row-major from the top row (`-1`: the network gave NaN there).
    public var predicted: [Int]
    public var points: [LabelledPoint]

    public init(title: String, grid: MapGrid, classes: [String], predicted: [Int], points: [LabelledPoint]) {
        self.title = title
        self.grid = grid
        self.classes = classes
        self.predicted = predicted
        self.points = points
    }

    /// The class with the largest logit in each row of `logits` (`classes` values a row; `-1` for a row with NaN).
    public static func picks(logits: [Double], classes: Int) -> [Int] {
        stride(from: 0, to: logits.count, by: max(classes, 1)).map { start in
            var best = -1, bestValue = -Double.infinity
            for j in 0..<classes {
                let value = logits[start + j]
                if value.isNaN { return -1 }
                if best < 0 || value > bestValue { (best, bestValue) = (j, value) }
            }
            return best
        }
    }
}

/// The fitted surface of a regression of two inputs: the fit at each cell, the noiseless target there when the
/// data came from an expression, and the training points.
public struct SurfacePicture: Sendable {
    public var title: String
    public var grid: MapGrid
    /// The output shown (`y`, or a table's target column).
    public var outputName: String
    /// The fit per cell, row-major from the top row.
    public var fit: [Double]
    /// The noiseless target per cell, when known.
    public var target: [Double]?
    /// The training points: both inputs and the target value.
    public var points: [(x: Double, y: Double, value: Double)]

    public init(title: String, grid: MapGrid, outputName: String, fit: [Double], target: [Double]?,
                points: [(x: Double, y: Double, value: Double)]) {
        self.title = title
        self.grid = grid
        self.outputName = outputName
        self.fit = fit
        self.target = target
        self.points = points
    }

    /// The fit minus the target per cell, when the target is known.
    public var error: [Double]? { target.map { zip(fit, $0).map { $0 - $1 } } }

    /// One range for the fit and the target, so the two maps compare by colour.
    public var valueAxis: PlotAxis { PlotAxis(covering: fit + (target ?? [])) }
}

/// One output of a regression of many inputs: the network's value against the actual one at each training row.
public struct ScatterPanel: Equatable, Sendable {
    public var name: String
    public var actual: [Double]
    public var predicted: [Double]

    public init(name: String, actual: [Double], predicted: [Double]) {
        self.name = name
        self.actual = actual
        self.predicted = predicted
    }

    /// Splits row-major values of `names.count` outputs into one panel per output.
    public static func panels(names: [String], actual: [Double], predicted: [Double]) -> [ScatterPanel] {
        let m = max(names.count, 1)
        return names.enumerated().map { j, name in
            ScatterPanel(name: name, actual: stride(from: j, to: actual.count, by: m).map { actual[$0] },
                         predicted: stride(from: j, to: predicted.count, by: m).map { predicted[$0] })
        }
    }

    /// One range for both axes, so the diagonal y = x is the line of a perfect fit.
    public var axis: PlotAxis { PlotAxis(covering: actual + predicted).padded(by: 0.04) }
}
