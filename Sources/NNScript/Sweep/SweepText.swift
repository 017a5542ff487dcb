import Foundation

/// What a sweep prints: the trials, the statistics per point, the best point, a plot of a metric against an axis,
/// and the expectations over the sweep.
extension SweepSummary {
    /// The whole report (without the plot when `plotHeight` is 0).
    public func text(width: Int = 100, plotHeight: Int = 12, color: Bool = false) -> String {
        guard !trials.isEmpty else { return "no trial finished" }
        var lines = [trialTable(), ""]
        if groups.contains(where: { $0.trials.count > 1 }) || groups.count > 1 {
            lines.append(statisticsTable())
            lines.append("")
        }
        if let best, groups.count > 1, let stats = best.group.statistics[best.metric] {
            lines.append("best    \(best.group.name): mean \(best.metric) \(NumberFormat.short(stats.mean)) over "
                         + "\(stats.count) trial\(stats.count == 1 ? "" : "s")")
        }
        if plotHeight > 0, let plot = spreadData(metric: "mse") ?? spreadData(metric: "loss"),
           plot.series.contains(where: { !$0.points.isEmpty }) {
            lines.append("\(plot.yLabel) against \(plot.xLabel):")
            lines.append(TerminalPlot.spread(plot, width: width, height: plotHeight, color: color))
        }
        for result in expectations {
            lines.append("\(result.text) " + (result.passed ? "✓" : "✗"))
            for detail in result.details { lines.append("        " + detail) }
        }
        return lines.joined(separator: "\n")
    }

    /// One row per trial: its index, values, metrics and seconds.
    public func trialTable() -> String {
        let axisNames = plan.axes.map(\.target.setName)
        let metricNames = Self.metrics.filter { metric in trials.contains { Self.value(metric, in: $0) != nil } }
        var rows = [["trial"] + axisNames + metricNames + ["status"]]
        for record in trials {
            var row = ["\(record.trial)"] + record.values.map(\.value)
            row += metricNames.map { metric in Self.value(metric, in: record).map { Self.format($0, metric) } ?? "–" }
            row.append(record.passed ? "ok" : record.status == .failed ? "failed" : "expect ✗")
            rows.append(row)
        }
        return Self.table(rows, leftColumns: 0)
    }

    /// Per point of the non-seed axes: n and each metric's mean, median, min, max, std.
    public func statisticsTable() -> String {
        let over = plan.axes.contains { $0.target == .seed } ? "over seeds" : "over trials"
        var rows = [["point", "metric", "n", "mean", "median", "min", "max", "std"]]
        for group in groups {
            var first = true
            for metric in Self.metrics {
                guard let s = group.statistics[metric] else { continue }
                rows.append([first ? group.name : "", metric, "\(s.count)"]
                            + [s.mean, s.median, s.min, s.max, s.std].map { Self.format($0, metric) })
                first = false
            }
        }
        return "statistics \(over):\n" + Self.table(rows, leftColumns: 2)
    }

    /// A metric against the first non-seed axis (against the seed when that is the only axis).
    public func spreadData(metric: String) -> SpreadPlotData? {
        guard let axis = plan.axes.first(where: { $0.target != .seed }) ?? plan.axes.first else { return nil }
        let name = axis.target.setName
        let numeric = axis.values.allSatisfy { $0.number != nil }
        func x(_ record: TrialRecord) -> Double? {
            guard let setting = record.values.first(where: { $0.name == name }) else { return nil }
            if numeric { return setting.number }
            return axis.values.firstIndex { $0.label == setting.value }.map { Double($0 + 1) }
        }
        var order: [String] = []
        var members: [String: [TrialRecord]] = [:]
        for record in trials {
            let key = record.values.filter { $0.name != name && $0.name != Self.replicateAxis }
                .map { "\($0.name)=\($0.value)" }.joined(separator: " ")
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(record)
        }
        let series = order.map { key -> SpreadPlotData.Series in
            let points = members[key]!.compactMap { r in
                x(r).flatMap { x in Self.value(metric, in: r).map { SpreadPlotData.Point(x: x, y: $0) } }
            }
            let means = Dictionary(grouping: points, by: \.x).map { x, ps in
                SpreadPlotData.Point(x: x, y: ps.map(\.y).reduce(0, +) / Double(ps.count))
            }.sorted { $0.x < $1.x }
            return SpreadPlotData.Series(name: key.isEmpty ? metric : key, points: points, means: means)
        }
        guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
        let xLabel = numeric ? name : name + " (" + axis.values.enumerated().map { "\($0.offset + 1) = \($0.element.label)" }
            .joined(separator: ", ") + ")"
        let logarithmic = metric != "extrema" && metric != "seconds"
        return SpreadPlotData(title: "\(metric) against \(name) · \(plan.file)", xLabel: xLabel,
                              yLabel: metric + (logarithmic ? " (log scale)" : ""), series: series,
                              logarithmic: logarithmic)
    }

    // MARK: - Formatting

    static func format(_ value: Double, _ metric: String) -> String {
        switch metric {
        case "extrema": return value == value.rounded() ? String(Int(value)) : NumberFormat.short(value)
        case "seconds": return String(format: "%.2f", value)
        default: return NumberFormat.short(value)
        }
    }

    /// Columns separated by two spaces; the first `leftColumns` left-aligned, the rest right-aligned.
    static func table(_ rows: [[String]], leftColumns: Int) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i < leftColumns ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
