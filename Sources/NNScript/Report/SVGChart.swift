import Foundation

extension SVGPlot {
    /// What a legend entry shows beside its name.
    enum LegendKind {
        case line(String, String)  // colour, dash pattern
        case dots(String)
        case marker(MarkerShape, String)
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
        let left = 72.0
        let top = 44.0
        let plotWidth: Double
        let plotHeight: Double
        var writer = SVGWriter()

        init(xAxis: PlotAxis, yAxis: PlotAxis, width: Int, height: Int) {
            self.xAxis = xAxis
            self.yAxis = yAxis
            // Room on the right for the legend, below for the x labels.
            plotWidth = max(60, Double(width) - 72 - 190)
            plotHeight = max(60, Double(height) - 44 - 56)
        }

        /// Data coordinates to picture coordinates.
        func map(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            (x: left + xAxis.fraction(x) * plotWidth, y: top + (1 - yAxis.fraction(y)) * plotHeight)
        }

        /// Background, clip region, title, grid lines, axes, ticks and their labels, axis names.
        mutating func drawFrame(title: String, xLabel: String, yLabel: String) {
            let right = left + plotWidth
            let bottom = top + plotHeight
            writer.raw("<defs><clipPath id=\"plot-area\"><rect x=\"\(n(left))\" y=\"\(n(top))\" "
                + "width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\"/></clipPath></defs>")
            writer.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
            writer.text(title, [("id", "title"), ("x", n(left + plotWidth / 2)), ("y", "26"), ("text-anchor", "middle"),
                                ("font-size", "16"), ("font-weight", "bold")])
            writer.group([("id", "axes"), ("font-size", "12"), ("fill", "#333333")])
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
            writer.text(yLabel, [("x", "16"), ("y", n(top + plotHeight / 2)), ("text-anchor", "middle"),
                                 ("transform", "rotate(-90 16 \(n(top + plotHeight / 2)))")])
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
                }
                writer.text(item.name, [("x", n(x + 36)), ("y", n(y + 4))])
            }
            writer.close()
        }

        private func n(_ value: Double) -> String { SVGWriter.number(value) }
    }
}
