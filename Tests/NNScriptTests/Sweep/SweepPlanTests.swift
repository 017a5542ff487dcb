import NNScript
import Testing

/// The grid a recipe's `sweep` lines make, its order, and the errors of its lines and values.
@Suite struct SweepPlanTests {
    static let base = """
        seed 7
        data sin(x) on [0, 3] samples 50
        layer 8 tanh
        optimizer adam lr=1e-2
        train 20

        """

    static func plan(_ source: String, fixed: [String] = []) -> (SweepPlan?, [LocatedDiagnostic]) {
        let overrides = fixed.map { argument -> SweepOverride in
            guard case .success(let override) = SetArgument.parse(argument) else {
                Issue.record("bad --set \(argument)")
                return SweepOverride(target: .seed, value: SweepValue(label: "0", text: "0", number: 0,
                                                                      origin: .startOfFile("x")))
            }
            return override
        }
        let made = SweepPlan.make(source: source, file: "s.nn", fixed: overrides)
        return (made.plan, made.diagnostics)
    }

    @Test func axesFormAGridInStatementOrderWithTheLastFastest() throws {
        let (plan, diagnostics) = Self.plan(Self.base + "sweep lr 1e-3, 3e-3\nsweep seed 1 to 3\n")
        #expect(diagnostics.isEmpty)
        let sweep = try #require(plan)
        #expect(sweep.trialCount == 6)
        let listed = (0..<6).map { sweep.assignments(ofTrial: $0) }
        #expect(listed == ["lr=1e-3 seed=1", "lr=1e-3 seed=2", "lr=1e-3 seed=3",
                           "lr=3e-3 seed=1", "lr=3e-3 seed=2", "lr=3e-3 seed=3"])
    }

    @Test func aTrialIsTheRecipeWithItsValuesWrittenInOnTheSameLines() throws {
        let sweep = try #require(Self.plan(Self.base + "sweep lr 1e-3, 3e-3\nsweep seed 1 to 3\n").0)
        let text = sweep.trialText(4).text
        #expect(text.contains("seed 2\n"))
        #expect(text.contains("optimizer adam lr=0.003\n"))
        #expect(!text.contains("sweep"))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count
                == sweep.source.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func setFixesAnAxisAndChangesTheRecipeHash() throws {
        let source = Self.base + "sweep lr 1e-3, 3e-3\nsweep seed 1 to 3\n"
        let swept = try #require(Self.plan(source).0)
        let fixed = try #require(Self.plan(source, fixed: ["seed=2"]).0)
        #expect(fixed.trialCount == 2)
        #expect(fixed.axes.map(\.target) == [.optimizerOption(.lr)])
        #expect(fixed.recipeHash != swept.recipeHash)
        // Trial 1 of the fixed plan is trial 4 of the full one: the same text, so the same weights.
        #expect(fixed.trialText(1).text == swept.trialText(4).text)
    }

    @Test func aBadValueIsReportedAtTheValueInTheSweepLine() {
        let source = Self.base + "sweep lr 1e-3, -1\n"
        let (plan, diagnostics) = Self.plan(source)
        #expect(plan == nil)
        let error = diagnostics.first { $0.diagnostic.isError }
        #expect(error?.diagnostic.id == .valueOutOfRange)
        #expect(error?.diagnostic.range.start.line == 6)
        #expect(error?.diagnostic.range.start.column == 16)
        #expect(error?.rendered(color: false).contains("sweep lr 1e-3, -1") == true)
    }

    @Test func anOptionTheOptimizerLacksIsReportedAtTheAxisValue() {
        let (_, diagnostics) = Self.plan(Self.base + "sweep momentum 0.9\n")
        let error = diagnostics.first { $0.diagnostic.isError }
        #expect(error?.diagnostic.id == .unknownName)
        #expect(error?.diagnostic.range.start.line == 6)
    }

    @Test func unknownAxesSuggestTheNearestName() {
        let (_, diagnostics) = Self.plan(Self.base + "sweep lrr 1e-3\n")
        #expect(diagnostics.first?.diagnostic.id == .unknownName)
        #expect(diagnostics.first?.diagnostic.fixIt?.replacement == "lr")
        let (_, layer) = Self.plan(Self.base + "sweep layer 1 sise 4, 8\n")
        #expect(layer.first?.diagnostic.fixIt?.replacement == "size")
    }

    @Test func anAxisWithNothingToSetIsAnError() {
        let (_, diagnostics) = Self.plan(Self.base + "sweep layer 2 size 4, 8\n")
        #expect(diagnostics.map(\.diagnostic.id) == [.sweepTargetMissing])
        #expect(diagnostics.first?.diagnostic.message.contains("1 'layer' statement") == true)
    }

    @Test func anOptionSetInASweptOptimizerThatLacksItPointsAtTheOption() {
        let (plan, diagnostics) = Self.plan(Self.base + "sweep optimizer adam, sgd lr=0.1\nsweep beta1 0.5\n")
        #expect(plan == nil)
        let error = diagnostics.first { $0.diagnostic.isError }
        #expect(error?.diagnostic.id == .unknownName)
        #expect(error?.diagnostic.range.start.line == 7)  // `sweep beta1 0.5`: sgd has no beta1
    }

    @Test func sweepLinesAreRefusedInTheREPL() {
        var checker = Checker(allowsMetaCommands: true)
        var diagnostics: [Diagnostic] = []
        let (program, _) = Parser.parse(source: "sweep seed 1 to 3", file: "repl")
        #expect(checker.check(program.statements[0], into: &diagnostics) == nil)
        #expect(diagnostics.map(\.id) == [.sweepInREPL])
    }

    @Test func formattingKeepsSweepsAndStatistics() {
        let source = "sweep  optimizer adam lr=1e-2,sgd  lr=0.1\nsweep seed 1 to 8\nexpect median  mse<3e-4\n"
        let (program, diagnostics) = Parser.parse(source: source, file: "f.nn")
        #expect(diagnostics.isEmpty)
        let formatted = Formatter.format(program)
        #expect(formatted == "sweep optimizer adam lr=1e-2, sgd lr=0.1\nsweep seed 1 to 8\nexpect median mse < 3e-4\n")
        #expect(Parser.parse(source: formatted, file: "f.nn").0.structure == program.structure)
    }
}
