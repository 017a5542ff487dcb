import Foundation

/// Pictures of data of two inputs and of many inputs for the terminal, each readable without colour:
/// - **decision regions**: every character cell shows the class the network picks at its centre, by a fill
///   character of its own (`.`, `-`, `:`, …), with the training points on top as the class's letter (`A`, `B`, …;
///   the class most of a cell's points have). With colour each class's region gets a light background and its
///   points a dark letter of the same hue.
/// - **a fitted surface**: every cell shaded by the fit's value along the ramp ` .:-=+*#%@` (light to dark), with
///   a scale line saying which values the ends stand for; with colour, a blue-to-yellow background ramp.
/// - **predicted against actual**: one braille scatter per output, the diagonal y = x dotted.
extension TerminalPlot {
    /// The cells of the plot area a picture `width` columns wide (labels included) and `height` rows tall gives the
    /// plane of `xs` against `ys`: one sample of the network per character.
    public static func mapGrid(xName: String, yName: String, xs: [Double], ys: [Double], width: Int,
                               height: Int) -> MapGrid {
        let (xAxis, yAxis) = MapGrid.axes(xs: xs, ys: ys)
        let frame = Frame(xAxis: xAxis, yAxis: yAxis, width: width, height: height, layers: 1)
        return MapGrid(xName: xName, yName: yName, xAxis: xAxis, yAxis: yAxis, columns: frame.canvas.columns,
                       rows: frame.canvas.rows)
    }

    /// The fill character of class `index`'s region, and the letter of its points.
    static func regionFill(_ index: Int) -> Character {
        let fills = Array(".-:~'^,=")
        return index >= 0 ? fills[index % fills.count] : "?"
    }

    static func classLetter(_ index: Int) -> Character {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return index < letters.count ? letters[index] : "*"
    }

    /// The decision regions with the training points, `width` columns wide with `height` rows of plot area, then the
    /// axes and a legend naming each class's letter and fill.
    public static func regions(_ picture: RegionPicture, width: Int, height: Int, color: Bool = false) -> String {
        let grid = picture.grid
        let frame = Frame(xAxis: grid.xAxis, yAxis: grid.yAxis, width: width, height: height, layers: 1)
        let columns = frame.canvas.columns, rows = frame.canvas.rows
        // Each cell's points by class; the cell shows the class most of them have (the lowest on a tie).
        var counts: [Int: [Int: Int]] = [:]
        for point in picture.points where point.label >= 0 {
            guard let cell = cellOf(x: point.x, y: point.y, grid: grid, columns: columns, rows: rows) else { continue }
            counts[cell, default: [:]][point.label, default: 0] += 1
        }
        let shown = counts.mapValues { byClass in
            byClass.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        }
        var legend: [(glyph: String, name: String, style: String)] = picture.classes.indices.map { index in
            let fill = String(repeating: regionFill(index), count: 2)
            return ("\(classLetter(index)) \(fill)", picture.classes[index], ClassStyle.region(index))
        }
        legend.append(("→", grid.xName, Style.axis))
        legend.append(("↑", grid.yName, Style.axis))
        var text = frame.render(color: color, legend: legend) { _, column, row in
            let region = sample(picture.predicted, grid: grid, column: column, row: row, columns: columns, rows: rows)
            if let label = shown[row * columns + column] {
                return (classLetter(label), ClassStyle.point(label, on: region))
            }
            return (color && region >= 0 ? " " : regionFill(region), ClassStyle.region(region))
        }
        text += "\n" + String(repeating: " ", count: RunText.labelWidth)
            + "letters: training points by class · fill: the class the network picks there"
        return text
    }

    /// The fitted surface shaded by value, then the scale line: the value each end of the ramp stands for.
    public static func surface(_ picture: SurfacePicture, width: Int, height: Int, color: Bool = false) -> String {
        let grid = picture.grid
        let frame = Frame(xAxis: grid.xAxis, yAxis: grid.yAxis, width: width, height: height, layers: 1)
        let columns = frame.canvas.columns, rows = frame.canvas.rows
        let scale = PlotAxis(covering: picture.fit)
        let legend = [(glyph: "→", name: grid.xName, style: Style.axis), ("↑", grid.yName, Style.axis)]
        var text = frame.render(color: color, legend: legend) { _, column, row in
            let value = sample(picture.fit, grid: grid, column: column, row: row, columns: columns, rows: rows)
            let level = rampLevel(value, scale: scale)
            return (color && level >= 0 ? " " : rampCharacter(level), ShadeStyle.background(level))
        }
        var line = Line(color: color)
        line.append(String(repeating: " ", count: RunText.labelWidth) + "fit of \(picture.outputName): ", nil)
        line.append(scale.label(scale.lower) + " ", nil)
        for level in 0..<ramp.count {
            line.append(color ? " " : String(ramp[level]), ShadeStyle.background(level))
        }
        line.append(" " + scale.label(scale.upper), nil)
        text += "\n" + line.finished
        if !color { text += "  (ramp ' .:-=+*#%@', low to high)" }
        return text
    }

