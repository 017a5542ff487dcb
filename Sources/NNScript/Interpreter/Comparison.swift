import Foundation

// MARK: - The result of a comparison

/// One trained variant of a comparison: its name, its metrics, its fit on the comparison's grid and its loss curve.
public struct ComparedRun: Equatable, Sendable {
    /// How the variant reads in tables and legends: `sgd lr=4e-7`, `loss l1`, `examples/deep.nn`.
    public var name: String
    /// The metrics by column name (`Comparison.columns`); a metric the run cannot give is absent.
    public var metrics: [String: Double]
    /// The network's output on the comparison's grid (empty when the model could not be evaluated).
    public var fit: [Double]
    /// The training loss per iteration.
    public var losses: [Double]
    /// Why the run stopped early (divergence), when it did.
    public var note: String?

    public init(name: String, metrics: [String: Double], fit: [Double], losses: [Double], note: String? = nil) {
        self.name = name
        self.metrics = metrics
        self.fit = fit
        self.losses = losses
        self.note = note
    }
}

/// Several set-ups trained on the same data and shown side by side: a table, an overlay of fits, one of losses.
public struct Comparison: Equatable, Sendable {
    /// The table's columns for 1-D data, in order; `seconds` is training time (wall clock, so it varies between
    /// runs).
    public static let columns = ["loss", "mse", "max_error", "extrema", "target_extrema", "seconds"]

    /// Every metric a run may carry, in table order: data that is not 1-D shows those its runs have.
    public static let allColumns = ["loss", "accuracy", "mse", "r2", "max_error", "extrema", "target_extrema",
                                    "holdout_accuracy", "holdout_mse", "holdout_r2", "seconds"]

    /// The columns of this comparison's table: the 1-D ones over a grid, else the metrics any run has.
    public var columns: [String] {
        guard grid.isEmpty else { return Comparison.columns }
        return Comparison.allColumns.filter { column in runs.contains { $0.metrics[column] != nil } }
    }

    /// The plots' title (the recipe, or the recipes compared).
    public var title: String
    /// Increasing x values at which every fit (and the target) is sampled.
    public var grid: [Double]
    /// The noiseless target on `grid`, when the data has one.
    public var target: [Double]?
    /// The training points of the (first) data set.
    public var pointsX: [Double]
    public var pointsY: [Double]
    public var runs: [ComparedRun]

    public init(title: String, grid: [Double], target: [Double]?, pointsX: [Double], pointsY: [Double],
                runs: [ComparedRun]) {
        self.title = title
        self.grid = grid
        self.target = target
        self.pointsX = pointsX
        self.pointsY = pointsY
        self.runs = runs
    }

    // MARK: - Views

    /// The metrics table, the best (lowest) loss, mse and max_error marked.
    public var table: String {
        let rows = runs.map { ComparisonRow(name: $0.name, values: $0.metrics) }
        var text = RunText.comparisonTable(rows, columns: columns)
        for run in runs { if let note = run.note { text += "\n\(run.name): \(note)" } }
        return text
    }

    /// Every fit over the data and target (runs without a fit on the grid are left out).
    public var fitPlot: FitPlotData {
        FitPlotData(title: title, grid: grid, target: target,
                    fits: runs.filter { $0.fit.count == grid.count }.map { NamedSeries(name: $0.name, values: $0.fit) },
                    pointsX: pointsX, pointsY: pointsY)
    }

    /// The loss curves as named series, for an SVG overlay.
    public var lossSeries: [NamedSeries] { runs.map { NamedSeries(name: $0.name, values: $0.losses) } }

    /// The SVG overlay of every fit (nil for data that is not 1-D, which has none).
    public var fitSVG: String? { grid.isEmpty ? nil : SVGPlot.fit(fitPlot) }

    /// The SVG overlay of every loss curve (log scale).
    public var lossSVG: String { SVGPlot.loss(title: title, series: lossSeries) }

    /// The terminal view: the table, the overlay of fits, and each run's loss as a sparkline on a log scale.
    public func terminalText(width: Int, plotHeight: Int = 14, color: Bool = false) -> String {
        var parts = [table]
        // Data that is not 1-D has no common curve: the table and the losses compare its variants.
        if !grid.isEmpty { parts.append(TerminalPlot.fit(fitPlot, width: width, height: plotHeight, color: color)) }
        parts.append(lossLines(width: width))
        return parts.joined(separator: "\n")
    }

    /// `name  first → last  ▇▆▅▃▂▁`: one line per run, names aligned, so the loss curves read as an overlay.
    func lossLines(width: Int) -> String {
        let nameWidth = runs.map(\.name.count).max() ?? 0
        let ends = runs.map { run -> String in
            guard let first = run.losses.first, let last = run.losses.last else { return "–" }
            return "\(NumberFormat.short(first)) → \(NumberFormat.short(last))"
        }
        let endsWidth = ends.map(\.count).max() ?? 0
        let sparkWidth = max(8, width - nameWidth - endsWidth - 12)
        var lines = ["loss per iteration (first → last; each sparkline on its own log scale):"]
        for (run, end) in zip(runs, ends) {
            let name = run.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let padded = end.padding(toLength: endsWidth, withPad: " ", startingAt: 0)
            let spark = TerminalPlot.sparkline(run.losses, width: sparkWidth, logarithmic: true)
            lines.append("  \(name)  \(padded)  \(spark)")
        }
        return lines.joined(separator: "\n")
    }
}
