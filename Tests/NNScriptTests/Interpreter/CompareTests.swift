import Foundation
import NNScript
import Testing

// MARK: - compare: variants trained from scratch, side by side

@Suite(.serialized) struct CompareTests {
    /// A small set-up trained briefly, so each variant trains for the same 100 iterations.
    static let recipe = """
        seed 3
        data sin(x) noise 0.05 on [0, 6] samples 200
        layer 8 tanh
        optimizer adam lr=1e-2
        train 100
        """

    static let variants = CompareVariants.optimizer([
        OptimizerSpec(kind: .sgd, options: [.lr: 4e-7]),
        OptimizerSpec(kind: .adam, options: [.lr: 1e-2]),
    ])

    /// A session that has run `recipe`, its output collected.
    static func trainedSession() -> (Session, StringOutput) {
        Runtime.threadCount = 1
        var options = SessionOptions()
        options.quiet = true
        let output = StringOutput()
        let session = Session(options: options, output: output, errors: StringOutput())
        _ = session.run(source: recipe)
        return (session, output)
    }

    @Test func givesOneRowPerVariantNamedAsWritten() throws {
        let (session, _) = CompareTests.trainedSession()
        let comparison = try session.comparison(of: CompareTests.variants).get()
        #expect(comparison.runs.map(\.name) == ["sgd lr=4e-7", "adam lr=0.01"])
        for run in comparison.runs {
            #expect(run.losses.count == 100)
            #expect(run.fit.count == comparison.grid.count)
            #expect(run.metrics["mse"] != nil && run.metrics["extrema"] != nil)
        }
        // sgd with a tiny rate barely moves; adam fits far better.
        let sgd = try #require(comparison.runs[0].metrics["mse"]), adam = try #require(comparison.runs[1].metrics["mse"])
        #expect(adam < sgd)
        let table = comparison.table
        #expect(table.contains("sgd lr=4e-7") && table.contains("adam lr=0.01") && table.contains("max_error"))
    }

    @Test func leavesTheSessionsModelAlone() throws {
        let (session, _) = CompareTests.trainedSession()
        let before = session.weightsSHA256
        let iterations = session.iterations
        _ = try session.comparison(of: CompareTests.variants).get()
        #expect(session.weightsSHA256 == before)
        #expect(session.iterations == iterations)
    }

    @Test func isDeterministicAndMatchesAFreshRunOfTheSameSetUp() throws {
        let (first, _) = CompareTests.trainedSession()
        let (second, _) = CompareTests.trainedSession()
        let a = try first.comparison(of: CompareTests.variants).get()
        let b = try second.comparison(of: CompareTests.variants).get()
        let c = try first.comparison(of: CompareTests.variants).get()
        for (x, y) in [(a, b), (a, c)] {
            #expect(x.runs.map(\.losses) == y.runs.map(\.losses))
            #expect(x.runs.map(\.fit) == y.runs.map(\.fit))
        }
        // The adam variant is the session's own set-up trained from the same init draws: the same loss curve.
        let (session, _) = CompareTests.trainedSession()
        let own = session.comparedRun(name: "own", grid: a.grid)
        #expect(a.runs[1].losses == own.losses)
        #expect(a.runs[1].fit == own.fit)
    }

    @Test func eachKindNamesItsVariants() throws {
        let (session, _) = CompareTests.trainedSession()
        let cases: [(CompareVariants, [String])] = [
            (.loss([LossSpec(kind: .mse), LossSpec(kind: .huber, delta: 0.1)]), ["mse", "huber delta=0.1"]),
            (.batch([32, nil]), ["batch 32", "full batch"]),
            (.output([.builtin(.linear, parameter: nil), .builtin(.tanh, parameter: nil)]),
             ["output linear", "output tanh"]),
            (.schedule([ScheduleSpec(shape: .constant), ScheduleSpec(shape: .cosine(minLR: 0), warmup: 10)]),
             ["constant", "cosine warmup=10"]),
        ]
        for (variants, names) in cases {
            let comparison = try session.comparison(of: variants).get()
            #expect(comparison.runs.map(\.name) == names)
        }
    }

    @Test func theStatementPrintsTheTableAndAnOverlay() {
        Runtime.threadCount = 1
        let output = StringOutput()
        var options = SessionOptions()
        options.quiet = true
        let session = Session(options: options, output: output, errors: StringOutput())
        let result = session.run(source: CompareTests.recipe + "\ncompare loss mse | l1\n")
        #expect(result.exitCode == 0)
        #expect(output.text.contains("variant"))
        #expect(output.text.contains("l1"))
        #expect(output.text.contains("loss per iteration"))
    }

    @Test func theCompareExampleRunsAndItsExpectationsHold() {
        Runtime.threadCount = 1
        let output = StringOutput(), errors = StringOutput()
        var options = SessionOptions()
        options.quiet = true
        options.file = "examples/compare.nn"
        let session = Session(options: options, output: output, errors: errors)
        let result = session.run(source: RepositoryFiles.text("examples/compare.nn"))
        #expect(result.exitCode == 0, "\(errors.text)")
        #expect(result.expectationsPassed > 0)
        #expect(output.text.contains("sgd lr=4e-7") && output.text.contains("adam lr=0.01"))
    }
}
