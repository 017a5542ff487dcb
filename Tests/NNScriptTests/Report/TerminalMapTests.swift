import Foundation
import NNScript
import Testing

@Suite struct TerminalMapTests {
    // MARK: - Decision regions

    @Test func regionsMatchGolden() {
        let text = TerminalPlot.regions(MapFixtures.regions(width: 60, height: 14), width: 60, height: 14)
        ReportFixtures.expectGolden(text, "regions-60x14.txt")
    }

    @Test func regionsShowEveryClassByItsFillAndLetterWithoutColour() {
        let text = TerminalPlot.regions(MapFixtures.regions(width: 60, height: 14), width: 60, height: 14)
        #expect(!text.contains("\u{1B}"))
        let plotRows = text.split(separator: "\n").prefix(14).map { String($0.split(separator: "┤").last ?? "") }
        let area = plotRows.joined()
        for fill in [".", "-", ":"] { #expect(area.contains(fill), "no region filled with \(fill)") }
        for letter in ["A", "B", "C"] { #expect(area.contains(letter), "no point drawn as \(letter)") }
        // The legend names each class beside its letter and fill.
        #expect(text.contains("A .. setosa") && text.contains("B -- versicolor") && text.contains("C :: virginica"))
        #expect(text.contains("→ x1") && text.contains("↑ x2"))
    }

    /// A point of one class in another class's region shows as its own letter on the other's fill: the one
    /// point labelled wrong in the fixture is the only letter on foreign ground.
    @Test func aPointInAnotherClassesRegionStandsOut() {
        let picture = MapFixtures.regions(width: 60, height: 14)
        let text = TerminalPlot.regions(picture, width: 60, height: 14)
        let rows = text.split(separator: "\n").prefix(14).map { Array($0.split(separator: "┤").last.map(String.init)
            ?? String($0.split(separator: "│").last ?? "")) }
        var foreign = 0
        let letters: [Character: Character] = ["A": ".", "B": "-", "C": ":"]
        for row in rows {
            for (index, character) in row.enumerated() {
                guard let own = letters[character] else { continue }
                let neighbours = [index - 1, index + 1].filter { row.indices.contains($0) }.map { row[$0] }
                let fills = neighbours.filter { [".", "-", ":"].contains($0) }
                if !fills.isEmpty, !fills.contains(own) { foreign += 1 }
            }
        }
        #expect(foreign >= 1)
    }

    @Test func regionsInColourShadeCellsAndKeepLetters() {
        let text = TerminalPlot.regions(MapFixtures.regions(width: 60, height: 14), width: 60, height: 14,
                                        color: true)
        #expect(text.contains("\u{1B}[48;5;153m"))  // class 0's background
        #expect(text.contains("\u{1B}[48;5;217m"))  // class 1's
        #expect(text.contains("A") && text.contains("B") && text.contains("C"))
        // The fill characters give way to shaded blanks.
        let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(!plain.split(separator: "\n").prefix(14).joined().contains("::"))
    }

    @Test(arguments: [30, 60, 100])
    func regionLinesFitTheWidth(width: Int) {
        let text = TerminalPlot.regions(MapFixtures.regions(width: width, height: 8), width: width, height: 8)
        for line in text.split(separator: "\n").dropLast() { #expect(line.count <= width, "too wide: \(line)") }
    }

    @Test func cellsWhereTheNetworkGaveNaNShowAQuestionMark() {
        var picture = MapFixtures.regions(width: 40, height: 6)
        picture.points = []
        picture.predicted = RegionPicture.picks(logits: [Double](repeating: .nan, count: 3 * picture.grid.cellCount),
                                                classes: 3)
        let area = TerminalPlot.regions(picture, width: 40, height: 6).split(separator: "\n").prefix(6).joined()
        #expect(area.contains("?") && !area.contains("."))
    }

    @Test func picksTakeTheLargestLogit() {
        #expect(RegionPicture.picks(logits: [0, 2, 1, 5, -1, 4, 1, 1, .nan], classes: 3) == [1, 0, -1])
    }

    // MARK: - Surface

    @Test func surfaceMatchesGolden() {
        let picture = MapFixtures.surface(MapFixtures.surfaceGrid(width: 60, height: 12))
        ReportFixtures.expectGolden(TerminalPlot.surface(picture, width: 60, height: 12), "surface-60x12.txt")
    }

    @Test func surfaceRampRunsFromLowToHighWithItsScale() {
        let picture = MapFixtures.surface(MapFixtures.surfaceGrid(width: 60, height: 12))
        let text = TerminalPlot.surface(picture, width: 60, height: 12)
        let area = text.split(separator: "\n").prefix(12).joined()
        // sin(x)·cos(y) over [-3, 3]² reaches both ends of the ramp.
        #expect(area.contains("@") && area.contains(" ."))
        let scale = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(scale.contains("fit of y:") && scale.contains(" .:-=+*#%@"))
        #expect(scale.contains(NumberFormat.short(picture.fit.min()!)) && scale.contains(NumberFormat.short(picture.fit.max()!)))
    }

    @Test func surfaceInColourUsesBackgrounds() {
        let picture = MapFixtures.surface(MapFixtures.surfaceGrid(width: 60, height: 12))
        let text = TerminalPlot.surface(picture, width: 60, height: 12, color: true)
        #expect(text.contains("\u{1B}[48;5;17m") && text.contains("\u{1B}[48;5;184m"))
        #expect(!text.split(separator: "\n").prefix(12).joined().contains("@"))
    }

    // MARK: - Predicted against actual

    @Test func scatterHasOnePanelPerOutput() {
        let actual = (0..<100).flatMap { i in [Double(i) / 50, -Double(i) / 50] }
        let predicted = actual.enumerated().map { $0.element + ($0.offset % 2 == 0 ? 0.05 : -0.3) }
        let panels = ScatterPanel.panels(names: ["price", "rooms"], actual: actual, predicted: predicted)
        #expect(panels.map(\.name) == ["price", "rooms"] && panels[1].actual.first == 0 && panels[1].actual[1] == -0.02)
        let text = TerminalPlot.predictedVersusActual(panels, width: 60, height: 6)
        #expect(text.components(separatedBy: "predicted against actual\n").count == 3)
        #expect(text.contains("price:") && text.contains("rooms:") && text.contains("y = x"))
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }
}
