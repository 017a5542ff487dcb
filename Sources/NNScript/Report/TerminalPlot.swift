import Foundation

/// Plots for the terminal, drawn with braille dots and readable without colour.
///
/// How the series are told apart without colour:
/// - the **fit** is a solid braille line (every dot along its path);
/// - the **target** is a dotted braille line (every third dot along its path), so where the fit covers the target
///   one solid line shows, and where they part a dotted trace runs beside the solid one;
/// - the **data** points are `·` in cells that no line passes through: a faint cloud behind the lines.
/// - several **fits** (a comparison) are solid lines too, each carrying its own ASCII marker (`+`, `o`, `#`, `%`, …)
///   every few columns along its path, staggered so that lines drawn on top of each other still show every marker.
/// A legend line under the x axis shows the glyphs, one entry per fit when there are several. With `color`, the
/// fit is bold blue, the target green and the data dim, using ANSI escapes; the markers do not depend on it.
public enum TerminalPlot {
    /// The plot of training points, target and fit(s), `width` columns wide (labels included) with `height` rows of
    /// plot area, plus the x axis, its labels and the legend below.
    public static func fit(_ data: FitPlotData, width: Int, height: Int, color: Bool = false) -> String {
        let xAxis = PlotAxis(covering: data.allX)
        let yAxis = PlotAxis(covering: data.allY)
        var frame = Frame(xAxis: xAxis, yAxis: yAxis, width: width, height: height, layers: Layer.allCases.count)
        for point in data.points {
            let pixel = frame.pixel(x: point.x, y: point.y)
            // Off-canvas or unplaceable points are skipped before the conversion to Int, which would trap on them.
            guard pixel.x.isFinite, pixel.y.isFinite, abs(pixel.x) < 1e6, abs(pixel.y) < 1e6 else { continue }
            frame.canvas.set(layer: Layer.data.rawValue, x: Int(pixel.x.rounded()), y: Int(pixel.y.rounded()))
        }
        if let target = data.target {
            var pen = BrailleCanvas.Pen(layer: Layer.target.rawValue, dashEvery: 3)
            frame.canvas.stroke(frame.pixels(xs: data.grid, ys: target), pen: &pen)
        }
        for fit in data.fits {
            var pen = BrailleCanvas.Pen(layer: Layer.fit.rawValue)
            frame.canvas.stroke(frame.pixels(xs: data.grid, ys: fit.values), pen: &pen)
        }
        let markers = data.fits.count > 1 ? fitMarkers(data, frame: frame) : [:]
        var legend: [(glyph: String, name: String, style: String)] = []
        if data.fits.count == 1 { legend.append(("⠒⠒", "fit", Style.fit)) }
        for (index, fit) in data.fits.enumerated() where data.fits.count > 1 {
            legend.append(("⠒\(marker(index))⠒", fit.name, Style.fit))
        }
        if data.target != nil { legend.append(("⠂⠐⠀⠂", "target", Style.target)) }
        if !data.points.isEmpty { legend.append(("·", "data", Style.data)) }
        return frame.render(color: color, legend: legend) { canvas, column, row in
            if let marker = markers[Cell(column: column, row: row)] { return (marker, Style.fit) }
            let fitBits = canvas.bits(layer: Layer.fit.rawValue, column: column, row: row)
            let targetBits = canvas.bits(layer: Layer.target.rawValue, column: column, row: row)
            if fitBits | targetBits != 0 {
                return (BrailleCanvas.character(fitBits | targetBits), fitBits != 0 ? Style.fit : Style.target)
            }
            if canvas.bits(layer: Layer.data.rawValue, column: column, row: row) != 0 { return ("·", Style.data) }
            return (" ", nil)
        }
    }

