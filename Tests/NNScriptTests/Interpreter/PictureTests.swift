import Foundation
import NNScript
import Testing

/// What `report` and `plot fit` show for data that is not 1-D: the decision regions or the surface of two inputs,
/// predicted against actual or the confusion matrix for more, in the terminal and as SVG.
@Suite struct PictureTests {
    static func run(_ recipe: String, files: [String: String] = [:]) throws -> (RecipeRun, String) {
        let folder = try TemporaryFolder.make("pictures")
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return (RecipeRun(recipe, in: folder), folder)
    }

    @Test func aClassifierOfTwoInputsReportsItsRegionsAndWritesThemAsSVG() throws {
        let (run, folder) = try Self.run("""
            seed 3
            data spiral classes 3 noise 0.1 samples 120
            layer 8 tanh
            optimizer adam lr=1e-2
            train 30
            report
            plot fit "regions.svg"
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("A .. 0   B -- 1   C :: 2"))
        #expect(run.output.contains("letters: training points by class"))
        let plotRows = run.output.split(separator: "\n").filter { $0.contains("┤") || $0.contains(" │") }
        #expect(plotRows.count == 18)
        let svg = try String(contentsOfFile: folder + "/regions.svg", encoding: .utf8)
        let inventory = SVGInventory(svg)
        #expect(inventory.parsed && inventory.childCounts["points"] == 120)
        #expect(inventory.children["regions"].map { Set($0.compactMap { $0["y"] }).count } == 80)
    }

    @Test func aRegressionOfTwoInputsShowsItsSurfaceAndThreeMaps() throws {
        let (run, folder) = try Self.run("""
            seed 3
            data sin(x1) * cos(x2) on [-3, 3] x [-3, 3] samples 100
            layer 8 tanh
            optimizer adam lr=1e-2
            train 20
            plot fit
            plot fit "surface.svg"
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("fit of y: ") && run.output.contains(" .:-=+*#%@"))
        let inventory = SVGInventory(try String(contentsOfFile: folder + "/surface.svg", encoding: .utf8))
        #expect(inventory.parsed)
        #expect(["panel-fit", "panel-target", "panel-error"].allSatisfy(inventory.ids.contains))
    }

    @Test func aRegressionOfThreeInputsShowsPredictedAgainstActual() throws {
        let (run, folder) = try Self.run("""
            seed 3
            data [x1 + x2 * x3, x1 - x3] on [-1, 1] x [-1, 1] x [-1, 1] samples 60
            layer 8 tanh
            optimizer adam lr=1e-2
            train 20
            report
            plot fit "scatter.svg"
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("y1: predicted against actual") && run.output.contains("y2: predicted against actual"))
        let inventory = SVGInventory(try String(contentsOfFile: folder + "/scatter.svg", encoding: .utf8))
        #expect(inventory.parsed && inventory.childCounts["points-1"] == 60 && inventory.childCounts["points-2"] == 60)
    }

    @Test func aTableOfClassesWritesItsConfusionMatrix() throws {
        var table = "a,b,c,kind\n"
        for i in 0..<30 { table += "\(i),\(i % 7),\(30 - i),\(i < 15 ? "low" : "high")\n" }
        let (run, folder) = try Self.run("""
            seed 3
            data csv "t.csv" target kind
            layer 4 tanh
            train 10
            plot fit "confusion.svg"
            """, files: ["t.csv": table])
        #expect(run.result.exitCode == 0, "\(run.errors)")
        let inventory = SVGInventory(try String(contentsOfFile: folder + "/confusion.svg", encoding: .utf8))
        #expect(inventory.parsed)
        #expect(inventory.children["confusion"]?.filter { $0["class"]?.hasPrefix("cell") == true }.count == 4)
        #expect(inventory.texts.contains("low") && inventory.texts.contains("high"))
    }

    /// The same recipe draws the same picture: the weights are the same, and so is every cell.
    @Test func picturesAreReproducible() throws {
        let recipe = """
            seed 5
            data moons noise 0.2 samples 80
            layer 6 tanh
            train 15
            report
            """
        let (first, _) = try Self.run(recipe)
        let (second, _) = try Self.run(recipe)
        #expect(first.output == second.output && first.output.contains("A .. 0   B -- 1"))
    }
}
