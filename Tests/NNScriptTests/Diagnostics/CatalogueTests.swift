import NNScript
import Testing

/// Every entry of the catalogue is reachable and reads as intended.
@Suite struct CatalogueTests {
    /// A recipe that triggers each diagnostic the front end raises (the first statement sets up data where needed).
    static let triggers: [DiagnosticID: String] = [
        .unexpectedCharacter: "seed 7 $",
        .unterminatedString: "save \"open",
        .invalidEscape: "save \"a\\qb\"",
        .malformedNumber: "seed 2x",
        .numberOutOfRange: "seed 1e400",
        .unknownStatement: "lyer 3 tanh",
        .unexpectedToken: "data x on [0 1]",
        .expectedExpression: "seed ]",
        .extraTokens: "report now",
        .nestingTooDeep: "seed " + String(repeating: "-", count: 500) + "1",
        .unknownMetaCommand: ":quiet",
        .unknownName: "layer 3 tahn",
        .unknownVariable: "data sin(y) on [0, 1]",
        .unknownFunction: "data sn(x) on [0, 1]",
        .inputNotAllowed: "seed x",
        .wrongArgumentCount: "seed pow(2)",
        .redefinition: "let e = 2",
        .notAWholeNumber: "layer 1.5 tanh",
        .sizeOutOfRange: "layer 0 tanh",
        .valueOutOfRange: "optimizer adam lr=-1",
        .nonFiniteValue: "seed 1/0",
        .expressionTooLarge: """
            activation a(x) = x*x*x*x*x*x*x*x*x*x
            activation b(x) = a(x)*a(x)*a(x)*a(x)*a(x)*a(x)*a(x)*a(x)*a(x)*a(x)
            activation c(x) = b(x)*b(x)*b(x)*b(x)*b(x)*b(x)*b(x)*b(x)*b(x)*b(x)
            activation d(x) = c(x)*c(x)*c(x)*c(x)*c(x)*c(x)*c(x)*c(x)*c(x)*c(x)
            """,
        .emptyRange: "data x on [9, -1]",
        .duplicateOption: "optimizer adam lr=1 lr=2",
        .expectedNameValue: "layer 3 tanh bias=1",
        .missingOption: "schedule exponential",
        .unexpectedParameter: "layer 3 relu(1)",
        .layerIndexOutOfRange: "remove layer 1",
        .missingData: "train 10",
        .tooFewAlternatives: "data x on [0, 1]\ncompare loss mse",
        .metaCommandInRecipe: ":quit",
        .shapeMismatch: "data sin(x1) * x3 on [0, 1] x [0, 1]",
        .sweepRangeDescending: "sweep seed 8 to 1",
        .sweepRangeNotWhole: "sweep lr 1 to 3",
        .sweepValueOptions: "sweep lr 1e-3 beta1=0.8",
        .sweepTooManyTrials: "sweep seed 1 to 1000\nsweep layer 1 size 1 to 200",
        .sweepAxisRepeated: "sweep seed 1, 2\nsweep seed 3",
        .sweepTargetMissing: "sweep train 10, 20",
    ]

    /// A path the default rule refuses.
    static var sampleRefusal: PathPolicy.Refusal? {
        if case .failure(let refusal) = PathPolicy(baseDirectory: "/tmp").resolve("/etc/passwd", for: .read) {
            return refusal
        }
        return nil
    }

