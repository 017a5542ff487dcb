import Foundation

extension SVGPlot {
    /// What a legend entry shows beside its name.
    enum LegendKind {
        case line(String, String)  // colour, dash pattern
        case dots(String)
        case marker(MarkerShape, String)
        /// A region's fill with a point of its class on it: fill colour, point colour.
        case region(String, String)
    }

    struct LegendItem {
        let name: String
        let kind: LegendKind
    }

    enum MarkerShape { case circle, square }

    /// The drawing surface shared by the SVG plots: the plot area between axes, a title above and a legend at the
    /// right.
    struct Chart {
        let xAxis: PlotAxis
        let yAxis: PlotAxis
        let left: Double
        let top: Double
        let plotWidth: Double
        let plotHeight: Double
        /// Prefixes the ids of the frame's parts (`title`, `axes`, the clip path), so panels of one picture differ.
        let idPrefix: String
        var writer = SVGWriter()

        init(xAxis: PlotAxis, yAxis: PlotAxis, width: Int, height: Int) {
            // Room on the right for the legend, below for the x labels.
            self.init(xAxis: xAxis, yAxis: yAxis, left: 72, top: 44, plotWidth: max(60, Double(width) - 72 - 190),
                      plotHeight: max(60, Double(height) - 44 - 56))
        }

        /// A plot area of its own size at (`left`, `top`): one panel of a picture of several.
        init(xAxis: PlotAxis, yAxis: PlotAxis, left: Double, top: Double, plotWidth: Double, plotHeight: Double,
             idPrefix: String = "") {
            self.xAxis = xAxis
            self.yAxis = yAxis
            self.left = left
            self.top = top
            self.plotWidth = plotWidth
            self.plotHeight = plotHeight
            self.idPrefix = idPrefix
        }

        /// Data coordinates to picture coordinates.
        func map(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            (x: left + xAxis.fraction(x) * plotWidth, y: top + (1 - yAxis.fraction(y)) * plotHeight)
        }

