import Foundation

extension TerminalPlot {
    /// The parts every terminal plot shares: a braille canvas between a labelled y axis on the left and a ticked,
    /// labelled x axis below, then a legend.
    ///
    /// ```
    ///   0.4 ┤    ⣀⡠⠤⠤⢄⣀
    ///     0 ┤⡠⠊       ⠑⢄
    ///       └──┬───────┬──
    ///          0       4
    /// ```
    struct Frame {
        let xAxis: PlotAxis
        let yAxis: PlotAxis
        var canvas: BrailleCanvas
        private let labelWidth: Int
        private let yLabels: [Int: String]

        /// `width` counts every column, labels included; `height` the rows of plot area.
        init(xAxis: PlotAxis, yAxis: PlotAxis, width: Int, height: Int, layers: Int) {
            let rows = max(2, height)
            // At least two labelled values, or the reader cannot tell the scale.
            var tickCount = max(2, min(6, (rows + 1) / 2))
            var ticks = yAxis.ticks(maxCount: tickCount)
            while ticks.count < 2 && tickCount < 12 {
                tickCount += 1
                ticks = yAxis.ticks(maxCount: tickCount)
            }
            var labels: [Int: String] = [:]
            for tick in ticks {
                let pixelY = (1 - yAxis.fraction(tick)) * Double(rows * 4 - 1)
                guard pixelY.isFinite else { continue }
                let row = Int(min(max(pixelY.rounded(), 0), Double(rows * 4 - 1))) / 4
                if labels[row] == nil { labels[row] = yAxis.label(tick) }
            }
            let labelWidth = labels.values.map(\.count).max() ?? 0
            self.xAxis = xAxis
            self.yAxis = yAxis
            self.labelWidth = labelWidth
            self.yLabels = labels
            self.canvas = BrailleCanvas(columns: max(8, width - labelWidth - 2), rows: rows, layers: layers)
        }

        /// The pixel position of a data point (fractional; y grows downwards).
        func pixel(x: Double, y: Double) -> (x: Double, y: Double) {
            (
                x: xAxis.fraction(x) * Double(canvas.pixelWidth - 1),
                y: (1 - yAxis.fraction(y)) * Double(canvas.pixelHeight - 1)
            )
        }

        func pixels(xs: [Double], ys: [Double]) -> [(x: Double, y: Double)] {
            zip(xs, ys).map { pixel(x: $0.0, y: $0.1) }
        }

        /// The whole plot as lines of text; `cell` says what each canvas cell shows and in which ANSI style.
        func render(
            color: Bool, legend: [(glyph: String, name: String, style: String)],
            cell: (BrailleCanvas, Int, Int) -> (Character, String?)
        ) -> String {
            var lines: [String] = []
            let indent = String(repeating: " ", count: labelWidth)
            for row in 0..<canvas.rows {
                var line = Line(color: color)
                if let label = yLabels[row] {
                    line.append(String(repeating: " ", count: labelWidth - label.count) + label + " ┤", Style.axis)
                } else {
                    line.append(indent + " │", Style.axis)
                }
                for column in 0..<canvas.columns {
                    let (character, style) = cell(canvas, column, row)
                    line.append(String(character), style)
                }
                lines.append(line.finished)
            }
            let (axisLine, labelLine) = xAxisLines()
            var axis = Line(color: color)
            axis.append(indent + " └" + axisLine, Style.axis)
            lines.append(axis.finished)
            lines.append(indent + "  " + labelLine)
            // The legend under the labels, wrapped when the plot is too narrow for it on one line.
            var legendLine = Line(color: color)
            var used = 0
            let totalWidth = labelWidth + 2 + canvas.columns
            for item in legend {
                let length = item.glyph.count + 1 + item.name.count
                if used > 0, used + 3 + length > totalWidth {
                    lines.append(legendLine.finished)
                    legendLine = Line(color: color)
                    used = 0
                }
                let indentWidth = min(labelWidth + 2, max(0, totalWidth - length))
                let lead = used == 0 ? String(repeating: " ", count: indentWidth) : "   "
                legendLine.append(lead, nil)
                legendLine.append(item.glyph, item.style)
                legendLine.append(" " + item.name, nil)
                used += lead.count + length
            }
            if used > 0 { lines.append(legendLine.finished) }
            return lines.map { $0.trailingSpacesRemoved }.joined(separator: "\n")
        }

        /// The x axis rule with `┬` at the ticks, and the tick labels centred under them (a label that would touch
        /// its left neighbour is left out).
        private func xAxisLines() -> (axis: String, labels: String) {
            let columns = canvas.columns
            let ticks = xAxis.ticks(maxCount: max(2, columns / 9))
            var rule = [Character](repeating: "─", count: columns)
            var labels = [Character](repeating: " ", count: columns)
            var nextFree = 0
            for tick in ticks {
                let pixelX = xAxis.fraction(tick) * Double(canvas.pixelWidth - 1)
                guard pixelX.isFinite else { continue }
                let column = Int(min(max(pixelX.rounded(), 0), Double(canvas.pixelWidth - 1))) / 2
                rule[column] = "┬"
                let text = Array(xAxis.label(tick))
                let start = max(0, min(column - (text.count - 1) / 2, labels.count - text.count))
                guard start >= nextFree else { continue }
                labels.replaceSubrange(start..<(start + text.count), with: text)
                nextFree = start + text.count + 1
            }
            return (String(rule), String(labels))
        }
    }

    /// A line of text built from styled pieces; styles are only written when `color` is on, and a run of pieces in
    /// one style gets one escape.
    struct Line {
        let color: Bool
        private(set) var text = ""
        private var current: String?

        init(color: Bool) { self.color = color }

        mutating func append(_ piece: String, _ style: String?) {
            if color && style != current {
                if current != nil { text += Style.reset }
                if let style { text += style }
                current = style
            }
            text += piece
        }

        var finished: String { color && current != nil ? text + Style.reset : text }
    }
}

extension String {
    /// The string without spaces at its end.
    var trailingSpacesRemoved: String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
