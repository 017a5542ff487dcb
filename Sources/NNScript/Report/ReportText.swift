import Foundation

extension RunText {
    /// The `report` block: how good the fit is and why, then a compact picture.
    ///
    /// ```
    /// report  loss 0.00251 · mse vs truth 1.6e-4 · worst |error| 0.031 at x = -1
    ///         extrema: fit 7, target 3 — 4 extra extrema, all in [-1, 1.3]
    ///         error by region  [-1, 1] 4.1e-4   [1, 3] 9e-5   …
    ///         holdout mse 2.1e-3
    ///         loss ▇▅▃▂▁▁▁  0.41 → 0.00251   still falling — train longer
    /// ```
    /// followed by the fit plot, `plotHeight` rows tall, when the report carries one.
    public static func report(_ report: RunReport, width: Int, plotHeight: Int = 5, color: Bool = false) -> String {
        var lines: [String] = []
        var headline: [String] = []
        if let loss = report.finalLoss { headline.append("loss \(NumberFormat.short(loss))") }
        if let metrics = report.metrics {
            headline.append("mse vs truth \(NumberFormat.short(metrics.mse))")
            headline.append(
                "worst |error| \(NumberFormat.short(metrics.maxError)) at x = \(NumberFormat.short(metrics.maxErrorX))")
        }
        lines.append(headline.isEmpty ? "no training and no target yet" : headline.joined(separator: " · "))
        if let metrics = report.metrics {
            var extrema = "extrema: fit \(metrics.fitExtremaCount), target \(metrics.targetExtremaCount)"
            if let summary = metrics.extremaSummary { extrema += " — " + summary }
            lines.append(extrema)
            let regions = metrics.regions.map { region in
                "\(interval(region.lower, region.upper)) \(region.mse.map(NumberFormat.short) ?? "–")"
            }
            lines.append(contentsOf: wrappedItems(regions, prefix: "error by region  ", width: width))
        }
        if let holdout = report.holdoutMSE { lines.append("holdout mse \(NumberFormat.short(holdout))") }
        if let trend = lossTrendLine(report.losses, width: width) { lines.append(trend) }

        let indent = String(repeating: " ", count: labelWidth)
        var text = lines.enumerated().map { $0.offset == 0 ? labelled("report", $0.element) : indent + $0.element }
        if let plot = report.plot {
            text.append(TerminalPlot.fit(plot, width: width, height: plotHeight, color: color))
        }
        return text.joined(separator: "\n")
    }

    /// `loss ▇▅▃▂▁  0.41 → 0.00251`, plus `still falling — train longer` when `LossTrend` says so.
    static func lossTrendLine(_ losses: [Double], width: Int) -> String? {
        guard let first = losses.first, let last = losses.last else { return nil }
        let numbers = "\(NumberFormat.short(first)) → \(NumberFormat.short(last))"
        let note = LossTrend.lossStillFalling(losses: losses) ? "   still falling — train longer" : ""
        let room = width - labelWidth - "loss ".count - 2 - numbers.count - note.count
        let spark = TerminalPlot.sparkline(losses, width: min(40, max(0, room)), logarithmic: true)
        return "loss " + (spark.isEmpty ? "" : spark + "  ") + numbers + note
    }

    /// Items after a prefix, wrapped to `width`; continuation lines line up under the first item.
    private static func wrappedItems(_ items: [String], prefix: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = prefix
        let continuation = String(repeating: " ", count: prefix.count)
        for item in items {
            let candidate = current == prefix || current == continuation ? current + item : current + "   " + item
            if labelWidth + candidate.count > width, current != prefix, current != continuation {
                lines.append(current)
                current = continuation + item
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }

    // MARK: - Comparison

    /// A table of variants (rows) by metrics (`columns`, in order): names left-aligned, numbers right-aligned, the
    /// best value of each column marked with `*` (the lowest in `lowerIsBetter`, the highest in `higherIsBetter`).
    ///
    /// ```
    /// variant          loss      mse   extrema
    /// sgd lr=0.1     0.0123   0.0041         7
    /// adam lr=0.01  0.00251*  1.6e-4*        3
    /// ```
    public static func comparisonTable(
        _ rows: [ComparisonRow], columns: [String],
        lowerIsBetter: Set<String> = ["loss", "mse", "max_error", "holdout_mse"],
        higherIsBetter: Set<String> = ["accuracy", "r2", "holdout_accuracy", "holdout_r2"]
    ) -> String {
        let best: [String: Double] = Dictionary(uniqueKeysWithValues: columns.compactMap { column in
            guard lowerIsBetter.contains(column) || higherIsBetter.contains(column), rows.count > 1 else { return nil }
            let values = rows.compactMap { $0.values[column] }.filter(\.isFinite)
            return (higherIsBetter.contains(column) ? values.max() : values.min()).map { (column, $0) }
        })
        let cells: [[String]] = rows.map { row in
            columns.map { column in
                guard let value = row.values[column] else { return "– " }
                return NumberFormat.short(value) + (best[column] == value ? "*" : " ")
            }
        }
        let nameWidth = max("variant".count, rows.map(\.name.count).max() ?? 0)
        let widths = columns.indices.map { index in
            max(columns[index].count + 1, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ name: String, _ values: [String]) -> String {
            var text = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            for (index, value) in values.enumerated() {
                text += "  " + String(repeating: " ", count: max(0, widths[index] - value.count)) + value
            }
            return text.trailingSpacesRemoved
        }
        var lines = [line("variant", columns.map { $0 + " " })]
        for (row, values) in zip(rows, cells) { lines.append(line(row.name, values)) }
        if best.keys.contains(where: higherIsBetter.contains) {
            lines.append("* best in its column (lowest loss and error, highest accuracy and r2)")
        } else if !best.isEmpty {
            lines.append("* lowest in its column")
        }
        return lines.joined(separator: "\n")
    }
}
