import Foundation

extension SVGPlot {
    /// The network's value against the actual one at every training row, one square panel per output
    /// (`panel-1`, `panel-2`, …), each with its rows as `circle`s and the diagonal y = x (`diagonal-N`) on which a
    /// perfect fit's points would lie. Panels wrap after three in a row.
    public static func predictedVersusActual(title: String, _ panels: [ScatterPanel]) -> String {
        let side = 260.0, panelWidth = 340.0, panelHeight = 350.0
        let perRow = min(3, max(1, panels.count))
        let rowsOfPanels = (panels.count + perRow - 1) / perRow
        let width = Int(panelWidth) * perRow + 20, height = Int(panelHeight) * max(1, rowsOfPanels) + 40
        var writer = SVGWriter()
        writer.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        writer.text(title + ": predicted against actual", [("id", "title"), ("x", SVGWriter.number(Double(width) / 2)),
                                                          ("y", "24"), ("text-anchor", "middle"), ("font-size", "16"),
                                                          ("font-weight", "bold")])
        for (index, panel) in panels.enumerated() {
            let axis = panel.axis
            let (column, row) = (index % perRow, index / perRow)
            var chart = Chart(xAxis: axis, yAxis: axis, left: 70 + panelWidth * Double(column),
                              top: 80 + panelHeight * Double(row), plotWidth: side, plotHeight: side,
                              idPrefix: "panel-\(index + 1)-")
            chart.writer = writer
            chart.writer.group([("id", "panel-\(index + 1)")])
            chart.drawFrame(title: panel.name, xLabel: "actual", yLabel: "predicted", background: false)
            chart.writer.group([("clip-path", "url(#panel-\(index + 1)-plot-area)")])
            chart.path(id: "diagonal-\(index + 1)", xs: [axis.lower, axis.upper], ys: [axis.lower, axis.upper],
                       color: targetColor, width: 1.4, dash: "6 4")
            chart.writer.group([("id", "points-\(index + 1)"), ("fill", palette[0]), ("fill-opacity", "0.6")])
            let stride = max(1, (panel.actual.count + maxPoints - 1) / maxPoints)
            for row in Swift.stride(from: 0, to: min(panel.actual.count, panel.predicted.count), by: stride) {
                let p = chart.map(panel.actual[row], panel.predicted[row])
                guard p.x.isFinite, p.y.isFinite else { continue }
                chart.writer.element("circle", [("class", "point"), ("cx", SVGWriter.number(p.x)),
                                                ("cy", SVGWriter.number(p.y)), ("r", "2")])
            }
            chart.writer.close()
            chart.writer.close()
            chart.writer.close()
            writer = chart.writer
        }
        return writer.document(width: width, height: height)
    }

    /// The confusion matrix as a heat map: one cell per (actual, predicted) pair (`confusion`, each `rect` with
    /// the count as text), shaded by the fraction of the actual class's rows it holds, so each row reads as where
    /// that class's rows went.
    public static func confusion(title: String, _ metrics: ClassificationMetrics) -> String {
        let k = max(1, metrics.classes.count)
        let cell = max(14, min(64, 480 / Double(k)))
        let left = 150.0, top = 90.0
        let width = Int(left + cell * Double(k) + 40), height = Int(top + cell * Double(k) + 70)
        let n = SVGWriter.number
        var writer = SVGWriter()
        writer.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        writer.text(title + ": confusion matrix", [("id", "title"), ("x", n(Double(width) / 2)), ("y", "24"),
                                                  ("text-anchor", "middle"), ("font-size", "16"),
                                                  ("font-weight", "bold")])
        writer.text("predicted", [("x", n(left + cell * Double(k) / 2)), ("y", n(top - 40)),
                                  ("text-anchor", "middle"), ("font-size", "12")])
        writer.text("actual", [("x", "20"), ("y", n(top + cell * Double(k) / 2)), ("text-anchor", "middle"),
                               ("font-size", "12"), ("transform", "rotate(-90 20 \(n(top + cell * Double(k) / 2)))")])
        writer.group([("id", "class-names"), ("font-size", "11"), ("fill", "#333333")])
        for (index, name) in metrics.classes.enumerated() {
            let middle = Double(index) * cell + cell / 2
            writer.text(name, [("x", n(left + middle)), ("y", n(top - 8)), ("text-anchor", "middle")])
            writer.text(name, [("x", n(left - 8)), ("y", n(top + middle + 4)), ("text-anchor", "end")])
        }
        writer.close()
        writer.group([("id", "confusion"), ("font-size", n(min(13, cell / 2.4)))])
        for (actual, counts) in metrics.confusion.enumerated() {
            let total = max(1, counts.reduce(0, +))
            for (predicted, count) in counts.enumerated() {
                let share = Double(count) / Double(total)
                let (x, y) = (left + Double(predicted) * cell, top + Double(actual) * cell)
                writer.element("rect", [("class", actual == predicted ? "cell right" : "cell wrong"), ("x", n(x)),
                                        ("y", n(y)), ("width", n(cell)), ("height", n(cell)),
                                        ("fill", heatColor(share)), ("stroke", "white")])
                writer.text(String(count), [("x", n(x + cell / 2)), ("y", n(y + cell / 2 + 4)),
                                            ("text-anchor", "middle"), ("fill", share > 0.5 ? "white" : "#222222")])
            }
        }
        writer.close()
        return writer.document(width: width, height: height)
    }

    /// White (0) to dark blue (1).
    static func heatColor(_ fraction: Double) -> String {
        let t = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let channel = { (from: Double, to: Double) in String(format: "%02x", Int((from + (to - from) * t).rounded())) }
        return "#" + channel(247, 8) + channel(251, 48) + channel(255, 107)
    }
}
