import Foundation

/// SVG pictures of data that is not 1-D. Each part has a stable id, so tools and tests can find it:
/// - decision regions: `regions` (one `rect` per run of equal cells along a row, class `region class-i`), `points`
///   (one `circle` per drawn training point, class `point class-i`), `legend`;
/// - a surface of two inputs: one panel per map, `panel-fit`, `panel-target`, `panel-error` (or `panel-data`
///   when the target is unknown), each with its cells (`NAME-cells`: one `rect` per run of equal values along a
///   row) or points (`data-points`) and its colour scale `scale-NAME`;
/// - predicted against actual: `panel-1`, `panel-2`, … (one per output), each with its `circle`s and `diagonal`;
/// - the confusion matrix: `confusion` (one `rect` per cell, with its count as text).
extension SVGPlot {
    /// `class-0`, `class-1`, …; `class-none` where the network gave NaN.
    static func classTag(_ index: Int) -> String { index >= 0 ? "class-\(index)" : "class-none" }

    /// A class's region fill (light) and point colour (dark).
    static func classColors(_ index: Int) -> (region: String, point: String) {
        let regions = ["#c6dbef", "#fcc5c0", "#c7e9c0", "#dadaeb", "#fdd0a2", "#c7eae5", "#f1c6e0", "#e5e5b0"]
        let points = ["#1f5fbf", "#c62828", "#2e7d32", "#6a3d9a", "#e6550d", "#00796b", "#c2185b", "#808000"]
        guard index >= 0 else { return ("#eeeeee", "#555555") }
        return (regions[index % regions.count], points[index % points.count])
    }

    /// The decision regions of a classifier of two inputs with its training points on top.
    public static func regions(_ picture: RegionPicture) -> String {
        let (width, height) = (760, 600)
        let grid = picture.grid
        var chart = Chart(xAxis: grid.xAxis, yAxis: grid.yAxis, width: width, height: height)
        chart.drawFrame(title: picture.title, xLabel: grid.xName, yLabel: grid.yName)
        chart.writer.group([("clip-path", "url(#plot-area)")])
        chart.writer.group([("id", "regions"), ("shape-rendering", "crispEdges")])
        drawCells(&chart, grid: grid) { picture.predicted[$0] } fill: { index, _ in classColors(index).region }
        chart.writer.close()
        let stride = max(1, (picture.points.count + maxPoints - 1) / maxPoints)
        chart.writer.group([("id", "points"), ("stroke", "white"), ("stroke-width", "0.6")])
        for index in Swift.stride(from: 0, to: picture.points.count, by: stride) {
            let point = picture.points[index]
            let p = chart.map(point.x, point.y)
            chart.writer.element("circle", [("class", "point " + classTag(point.label)), ("cx", SVGWriter.number(p.x)),
                                            ("cy", SVGWriter.number(p.y)), ("r", "2.6"),
                                            ("fill", classColors(point.label).point)])
        }
        chart.writer.close()
        chart.writer.close()
        chart.drawLegend(picture.classes.enumerated().map { index, name in
            LegendItem(name: name, kind: .region(classColors(index).region, classColors(index).point))
        })
        return chart.writer.document(width: width, height: height)
    }

    /// A regression of two inputs as maps side by side, each with its colour scale: the fit, the noiseless target
    /// and the error (fit − target) when the target is known, else the fit and the training points coloured by
    /// their values. The fit and the target share one scale, so equal colours are equal values.
    public static func surfaces(_ picture: SurfacePicture) -> String {
        let grid = picture.grid
        let scale = picture.valueAxis
        var panels: [(name: String, title: String)] = [("fit", "fit of \(picture.outputName)")]
        if picture.target != nil {
            panels += [("target", "target"), ("error", "error (fit − target)")]
        } else {
            panels.append(("data", "data"))
        }
        let side = 280.0, panelWidth = 360.0
        let (width, height) = (Int(panelWidth) * panels.count + 20, 470)
        var writer = SVGWriter()
        for (index, panel) in panels.enumerated() {
            var chart = Chart(xAxis: grid.xAxis, yAxis: grid.yAxis, left: 70 + panelWidth * Double(index), top: 64,
                              plotWidth: side, plotHeight: side, idPrefix: "\(panel.name)-")
            chart.writer = writer
            chart.writer.group([("id", "panel-\(panel.name)")])
            chart.drawFrame(title: panel.title, xLabel: grid.xName, yLabel: grid.yName, background: index == 0)
            chart.writer.group([("clip-path", "url(#\(panel.name)-plot-area)")])
            var (barScale, barColor): (PlotAxis, (Double) -> String) = (scale, sequentialColor)
            switch panel.name {
            case "fit", "target":
                let values = panel.name == "fit" ? picture.fit : picture.target ?? []
                drawMap(&chart, name: panel.name, grid: grid, values: values, scale: scale, color: sequentialColor)
            case "error":
                let error = picture.error ?? []
                let largest = max(error.filter(\.isFinite).map(abs).max() ?? 0, 1e-12)
                (barScale, barColor) = (PlotAxis(lower: -largest, upper: largest), divergingColor)
                drawMap(&chart, name: panel.name, grid: grid, values: error, scale: barScale, color: divergingColor)
            default:
                chart.writer.group([("id", "data-points")])
                let stride = max(1, (picture.points.count + maxPoints - 1) / maxPoints)
                for index in Swift.stride(from: 0, to: picture.points.count, by: stride) {
                    let point = picture.points[index]
                    let p = chart.map(point.x, point.y)
                    chart.writer.element("circle", [("class", "point"), ("cx", SVGWriter.number(p.x)),
                                                    ("cy", SVGWriter.number(p.y)), ("r", "2.4"),
                                                    ("fill", sequentialColor(scale.fraction(point.value)))])
                }
                chart.writer.close()
            }
            chart.writer.close()
            colourBar(&chart, name: panel.name, scale: barScale, color: barColor)
            chart.writer.close()
            writer = chart.writer
        }
        return writer.document(width: width, height: height)
    }

