import Foundation

/// Plots written as SVG files: the fit (points, target, fit, extrema marked) and the loss on a log scale, each alone
/// or as an overlay of several variants for a comparison.
///
/// Every series is an element with a stable id, so tools and tests can find it: `data` (a group of circles),
/// `target` (a dashed path), `fit` or `fit-1`, `fit-2`… (paths), `fit-extrema` (a group of filled circles),
/// `target-extrema` (a group of hollow squares), `loss` or `loss-1`, `loss-2`… (paths), `legend`, `title`.
/// Overlaid series differ in dash pattern as well as colour, so a grey-scale print still tells them apart.
public enum SVGPlot {
    /// At most this many data points are drawn (evenly thinned beyond), keeping files small.
    public static let maxPoints = 3000

    /// The fit plot: training points, the noiseless target, the fit(s), and — for a single fit — the local extrema of
    /// fit and target.
    public static func fit(_ data: FitPlotData, width: Int = 760, height: Int = 460) -> String {
        var chart = Chart(
            xAxis: PlotAxis(covering: data.allX), yAxis: PlotAxis(covering: data.allY).padded(by: 0.04), width: width,
            height: height)
        chart.drawFrame(title: data.title, xLabel: "x", yLabel: "y")
        chart.writer.group([("clip-path", "url(#plot-area)")])

        var legend: [LegendItem] = []
        let points = data.points
        if !points.isEmpty {
            let stride = max(1, (points.count + maxPoints - 1) / maxPoints)
            chart.writer.group([("id", "data"), ("fill", "#8a8a8a"), ("fill-opacity", "0.55")])
            for index in Swift.stride(from: 0, to: points.count, by: stride) {
                let p = chart.map(points[index].x, points[index].y)
                let center = [("cx", SVGWriter.number(p.x)), ("cy", SVGWriter.number(p.y))]
                chart.writer.element("circle", [("class", "point")] + center + [("r", "1.6")])
            }
            chart.writer.close()
            legend.append(LegendItem(name: "data", kind: .dots("#8a8a8a")))
        }
        if let target = data.target {
            chart.path(id: "target", xs: data.grid, ys: target, color: targetColor, width: 1.6, dash: "6 4")
            legend.append(LegendItem(name: "target", kind: .line(targetColor, "6 4")))
        }
        for (index, fit) in data.fits.enumerated() {
            let style = seriesStyle(index, of: data.fits.count)
            chart.path(id: seriesID("fit", index, of: data.fits.count), xs: data.grid, ys: fit.values,
                       color: style.color, width: 2, dash: style.dash)
            legend.append(LegendItem(name: fit.name, kind: .line(style.color, style.dash)))
        }
        if data.fits.count == 1, data.grid.count == data.fits[0].values.count {
            let extrema = Extrema.positions(of: data.fits[0].values, grid: data.grid)
            chart.markers(id: "fit-extrema", extrema, shape: .circle, color: palette[0])
            legend.append(LegendItem(name: "fit extrema (\(extrema.count))", kind: .marker(.circle, palette[0])))
        }
        if let target = data.target, target.count == data.grid.count {
            let extrema = Extrema.positions(of: target, grid: data.grid)
            chart.markers(id: "target-extrema", extrema, shape: .square, color: targetColor)
            legend.append(LegendItem(name: "target extrema (\(extrema.count))", kind: .marker(.square, targetColor)))
        }
        chart.writer.close()
        chart.drawLegend(legend)
        return chart.writer.document(width: width, height: height)
    }

    /// The loss per iteration on a logarithmic y axis; several series overlay (e.g. the variants of a comparison).
    public static func loss(title: String, series: [NamedSeries], width: Int = 760, height: Int = 460) -> String {
        let longest = series.map(\.values.count).max() ?? 0
        var chart = Chart(
            xAxis: PlotAxis(covering: [1, Double(max(1, longest))]),
            yAxis: PlotAxis(covering: series.flatMap(\.values), logarithmic: true).padded(by: 0.03), width: width,
            height: height)
        chart.drawFrame(title: title, xLabel: "iteration", yLabel: "loss (log scale)")
        chart.writer.group([("clip-path", "url(#plot-area)")])
        var legend: [LegendItem] = []
        for (index, item) in series.enumerated() {
            let style = seriesStyle(index, of: series.count)
            // A log axis cannot show non-positive losses: they break the line like non-finite ones.
            let ys = item.values.map { $0 > 0 ? $0 : .nan }
            chart.path(id: seriesID("loss", index, of: series.count), xs: item.values.indices.map { Double($0 + 1) },
                       ys: ys, color: style.color, width: 1.6, dash: style.dash)
            legend.append(LegendItem(name: item.name, kind: .line(style.color, style.dash)))
        }
        chart.writer.close()
        chart.drawLegend(legend)
        return chart.writer.document(width: width, height: height)
    }

    /// One loss curve, named "loss".
    public static func loss(title: String, losses: [Double], width: Int = 760, height: Int = 460) -> String {
        loss(title: title, series: [NamedSeries(name: "loss", values: losses)], width: width, height: height)
    }

    // MARK: - Styles

    static let targetColor = "#2e7d32"
    static let palette = ["#1f5fbf", "#d62728", "#ff7f0e", "#7b3fa0", "#8c564b", "#e377c2", "#17becf", "#555555"]
    static let dashes = ["", "9 4", "3 3", "12 4 3 4"]

    static func seriesStyle(_ index: Int, of count: Int) -> (color: String, dash: String) {
        (palette[index % palette.count], count == 1 ? "" : dashes[index % dashes.count])
    }

    static func seriesID(_ base: String, _ index: Int, of count: Int) -> String {
        count == 1 ? base : "\(base)-\(index + 1)"
    }
}