    /// The network's value (up) against the actual one (across) at every row, one scatter per output, each with the
    /// diagonal y = x, on which a perfect fit's dots would lie.
    public static func predictedVersusActual(_ panels: [ScatterPanel], width: Int, height: Int,
                                             color: Bool = false) -> String {
        panels.map { panel in
            let axis = panel.axis
            var frame = Frame(xAxis: axis, yAxis: axis, width: width, height: height, layers: 2)
            var pen = BrailleCanvas.Pen(layer: 1, dashEvery: 3)
            frame.canvas.stroke([frame.pixel(x: axis.lower, y: axis.lower), frame.pixel(x: axis.upper, y: axis.upper)],
                                pen: &pen)
            for (actual, predicted) in zip(panel.actual, panel.predicted) {
                let pixel = frame.pixel(x: actual, y: predicted)
                guard pixel.x.isFinite, pixel.y.isFinite, abs(pixel.x) < 1e6, abs(pixel.y) < 1e6 else { continue }
                frame.canvas.set(layer: 0, x: Int(pixel.x.rounded()), y: Int(pixel.y.rounded()))
            }
            let legend = [(glyph: "⣿", name: "rows: predicted ↑ against actual →", style: Style.fit),
                          ("⠂⠐⠀⠂", "y = x (a perfect fit)", Style.target)]
            let plot = frame.render(color: color, legend: legend) { canvas, column, row in
                let points = canvas.bits(layer: 0, column: column, row: row)
                let diagonal = canvas.bits(layer: 1, column: column, row: row)
                guard points | diagonal != 0 else { return (" ", nil) }
                return (BrailleCanvas.character(points | diagonal), points != 0 ? Style.fit : Style.target)
            }
            return "\(panel.name): predicted against actual\n" + plot
        }.joined(separator: "\n")
    }

    // MARK: - Cells

    /// The cell of the picture's `columns × rows` area a point falls in, as a row-major index.
    private static func cellOf(x: Double, y: Double, grid: MapGrid, columns: Int, rows: Int) -> Int? {
        let resized = MapGrid(xName: grid.xName, yName: grid.yName, xAxis: grid.xAxis, yAxis: grid.yAxis,
                              columns: columns, rows: rows)
        return resized.cell(x: x, y: y).map { $0.row * columns + $0.column }
    }

    /// The grid's value under picture cell (`column`, `row`); the grid is the picture's own size when made by
    /// `mapGrid`, and sampled proportionally otherwise.
    private static func sample<Value>(_ values: [Value], grid: MapGrid, column: Int, row: Int, columns: Int,
                                      rows: Int) -> Value {
        let gridColumn = min(grid.columns - 1, column * grid.columns / max(columns, 1))
        let gridRow = min(grid.rows - 1, row * grid.rows / max(rows, 1))
        return values[gridRow * grid.columns + gridColumn]
    }

    static let ramp = Array(" .:-=+*#%@")

    /// The ramp level of `value` on `scale` (`-1` for NaN).
    static func rampLevel(_ value: Double, scale: PlotAxis) -> Int {
        let fraction = scale.fraction(value)
        guard fraction.isFinite else { return -1 }
        return Int(min(max(fraction * Double(ramp.count), 0), Double(ramp.count - 1)))
    }

    static func rampCharacter(_ level: Int) -> Character { level >= 0 ? ramp[level] : "?" }

    // MARK: - Colours

    /// A class's colours: a light background for its region, a dark letter for its points (256-colour ANSI).
    enum ClassStyle {
        static let backgrounds = [153, 217, 157, 183, 222, 159, 218, 193]
        static let letters = [19, 124, 28, 91, 166, 30, 162, 100]

        static func region(_ index: Int) -> String {
            index >= 0 ? "\u{1B}[48;5;\(backgrounds[index % backgrounds.count])m" : Style.data
        }

        static func point(_ index: Int, on region: Int) -> String {
            let background = region >= 0 ? "48;5;\(backgrounds[region % backgrounds.count]);" : ""
            return "\u{1B}[\(background)1;38;5;\(letters[index % letters.count])m"
        }
    }

    /// The surface's ramp as backgrounds, dark blue to yellow.
    enum ShadeStyle {
        static let backgrounds = [17, 18, 25, 31, 37, 43, 78, 113, 148, 184]

        static func background(_ level: Int) -> String? {
            level >= 0 ? "\u{1B}[48;5;\(backgrounds[level])m" : nil
        }
    }
}