    // MARK: - Cells and colour scales

    /// A map of `values` (one per cell of `grid`) coloured along `scale`.
    private static func drawMap(_ chart: inout Chart, name: String, grid: MapGrid, values: [Double],
                                scale: PlotAxis, color: (Double) -> String) {
        chart.writer.group([("id", "\(name)-cells"), ("shape-rendering", "crispEdges")])
        drawCells(&chart, grid: grid) { values[$0] } fill: { _, cell in color(scale.fraction(values[cell])) }
        chart.writer.close()
    }

    /// One `rect` per run of cells along a row whose `key` is equal (a class, or a value), filled by `fill` of the
    /// run's first cell: regions of one class draw as a few wide strips, not one square per cell.
    private static func drawCells<Key: Equatable>(_ chart: inout Chart, grid: MapGrid, key: (Int) -> Key,
                                                  fill: (Key, Int) -> String) {
        let cellWidth = chart.plotWidth / Double(grid.columns), cellHeight = chart.plotHeight / Double(grid.rows)
        for row in 0..<grid.rows {
            var start = 0
            while start < grid.columns {
                let first = row * grid.columns + start
                var end = start + 1
                while end < grid.columns, key(row * grid.columns + end) == key(first) { end += 1 }
                let value = key(first)
                var attributes = [("x", SVGWriter.number(chart.left + Double(start) * cellWidth)),
                                  ("y", SVGWriter.number(chart.top + Double(row) * cellHeight)),
                                  ("width", SVGWriter.number(Double(end - start) * cellWidth + 0.3)),
                                  ("height", SVGWriter.number(cellHeight + 0.3)), ("fill", fill(value, first))]
                if let label = value as? Int { attributes.insert(("class", "region " + classTag(label)), at: 0) }
                chart.writer.element("rect", attributes)
                start = end
            }
        }
    }

    /// A horizontal colour bar under a panel, from the scale's lower end to its upper end, with both ends and the
    /// middle labelled.
    private static func colourBar(_ chart: inout Chart, name: String, scale: PlotAxis,
                                  color: (Double) -> String) {
        let n = SVGWriter.number
        let y = chart.top + chart.plotHeight + 52
        chart.writer.group([("id", "scale-\(name)"), ("font-size", "11"), ("fill", "#333333")])
        chart.writer.raw("<defs><linearGradient id=\"gradient-\(name)\">"
            + stride(from: 0.0, through: 1.0, by: 0.125).map { "<stop offset=\"\(n($0))\" stop-color=\"\(color($0))\"/>" }
                .joined() + "</linearGradient></defs>")
        chart.writer.element("rect", [("x", n(chart.left)), ("y", n(y)), ("width", n(chart.plotWidth)),
                                      ("height", "10"), ("fill", "url(#gradient-\(name))"), ("stroke", "#999999")])
        for fraction in [0.0, 0.5, 1.0] {
            let value = scale.lower + fraction * (scale.upper - scale.lower)
            chart.writer.text(NumberFormat.short(value), [("x", n(chart.left + fraction * chart.plotWidth)),
                                                         ("y", n(y + 24)), ("text-anchor", "middle")])
        }
        chart.writer.close()
    }

    /// Dark blue (0) through teal and green to yellow (1), as viridis runs; grey for NaN.
    static func sequentialColor(_ fraction: Double) -> String {
        interpolate(fraction, stops: [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)])
    }

    /// Blue (0) through white (½) to red (1): below and above zero for an error map.
    static func divergingColor(_ fraction: Double) -> String {
        interpolate(fraction, stops: [(33, 102, 172), (247, 247, 247), (178, 24, 43)])
    }

    private static func interpolate(_ fraction: Double, stops: [(Double, Double, Double)]) -> String {
        guard fraction.isFinite else { return "#9e9e9e" }
        let position = min(max(fraction, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let t = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        let channels = [a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t]
        return "#" + channels.map { String(format: "%02x", Int($0.rounded())) }.joined()
    }
}
