import Foundation
import NNScript
import Testing

@Suite struct TerminalPlotTests {
    // MARK: - Golden renders

    @Test func fitPlotMatchesGolden() {
        let text = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12)
        ReportFixtures.expectGolden(text, "fit-72x12.txt")
    }

    @Test func compactFitPlotMatchesGolden() {
        let data = FitPlotData(
            title: "sin", grid: ReportFixtures.grid, target: ReportFixtures.target, fit: ReportFixtures.goodFit)
        ReportFixtures.expectGolden(TerminalPlot.fit(data, width: 60, height: 4), "fit-compact-60x4.txt")
    }

    @Test func lossPlotMatchesGolden() {
        ReportFixtures.expectGolden(TerminalPlot.loss(ReportFixtures.losses, width: 64, height: 8), "loss-64x8.txt")
    }

    // MARK: - Layout

    @Test(arguments: [30, 50, 80, 132])
    func linesFitTheGivenWidth(width: Int) {
        let text = TerminalPlot.fit(ReportFixtures.fitPlotData, width: width, height: 6)
        for line in text.split(separator: "\n") {
            #expect(line.count <= width, "line too wide: \(line)")
        }
        // 6 plot rows, then the axis, its labels and the legend (wrapped on narrow terminals).
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(6).allSatisfy { $0.contains("┤") || $0.contains("│") })
        #expect(lines.count >= 9 && lines[6].contains("└"))
    }

    @Test func yLabelsAndXTicksAreDrawn() {
        let lines = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12).split(separator: "\n")
        #expect(lines.filter { $0.contains("┤") }.count >= 3)
        let axis = lines.first { $0.contains("└") }
        #expect(axis?.contains("┬") == true)
        let labels = lines.firstIndex { $0.contains("└") }.map { String(lines[$0 + 1]) } ?? ""
        // The x range [-1, 9] gets nice ticks 0, 2, 4, 6, 8.
        for tick in ["0", "2", "4", "6", "8"] { #expect(labels.split(separator: " ").contains(Substring(tick))) }
    }

    @Test func seriesAreToldApartWithoutColour() {
        let text = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("·"))  // data
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })  // lines in braille
        #expect(text.contains("fit") && text.contains("target") && text.contains("data"))  // the legend
    }

    /// A comparison in a terminal without colour drew every variant with the same braille line: each fit now
    /// carries its own marker, named in the legend.
    @Test func comparedFitsAreToldApartWithoutColour() {
        let shifted = ReportFixtures.goodFit.map { $0 + 0.3 }, flat = ReportFixtures.goodFit.map { _ in 0.0 }
        let data = FitPlotData(title: "compare", grid: ReportFixtures.grid, target: ReportFixtures.target, fits: [
            NamedSeries(name: "sgd", values: ReportFixtures.goodFit), NamedSeries(name: "adam", values: shifted),
            NamedSeries(name: "rmsprop", values: flat),
        ])
        let text = TerminalPlot.fit(data, width: 72, height: 12)
        #expect(!text.contains("\u{1B}"))
        let lines = text.split(separator: "\n")
        let legend = lines.drop { !$0.contains("└") }.dropFirst(2).joined(separator: " ")
        #expect(legend.contains("⠒+⠒ sgd") && legend.contains("⠒o⠒ adam") && legend.contains("⠒#⠒ rmsprop"), "\(legend)")
        let canvas = lines.prefix { !$0.contains("└") }.map { $0.drop { $0 != "┤" && $0 != "│" } }.joined()
        for marker in ["+", "o", "#"] {
            #expect(canvas.filter { String($0) == marker }.count >= 3, "marker \(marker) along its line:\n\(text)")
        }
        // One fit alone keeps the plain legend and no markers.
        let single = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12)
        #expect(!single.contains("⠒+⠒"))
    }

    @Test func colourOnlyAddsEscapes() {
        let plain = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12)
        let coloured = TerminalPlot.fit(ReportFixtures.fitPlotData, width: 72, height: 12, color: true)
        #expect(coloured.contains("\u{1B}[1;34m"))
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        let trimmed = stripped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
        #expect(trimmed.joined(separator: "\n") == plain)
    }

    @Test func degenerateInputsDoNotTrap() {
        let empty = FitPlotData(title: "", grid: [], target: nil, fits: [])
        #expect(!TerminalPlot.fit(empty, width: 0, height: 0).isEmpty)
        let flat = FitPlotData(title: "", grid: [0, 1], target: [2, 2], fit: [.nan, .infinity])
        #expect(TerminalPlot.fit(flat, width: 20, height: 3).contains("┤"))
        #expect(!TerminalPlot.loss([], width: 5, height: 1).isEmpty)
        #expect(!TerminalPlot.loss([0, -1, .nan], width: 40, height: 4).isEmpty)
        let extreme = FitPlotData(
            title: "", grid: [0, 1], target: nil, fit: [-1e308, 1e308], pointsX: [-1e308, 1e308], pointsY: [0, 1e308])
        #expect(TerminalPlot.fit(extreme, width: 30, height: 4).contains("└"))
        #expect(!SVGPlot.fit(extreme).isEmpty)
    }

    // MARK: - Braille canvas

    @Test func canvasSetsTheBrailleDotBits() {
        var canvas = BrailleCanvas(columns: 2, rows: 1, layers: 1)
        canvas.set(layer: 0, x: 0, y: 0)  // dot 1
        canvas.set(layer: 0, x: 1, y: 3)  // dot 8
        canvas.set(layer: 0, x: 2, y: 1)  // second cell, dot 2
        canvas.set(layer: 0, x: 99, y: 99)  // outside: ignored
        #expect(canvas.bits(layer: 0, column: 0, row: 0) == 0x81)
        #expect(canvas.bits(layer: 0, column: 1, row: 0) == 0x02)
        #expect(BrailleCanvas.character(0x81) == "⢁")
    }

    @Test func dottedPenSetsEveryThirdDot() {
        var canvas = BrailleCanvas(columns: 6, rows: 1, layers: 2)
        var solid = BrailleCanvas.Pen(layer: 0)
        var dotted = BrailleCanvas.Pen(layer: 1, dashEvery: 3)
        canvas.stroke([(0, 0), (11, 0)], pen: &solid)
        canvas.stroke([(0, 0), (11, 0)], pen: &dotted)
        let count = { (layer: Int) in
            (0..<6).map { canvas.bits(layer: layer, column: $0, row: 0).nonzeroBitCount }.reduce(0, +)
        }
        #expect(count(0) == 12)
        #expect(count(1) == 4)
    }

    // MARK: - Sparkline

    @Test func sparklineUsesEveryLevel() {
        #expect(TerminalPlot.sparkline([1, 2, 3, 4, 5, 6, 7, 8], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(TerminalPlot.sparkline([8, 7, 6, 5, 4, 3, 2, 1], width: 4) == "█▆▃▁")
        #expect(TerminalPlot.sparkline([1, 10, 100, 1000], width: 4, logarithmic: true) == "▁▃▆█")
        #expect(TerminalPlot.sparkline([1, .nan, 3], width: 3) == "▁×█")
        #expect(TerminalPlot.sparkline([], width: 10) == "")
        #expect(TerminalPlot.sparkline(ReportFixtures.losses, width: 30, logarithmic: true).count == 30)
    }
}