        /// Background, clip region, title, grid lines, axes, ticks and their labels, axis names.
        mutating func drawFrame(title: String, xLabel: String, yLabel: String, background: Bool = true) {
            let right = left + plotWidth
            let bottom = top + plotHeight
            writer.raw("<defs><clipPath id=\"\(idPrefix)plot-area\"><rect x=\"\(n(left))\" y=\"\(n(top))\" "
                + "width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\"/></clipPath></defs>")
            if background { writer.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")]) }
            writer.text(title, [("id", idPrefix + "title"), ("x", n(left + plotWidth / 2)), ("y", n(top - 18)),
                                ("text-anchor", "middle"), ("font-size", "16"), ("font-weight", "bold")])
            writer.group([("id", idPrefix + "axes"), ("font-size", "12"), ("fill", "#333333")])
            for tick in xAxis.ticks(maxCount: 9) {
                let x = map(tick, yAxis.lower).x
                writer.element("line", [("x1", n(x)), ("y1", n(top)), ("x2", n(x)), ("y2", n(bottom)),
                                        ("stroke", "#e6e6e6")])
                writer.element("line", [("x1", n(x)), ("y1", n(bottom)), ("x2", n(x)), ("y2", n(bottom + 5)),
                                        ("stroke", "#333333")])
                writer.text(xAxis.label(tick), [("x", n(x)), ("y", n(bottom + 19)), ("text-anchor", "middle")])
            }
            for tick in yAxis.ticks(maxCount: 7) {
                let y = map(xAxis.lower, tick).y
                writer.element("line", [("x1", n(left)), ("y1", n(y)), ("x2", n(right)), ("y2", n(y)),
                                        ("stroke", "#e6e6e6")])
                writer.element("line", [("x1", n(left - 5)), ("y1", n(y)), ("x2", n(left)), ("y2", n(y)),
                                        ("stroke", "#333333")])
                writer.text(yAxis.label(tick), [("x", n(left - 8)), ("y", n(y + 4)), ("text-anchor", "end")])
            }
            writer.element("rect", [("x", n(left)), ("y", n(top)), ("width", n(plotWidth)), ("height", n(plotHeight)),
                                    ("fill", "none"), ("stroke", "#333333")])
            writer.text(xLabel, [("x", n(left + plotWidth / 2)), ("y", n(bottom + 40)), ("text-anchor", "middle")])
            let yLabelX = left - 56
            writer.text(yLabel, [("x", n(yLabelX)), ("y", n(top + plotHeight / 2)), ("text-anchor", "middle"),
                                 ("transform", "rotate(-90 \(n(yLabelX)) \(n(top + plotHeight / 2)))")])
            writer.close()
        }

        /// One series as a path with a stable id.
        mutating func path(id: String, xs: [Double], ys: [Double], color: String, width: Double, dash: String) {
            let points = zip(xs, ys).map { map($0.0, $0.1) }
            var attributes = [("id", id), ("class", "series"), ("d", SVGWriter.pathData(points)), ("fill", "none"),
                              ("stroke", color), ("stroke-width", n(width)), ("stroke-linejoin", "round")]
            if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
            writer.element("path", attributes)
        }

        /// A group of extremum markers: filled circles or hollow squares.
        mutating func markers(id: String, _ extrema: [Extremum], shape: MarkerShape, color: String) {
            writer.group([("id", id)])
            for extremum in extrema {
                let p = map(extremum.x, extremum.y)
                let kind = extremum.kind == .maximum ? "max" : "min"
                marker(at: p, shape: shape, color: color, classes: "extremum \(kind)")
            }
            writer.close()
        }

        private mutating func marker(at p: (x: Double, y: Double), shape: MarkerShape, color: String, classes: String) {
            switch shape {
            case .circle:
                writer.element("circle", [("class", classes), ("cx", n(p.x)), ("cy", n(p.y)), ("r", "4.5"),
                                          ("fill", color), ("stroke", "white"), ("stroke-width", "1")])
            case .square:
                writer.element("rect", [("class", classes), ("x", n(p.x - 6)), ("y", n(p.y - 6)), ("width", "12"),
                                        ("height", "12"), ("fill", "none"), ("stroke", color), ("stroke-width", "1.8")])
            }
        }

        /// The legend, one entry per line, right of the plot area.
        mutating func drawLegend(_ items: [LegendItem]) {
            let x = left + plotWidth + 16
            writer.group([("id", "legend"), ("font-size", "12"), ("fill", "#222222")])
            for (index, item) in items.enumerated() {
                let y = top + 10 + Double(index) * 20
                switch item.kind {
                case let .line(color, dash):
                    var attributes = [("x1", n(x)), ("y1", n(y)), ("x2", n(x + 28)), ("y2", n(y)), ("stroke", color),
                                      ("stroke-width", "2")]
                    if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
                    writer.element("line", attributes)
                case let .dots(color):
                    for offset in [4.0, 14, 24] {
                        writer.element("circle", [("cx", n(x + offset)), ("cy", n(y)), ("r", "1.8"), ("fill", color)])
                    }
                case let .marker(shape, color):
                    marker(at: (x + 14, y), shape: shape, color: color, classes: "legend-marker")
                case let .region(fill, point):
                    writer.element("rect", [("x", n(x)), ("y", n(y - 7)), ("width", "28"), ("height", "14"),
                                            ("fill", fill)])
                    writer.element("circle", [("cx", n(x + 14)), ("cy", n(y)), ("r", "3"), ("fill", point),
                                              ("stroke", "white"), ("stroke-width", "0.8")])
                }
                writer.text(item.name, [("x", n(x + 36)), ("y", n(y + 4))])
            }
            writer.close()
        }

        private func n(_ value: Double) -> String { SVGWriter.number(value) }
    }
}
