import Foundation
import NNScript
import Testing

/// The SVG pictures of two and of many inputs, read back with an XML parser: well-formed, with the parts the
/// picture promises, counted.
@Suite struct SVGMapsTests {
    /// Runs of equal classes along each row of `picture`'s grid: the `rect`s the regions should have.
    static func runs(_ picture: RegionPicture) -> Int {
        let grid = picture.grid
        return (0..<grid.rows).reduce(0) { total, row in
            let cells = picture.predicted[(row * grid.columns)..<((row + 1) * grid.columns)]
            return total + 1 + zip(cells, cells.dropFirst()).filter { $0 != $1 }.count
        }
    }

    @Test func regionsHaveOneRectPerRunAndEveryPoint() throws {
        let picture = MapFixtures.regions(MapFixtures.squareGrid(cells: 40))
        let inventory = SVGInventory(SVGPlot.regions(picture))
        #expect(inventory.parsed)
        #expect(inventory.childCounts["regions"] == Self.runs(picture))
        #expect(inventory.childCounts["points"] == MapFixtures.points.count)
        // The runs of each row cover the plot area's width exactly once.
        let rects = try #require(inventory.children["regions"])
        let rows = Dictionary(grouping: rects) { $0["y"] ?? "" }
        #expect(rows.count == 40)
        for (_, row) in rows {
            let width = row.reduce(0.0) { $0 + (Double($1["width"] ?? "") ?? 0) - 0.3 }
            #expect(abs(width - 498) < 0.1)
        }
        // Each region's class and each point's, as the picture has them.
        let regionClasses = Set(rects.compactMap { $0["class"] })
        #expect(regionClasses == ["region class-0", "region class-1", "region class-2"])
        let pointClasses = inventory.children["points"]?.compactMap { $0["class"] } ?? []
        #expect(pointClasses.filter { $0 == "point class-0" }.count == MapFixtures.points.filter { $0.label == 0 }.count)
        #expect(inventory.texts.contains("versicolor") && inventory.texts.contains("x1") && inventory.texts.contains("x2"))
    }

    @Test func surfacesHaveFitTargetAndErrorPanelsWithScales() throws {
        let picture = MapFixtures.surface(MapFixtures.squareGrid(cells: 20))
        let inventory = SVGInventory(SVGPlot.surfaces(picture))
        #expect(inventory.parsed)
        for panel in ["fit", "target", "error"] {
            #expect(inventory.ids.contains("panel-\(panel)") && inventory.ids.contains("scale-\(panel)"))
            let cells = try #require(inventory.children["\(panel)-cells"])
            // Every cell is drawn (runs merge equal neighbours, so at most one rect per cell).
            #expect(cells.count >= 20 && cells.count <= 400)
            #expect(Set(cells.compactMap { $0["y"] }).count == 20)
        }
        #expect(!inventory.ids.contains("panel-data"))
        // The error scale is symmetric about zero: its ends are ± the largest error (0.05 here).
        #expect(inventory.texts.contains("-0.05") && inventory.texts.contains("0.05"))
    }

    @Test func aSurfaceWithoutTargetShowsTheFitAndTheData() {
        let picture = MapFixtures.surface(MapFixtures.squareGrid(cells: 10), withTarget: false)
        let inventory = SVGInventory(SVGPlot.surfaces(picture))
        #expect(inventory.parsed)
        #expect(inventory.ids.contains("panel-fit") && inventory.ids.contains("panel-data"))
        #expect(!inventory.ids.contains("panel-target") && !inventory.ids.contains("panel-error"))
        #expect(inventory.childCounts["data-points"] == 50)
    }

    @Test func predictedAgainstActualHasAPanelPerOutput() {
        let panels = (1...4).map { j in
            ScatterPanel(name: "y\(j)", actual: (0..<30).map(Double.init), predicted: (0..<30).map { Double($0 + j) })
        }
        let inventory = SVGInventory(SVGPlot.predictedVersusActual(title: "t & <u>", panels))
        #expect(inventory.parsed)
        for j in 1...4 {
            #expect(inventory.ids.contains("panel-\(j)") && inventory.ids.contains("diagonal-\(j)"))
            #expect(inventory.childCounts["points-\(j)"] == 30)
        }
        #expect(!inventory.ids.contains("panel-5"))
        #expect(inventory.texts.contains("t & <u>: predicted against actual"))
    }

    @Test func confusionHeatMapHasACellPerPairWithItsCount() throws {
        let metrics = ClassificationMetrics(classes: ["a", "b", "c"], confusion: [[5, 1, 0], [0, 7, 2], [1, 0, 9]])
        let inventory = SVGInventory(SVGPlot.confusion(title: "iris", metrics))
        #expect(inventory.parsed)
        let cells = try #require(inventory.children["confusion"]).filter { $0["class"]?.hasPrefix("cell") == true }
        #expect(cells.count == 9)
        #expect(cells.filter { $0["class"] == "cell right" }.count == 3)
        for count in ["5", "1", "7", "2", "9"] { #expect(inventory.texts.contains(count)) }
        // The diagonal's shares (5/6, 7/9, 9/10) are dark; an empty cell is white.
        #expect(cells[0]["fill"] != "#f7fbff" && cells[2]["fill"] == "#f7fbff")
    }
}