    /// The loss per iteration on a logarithmic y axis (non-positive and non-finite losses are skipped).
    public static func loss(_ losses: [Double], width: Int, height: Int, color: Bool = false) -> String {
        let iterations = losses.indices.map { Double($0 + 1) }
        let xAxis = PlotAxis(covering: iterations.isEmpty ? [1] : iterations)
        let yAxis = PlotAxis(covering: losses, logarithmic: true)
        var frame = Frame(xAxis: xAxis, yAxis: yAxis, width: width, height: height, layers: 1)
        var pen = BrailleCanvas.Pen(layer: 0)
        frame.canvas.stroke(frame.pixels(xs: iterations, ys: losses), pen: &pen)
        let legend = [(glyph: "⠒⠒", name: "loss (log scale) per iteration", style: Style.fit)]
        return frame.render(color: color, legend: legend) { canvas, column, row in
            let bits = canvas.bits(layer: 0, column: column, row: row)
            return bits != 0 ? (BrailleCanvas.character(bits), Style.fit) : (" ", nil)
        }
    }

    /// A one-line sketch of `values` with the block elements ▁…█, at most `width` characters (each the mean of its
    /// share of the values; on a log scale when asked, which suits losses). Non-finite buckets show as `×`.
    public static func sparkline(_ values: [Double], width: Int, logarithmic: Bool = false) -> String {
        let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let count = min(max(0, width), values.count)
        guard count > 0 else { return "" }
        let buckets: [Double] = (0..<count).map { bucket in
            let start = bucket * values.count / count
            let end = max(start + 1, (bucket + 1) * values.count / count)
            let slice = values[start..<end].map { logarithmic ? ($0 > 0 ? log10($0) : .nan) : $0 }
            return slice.reduce(0, +) / Double(slice.count)
        }
        let finite = buckets.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 0
        return String(buckets.map { value -> Character in
            guard value.isFinite else { return "×" }
            guard high > low else { return levels[levels.count / 2] }
            let level = ((value - low) / (high - low) * Double(levels.count - 1)).rounded()
            guard level.isFinite else { return levels[levels.count / 2] }
            return levels[Int(min(max(level, 0), Double(levels.count - 1)))]
        })
    }

    // MARK: - Telling fits apart

    private struct Cell: Hashable {
        var column: Int
        var row: Int
    }

    /// The marker of fit `index`: symbols no axis label uses (`+ o # % @ & $ =`), then `A`…`Z`, then `*`.
    static func marker(_ index: Int) -> Character {
        let symbols = Array("+o#%@&$=ABCDFGHIJKLMNOPQRSTUVWXYZ")
        return index < symbols.count ? symbols[index] : "*"
    }

    /// For each fit, its marker in every `spacing × count`-th column along its path, fit `i` offset by
    /// `spacing × i` columns, so no two fits claim the same column and each shows at least once on a wide plot.
    private static func fitMarkers(_ data: FitPlotData, frame: Frame) -> [Cell: Character] {
        let spacing = 4, period = spacing * data.fits.count
        var markers: [Cell: Character] = [:]
        for (index, fit) in data.fits.enumerated() {
            var lastColumn = -1
            for pixel in frame.pixels(xs: data.grid, ys: fit.values) {
                guard pixel.x.isFinite, pixel.y.isFinite, pixel.x >= 0, pixel.y >= 0,
                      pixel.x < Double(frame.canvas.pixelWidth), pixel.y < Double(frame.canvas.pixelHeight) else {
                    continue
                }
                let column = Int(pixel.x.rounded()) / 2, row = Int(pixel.y.rounded()) / 4
                guard column != lastColumn, (column + period - spacing * index) % period == spacing / 2 else {
                    continue
                }
                lastColumn = column
                markers[Cell(column: column, row: row)] = marker(index)
            }
        }
        return markers
    }

    // MARK: - Layers and styles

    private enum Layer: Int, CaseIterable { case data, target, fit }

    enum Style {
        static let fit = "\u{1B}[1;34m"
        static let target = "\u{1B}[32m"
        static let data = "\u{1B}[2m"
        static let axis = "\u{1B}[2m"
        static let reset = "\u{1B}[0m"
    }
}
