import Foundation

/// A metric against one axis of a sweep: every trial as a point (the spread over seeds) and the mean at each value
/// as a line, one series per point of the other axes.
public struct SpreadPlotData: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// Every trial: x (the axis's value) and y (the metric).
        public var points: [Point]
        /// The mean of the points at each x, in x order.
        public var means: [Point]

        public init(name: String, points: [Point], means: [Point]) {
            self.name = name
            self.points = points
            self.means = means
        }
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// A log y axis (for errors and losses, which spread over decades).
    public var logarithmic: Bool

    public init(title: String, xLabel: String, yLabel: String, series: [Series], logarithmic: Bool) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logarithmic = logarithmic
    }

    var usable: [Series] {
        series.map { s in
            Series(name: s.name, points: s.points.filter(isDrawable), means: s.means.filter(isDrawable))
        }
    }

    private func isDrawable(_ p: Point) -> Bool { p.x.isFinite && p.y.isFinite && (!logarithmic || p.y > 0) }
}

extension TerminalPlot {
    /// The spread plot in braille: trials as dots, the mean as a solid line.
    public static func spread(_ data: SpreadPlotData, width: Int, height: Int, color: Bool = false) -> String {
        let series = data.usable
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let xAxis = PlotAxis(covering: xs.isEmpty ? [0, 1] : xs)
        let yAxis = PlotAxis(covering: ys.isEmpty ? [1] : ys, logarithmic: data.logarithmic)
        var frame = Frame(xAxis: xAxis, yAxis: yAxis, width: width, height: height, layers: 2)
        for s in series {
            for point in s.points {
                let pixel = frame.pixel(x: point.x, y: point.y)
                guard pixel.x.isFinite, pixel.y.isFinite, abs(pixel.x) < 1e6, abs(pixel.y) < 1e6 else { continue }
                frame.canvas.set(layer: 0, x: Int(pixel.x.rounded()), y: Int(pixel.y.rounded()))
            }
            var pen = BrailleCanvas.Pen(layer: 1)
            frame.canvas.stroke(frame.pixels(xs: s.means.map(\.x), ys: s.means.map(\.y)), pen: &pen)
        }
        let legend = [(glyph: "⠒⠒", name: "mean", style: Style.fit), (glyph: "⠁", name: "one trial", style: Style.data)]
        return frame.render(color: color, legend: legend) { canvas, column, row in
            let mean = canvas.bits(layer: 1, column: column, row: row)
            let trials = canvas.bits(layer: 0, column: column, row: row)
            if trials != 0 { return (BrailleCanvas.character(trials | mean), Style.data) }
            return mean != 0 ? (BrailleCanvas.character(mean), Style.fit) : (" ", nil)
        }
    }
}

extension SVGPlot {
    /// The spread plot as SVG: each series's trials as circles (group `trials-K`) and its mean as a line
    /// (`mean-K`; without the suffix for a single series).
    public static func spread(_ data: SpreadPlotData, width: Int = 760, height: Int = 460) -> String {
        let series = data.usable
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        var chart = Chart(xAxis: PlotAxis(covering: xs.isEmpty ? [0, 1] : xs).padded(by: 0.04),
                          yAxis: PlotAxis(covering: ys.isEmpty ? [1] : ys, logarithmic: data.logarithmic).padded(by: 0.04),
                          width: width, height: height)
        chart.drawFrame(title: data.title, xLabel: data.xLabel, yLabel: data.yLabel)
        chart.writer.group([("clip-path", "url(#plot-area)")])
        var legend: [LegendItem] = []
        for (index, s) in series.enumerated() {
            let style = seriesStyle(index, of: series.count)
            chart.writer.group([("id", seriesID("trials", index, of: series.count)), ("fill", style.color),
                                ("fill-opacity", "0.6")])
            for point in s.points {
                let p = chart.map(point.x, point.y)
                chart.writer.element("circle", [("class", "trial"), ("cx", SVGWriter.number(p.x)),
                                                ("cy", SVGWriter.number(p.y)), ("r", "3.2")])
            }
            chart.writer.close()
            chart.path(id: seriesID("mean", index, of: series.count), xs: s.means.map(\.x), ys: s.means.map(\.y),
                       color: style.color, width: 2, dash: style.dash)
            legend.append(LegendItem(name: s.name + " (mean)", kind: .line(style.color, style.dash)))
        }
        chart.writer.close()
        chart.drawLegend(legend)
        return chart.writer.document(width: width, height: height)
    }
}
