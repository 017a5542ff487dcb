import Foundation
import NNScript
import Testing

// MARK: - compare for data that is not 1-D: the variants on their loss and metrics

@Suite(.serialized) struct CompareManyInputsTests {
    static func session(_ recipe: String) throws -> Session {
        RecipeRun(recipe, in: try TemporaryFolder.make("compare-many")).session
    }

    static let variants = CompareVariants.optimizer([
        OptimizerSpec(kind: .sgd, options: [.lr: 1e-6]),
        OptimizerSpec(kind: .adam, options: [.lr: 1e-2]),
    ])

    @Test func classifiersCompareOnLossAndAccuracy() throws {
        let session = try Self.session("""
            seed 3
            data moons noise 0.1 samples 120
            layer 8 tanh
            train 60
            """)
        let comparison = try session.comparison(of: Self.variants).get()
        #expect(comparison.columns == ["loss", "accuracy", "seconds"])
        #expect(comparison.grid.isEmpty && comparison.fitSVG == nil)
        let sgd = try #require(comparison.runs[0].metrics["accuracy"])
        let adam = try #require(comparison.runs[1].metrics["accuracy"])
        // sgd with a tiny rate stays near its start; adam separates the moons.
        #expect(adam > sgd && adam > 0.8)
        let table = comparison.table
        #expect(table.contains("accuracy") && !table.contains("extrema"))
        // The best accuracy is the highest: adam's row carries the mark.
        let adamRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("adam") })
        #expect(adamRow.contains("*"))
        #expect(table.contains("* best in its column"))
        let text = comparison.terminalText(width: 80)
        #expect(text.contains("loss per iteration") && !text.contains("┤"))
    }

    @Test func regressionsOfSeveralInputsCompareOnMseAndR2() throws {
        let session = try Self.session("""
            seed 3
            data x1 * x2 on [-1, 1] x [-1, 1] samples 100
            layer 8 tanh
            train 40
            """)
        let comparison = try session.comparison(of: Self.variants).get()
        #expect(comparison.columns == ["loss", "mse", "r2", "seconds"])
        let sgd = try #require(comparison.runs[0].metrics["mse"]), adam = try #require(comparison.runs[1].metrics["mse"])
        #expect(adam < sgd)
        #expect(comparison.runs.allSatisfy { $0.metrics["r2"] != nil && $0.losses.count == 40 })
    }

    /// Before, `compare` refused data of several inputs; the statement now prints its table.
    @Test func theStatementRunsOnATableOfClasses() throws {
        let folder = try TemporaryFolder.make("compare-table")
        var table = "a,b,kind\n"
        for i in 0..<40 { table += "\(i % 9),\(i % 5),\(i % 9 < 4 ? "low" : "high")\n" }
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let run = RecipeRun("""
            seed 3
            data csv "t.csv" target kind
            layer 4 tanh
            train 20
            compare optimizer adam lr=1e-3 | adam lr=1e-2
            """, in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("variant") && run.output.contains("accuracy"))
        #expect(run.output.contains("adam lr=0.001") && run.output.contains("adam lr=0.01"))
    }
}