    /// A sample of each runtime diagnostic, which only the interpreter raises.
    static let runtimeSamples: [DiagnosticID: Diagnostic] = {
        let at = SourceRange.startOfFile("r.nn")
        return [
            .fileNotFound: .fileNotFound("p.csv", at: at),
            .fileUnreadable: .fileUnreadable("p.csv", reason: "permission denied", at: at),
            .fileNotWritable: .fileNotWritable("o.svg", reason: "outside --allow-write", at: at),
            .malformedCSV: .malformedCSV("p.csv", line: 3, reason: "expected two numbers", at: at),
            .nonFiniteTarget: .nonFiniteTarget(at: 0, at: at),
            .expectationFailed: .expectationFailed("mse < 5e-4", actual: "mse is 0.0012", at: at),
            .divergence: .divergence(iteration: 12, loss: .nan, at: at),
            .invalidCheckpoint: .invalidCheckpoint("s.ckpt", reason: "bad header", at: at),
            .unsupportedExport: .unsupportedExport("onnx", reason: "custom activation 'bump'", at: at),
            .slowProgress: .slowProgress("loss moved 0.3 % over the last 1000 iterations", advice: "adam", at: at),
            .setupLint: .setupLint("tanh output cannot reach targets above 1", advice: "use output linear", at: at),
            .missingDataAtRuntime: .missingDataAtRuntime(at: at),
            .unsupportedActivationFunction: .unsupportedActivationFunction("floor", at: at),
            .invalidOptimizer: .invalidOptimizerAtRuntime("lr=-1 must be > 0", at: at),
            .modelCompileFailed: .modelCompileFailed("shape mismatch", at: at),
            .metricUnavailable: .metricUnavailable("holdout_mse", at: at),
            .memoryBudgetExceeded: .memoryBudgetExceeded("training", needed: 3e9, budget: 2 << 30,
                                                         parts: ["weights: 3 GiB"], at: at),
            .pathNotAllowed: sampleRefusal.map { .pathNotAllowed($0, interactive: false, at: at) }
                ?? .fileNotFound("none", at: at),
            .trainingTooLong: .trainingTooLong(1e11, maximum: 100_000_000, at: at),
            .missingColumn: .missingColumn("specis", file: "iris.csv", header: ["species"], at: at),
            .targetMismatch: .targetMismatch("'cross_entropy' needs class labels", at: at),
            .invalidDataSet: .invalidDataSet("spiral", reason: "too few samples", at: at),
            .sweepInREPL: .sweepInREPL(at: at),
        ]
    }()

    @Test func everyFrontEndDiagnosticHasATriggerThatRaisesIt() {
        for id in DiagnosticID.allCases where !id.isRuntime {
            guard let source = Self.triggers[id] else {
                Issue.record("no trigger for \(id.rawValue)")
                continue
            }
            let (_, _, diagnostics) = Checker.check(source: source, file: "t.nn")
            #expect(diagnostics.map(\.id) == [id], "\(id.rawValue): \(diagnostics.map(\.message))")
        }
    }

    @Test func everyRuntimeDiagnosticHasAFactory() {
        for id in DiagnosticID.allCases where id.isRuntime {
            #expect(Self.runtimeSamples[id]?.id == id, "\(id.rawValue)")
            #expect(Self.runtimeSamples[id]?.message.isEmpty == false)
        }
    }

    @Test func idsAreUniqueAndKebabCase() {
        let raw = DiagnosticID.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
    }

    // MARK: - Exact rendering

    private func rendered(_ source: String) -> String {
        let (_, _, diagnostics) = Checker.check(source: source, file: "bad.nn")
        return diagnostics.map { DiagnosticRenderer.render($0, source: source, color: false) }.joined()
    }

    @Test func misspeltActivation() {
        #expect(rendered("layer 128 tahn") == """
            bad.nn:1:11: error: unknown activation 'tahn'
             1 | layer 128 tahn
               |           ^~~~
               = help: did you mean 'tanh'?

            """)
    }

    @Test func hugeLayerSize() {
        #expect(rendered("layer 99999999999999999999 tanh") == """
            bad.nn:1:7: error: layer size must be between 1 and 65536, got 1e+20
             1 | layer 99999999999999999999 tanh
               |       ^~~~~~~~~~~~~~~~~~~~

            """)
    }

    @Test func negativeLearningRate() {
        #expect(rendered("optimizer adam lr=-1") == """
            bad.nn:1:19: error: lr must be > 0, got -1
             1 | optimizer adam lr=-1
               |                   ^~

            """)
    }

    @Test func emptyRange() {
        #expect(rendered("data sin(x) on [9, -1]") == """
            bad.nn:1:16: error: empty range [9, -1]
             1 | data sin(x) on [9, -1]
               |                ^~~~~~~
               = note: the low end must be below the high end

            """)
    }

    @Test func unknownOptionListsTheKnownOnes() {
        #expect(rendered("optimizer sgd zzz=1") == """
            bad.nn:1:15: error: unknown option 'zzz' for 'sgd'
             1 | optimizer sgd zzz=1
               |               ^~~
               = note: known: lr, weight_decay, clip

            """)
    }

    @Test func missingFileNamesOnlyTheFile() {
        let diagnostic = Diagnostic.fileNotFound("nope.nn", at: .startOfFile("nope.nn"))
        #expect(DiagnosticRenderer.render(diagnostic, source: "", color: false)
            == "nope.nn: error: cannot find file 'nope.nn'\n")
    }

    @Test func markerStaysUnderTheRangeAfterTabsAndWideCharacters() {
        let source = "\tlet é = 1\n\tlayer 8 tahn"
        let text = rendered(source)
        #expect(text.contains(" 2 | \tlayer 8 tahn\n   | \t        ^~~~\n"))
    }
}
