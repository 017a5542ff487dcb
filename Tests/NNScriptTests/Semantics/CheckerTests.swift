import Foundation
import NNScript
import Testing

/// Parses and checks `source` as a recipe file.
func checkRecipe(_ source: String) -> (checked: [CheckedStatement], diagnostics: [Diagnostic]) {
    let (_, checked, diagnostics) = Checker.check(source: source, file: "t.nn")
    return (checked, diagnostics)
}

@Suite struct CheckerTests {
    @Test func theSinExampleResolves() {
        let (checked, diagnostics) = checkRecipe("""
            seed 7
            data sin(x)/2.5 noise 0.05 on [-1, 9] samples 4000
            layer 128 tanh
            output linear
            loss mse
            optimizer adam lr=1e-2
            train 3000
            report
            expect extrema == target_extrema
            expect mse < 5e-4
            """)
        #expect(diagnostics.isEmpty)
        #expect(checked.count == 10)
        #expect(checked[0].kind == .seed(7))
        guard case .data(let data) = checked[1].kind else { Issue.record("not data"); return }
        #expect(data.noise == 0.05 && data.samples == 4000 && data.interval == Interval(low: -1, high: 9))
        #expect(abs(data.target(at: 1) - 0.3365883939231586) < 1e-12)
        #expect(checked[2].kind == .layer(LayerSpec(size: 128, activation: .builtin(.tanh, parameter: nil))))
        #expect(checked[5].kind == .optimizer(OptimizerSpec(kind: .adam, options: [.lr: 1e-2])))
        #expect(checked[6].kind == .train(count: 3000, unit: .iterations))
        #expect(checked[8].kind == .expect(Expectation(metric: .extrema, comparison: .equal, value: .metric(.targetExtrema))))
    }

    @Test(arguments: [
        ("layer 0 tanh", DiagnosticID.sizeOutOfRange),
        ("layer 128 tahn", .unknownName),
        ("layer 99999999999999999999 tanh", .sizeOutOfRange),
        ("layer 2.5 tanh", .notAWholeNumber),
        ("optimizer adam lr=-1", .valueOutOfRange),
        ("data sin(y) on [0, 1]", .unknownVariable),
        ("data sin(x) on [9, -1]", .emptyRange),
    ])
    func badInputsGiveLocatedErrors(source: String, id: DiagnosticID) {
        let (_, diagnostics) = checkRecipe(source)
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.range.start.line == 1)
        #expect((diagnostics.first?.range.start.column ?? 0) > 1)
    }

    /// `data sin(x) on [0, 1e308]` passed `check` and was reported as a divergence; `noise 1e300` as "the data
    /// expression is not finite". Both are located errors at the number now.
    @Test(arguments: [
        ("data sin(x) on [0, 1e308]", "1:20", "the range's ends must be at most 1e37 in magnitude"),
        ("data sin(x) on [-1e38, 0]", "1:17", "the range's ends must be at most 1e37 in magnitude"),
        ("data sin(x) noise 1e300 on [0, 1]", "1:19", "noise must be at most 1e37 in magnitude"),
        ("data sin(x) on [0, 1]\npredict on [0, 1e39]", "2:16", "the range's ends must be at most 1e37"),
    ])
    func dataBeyondFloat32IsALocatedError(source: String, place: String, message: String) {
        let (_, diagnostics) = checkRecipe(source)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.id == .valueOutOfRange)
        #expect(diagnostics.first?.message.hasPrefix(message) == true, "\(diagnostics)")
        #expect(diagnostics.first.map { "\($0.range.start.line):\($0.range.start.column)" } == place)
    }

    /// The layer count had no cap (100 000 layers did not finish in 60 s, and `check` passed them).
    @Test func theFirstLayerPastTheCapIsTheOneError() {
        let layers = String(repeating: "layer 2 tanh\n", count: Limits.hiddenLayers)
        #expect(checkRecipe("data x on [0, 1]\n" + layers).diagnostics.isEmpty)
        let (checked, diagnostics) = checkRecipe("data x on [0, 1]\n" + layers + "layer 2 tanh\nlayer 3 relu\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "a model may have at most 10000 hidden layers; this would be layer 10001")
        #expect(diagnostics.first?.range.start.line == Limits.hiddenLayers + 2)
        #expect(checked.count == Limits.hiddenLayers + 1)
        let inserted = checkRecipe("data x on [0, 1]\n" + layers + "insert layer 1 4 tanh\n").diagnostics
        #expect(inserted.map(\.message) == ["a model may have at most 10000 hidden layers; this would be layer 10001"])
    }

    @Test func statefulCheckingOneStatementAtATime() {
        var checker = Checker()
        var diagnostics: [Diagnostic] = []
        let before = checker
        for line in ["data x on [0, 1]", "layer 8 tanh", "layer 8 tanh", "remove layer 2"] {
            let (program, _) = Parser.parse(source: line, file: "repl")
            #expect(checker.check(program.statements[0], into: &diagnostics) != nil)
        }
        #expect(checker.hiddenLayerCount == 1)
        #expect(before.hiddenLayerCount == 0)
        let (program, _) = Parser.parse(source: "remove layer 2", file: "repl")
        #expect(checker.check(program.statements[0], into: &diagnostics) == nil)
        #expect(diagnostics.map(\.id) == [.layerIndexOutOfRange])
    }
}

@Suite struct CheckedFormsTests {
    /// Every checked form, by case name.
    static let allForms: Set<String> = [
        "seed", "data", "dataSet", "dataCSV", "holdout", "letBinding", "input", "layer", "output", "activationDefinition",
        "insertLayer", "removeLayer", "replaceLayer", "loss", "optimizer", "schedule", "initScheme", "batch", "train",
        "report", "plot", "expect", "predict", "predictRange", "save", "load", "export", "print", "compare", "meta",
        "holdoutCSV", "normalize", "features", "predictCSV",
    ]

    @Test func everyStatementFormResolvesInTheREPL() {
        let source = RepositoryFiles.text("Tests/NNScriptTests/Golden/every-statement.nn")
        let (program, syntax) = Parser.parse(source: source, file: "every.nn")
        #expect(syntax.isEmpty)
        var checker = Checker()  // REPL mode: meta commands are statements too
        var diagnostics: [Diagnostic] = []
        var forms: Set<String> = []
        for statement in program.statements {
            let checked = checker.check(statement, into: &diagnostics)
            #expect(checked != nil, "\(Formatter.text(of: statement))")
            if let checked { forms.insert(String(String(describing: checked.kind).prefix { $0 != "(" })) }
        }
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(forms == Self.allForms)
    }

    private func single(_ line: String, after setup: String = "data x on [0, 1]\nlayer 4 tanh\nlayer 4 tanh")
        -> CheckedStatement.Kind?
    {
        let (_, checked, diagnostics) = Checker.check(source: setup + "\n" + line, file: "t.nn")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        return checked.last?.kind
    }

    @Test func resolvedValues() {
        #expect(single("layer 32 sin(30) init=siren bias=false")
            == .layer(LayerSpec(size: 32, activation: .builtin(.sin, parameter: 30), initScheme: .siren, bias: false)))
        #expect(single("output 2*1 tanh", after: "data [x, x^2] on [0, 1]")
            == .output(OutputSpec(size: 2, activation: .builtin(.tanh, parameter: nil))))
        #expect(single("insert layer 3 8 relu") == .insertLayer(index: 3, layer: LayerSpec(size: 8, activation: .builtin(.relu, parameter: nil))))
        #expect(single("remove layer 2") == .removeLayer(index: 2))
        #expect(single("loss huber delta=0.5") == .loss(LossSpec(kind: .huber, delta: 0.5)))
        #expect(single("optimizer rmsprop lr=1e-3 alpha=0.9") == .optimizer(OptimizerSpec(kind: .rmsprop, options: [.lr: 1e-3, .alpha: 0.9])))
        #expect(single("schedule step every=10") == .schedule(ScheduleSpec(shape: .step(every: 10, gamma: 0.1))))
        #expect(single("schedule cosine warmup=5") == .schedule(ScheduleSpec(shape: .cosine(minLR: 0), warmup: 5)))
        #expect(single("schedule cosine total=500") == .schedule(ScheduleSpec(shape: .cosine(minLR: 0), total: 500)))
        #expect(checkRecipe("schedule step every=10 total=5").diagnostics.count == 1)
        #expect(checkRecipe("schedule cosine total=0").diagnostics.count == 1)
        #expect(single("batch full") == .batch(nil))
        #expect(single("train 2 epochs") == .train(count: 2, unit: .epochs))
        #expect(single("plot") == .plot(.fit, file: nil))
        #expect(single("predict -1, 2^-1") == .predict([[-1], [0.5]]))
        #expect(single("predict on [0, 1]") == .predictRange(Interval(low: 0, high: 1), samples: 101, file: nil))
        #expect(single("holdout on [1, 2]") == .holdout([Interval(low: 1, high: 2)], samples: 200))
        #expect(single("expect mse < 1e-3") == .expect(Expectation(metric: .mse, comparison: .less, value: .number(1e-3))))
        #expect(single("compare batch 32 | full") == .compare(.batch([32, nil])))
        #expect(single("compare layers tanh | sin(30)") == .compare(.layers([.builtin(.tanh, parameter: nil), .builtin(.sin, parameter: 30)])))
        #expect(single("compare optimizer sgd lr=0.1 | adam") == .compare(.optimizer([OptimizerSpec(kind: .sgd, options: [.lr: 0.1]), OptimizerSpec(kind: .adam)])))
        #expect(single("export pytorch \"m.py\"") == .export(.pytorch, path: "m.py"))
        #expect(single("seed 9007199254740992") == .seed(9_007_199_254_740_992))
    }

    @Test func letConstantsReachDataAndActivations() {
        guard case .data(let data)? = single("data bump(w*x) on [0, 1]", after: "let w = 2\nactivation bump(t) = exp(-t^2)")
        else { Issue.record("no data"); return }
        #expect(data.target(at: 0.5) == exp(-1))
        #expect(data.samples == 1000 && data.noise == 0 && !data.grid)
    }

    @Test func oneMistakeDoesNotCascade() {
        let (_, _, diagnostics) = Checker.check(source: """
            let a = log(0)
            print a + 1
            layer 8 tahn
            remove layer 1
            """, file: "t.nn")
        #expect(diagnostics.map(\.id) == [.nonFiniteValue, .unknownName])
    }

    @Test func metaCommandsInTheREPL() {
        var checker = Checker()
        var diagnostics: [Diagnostic] = []
        let (program, _) = Parser.parse(source: ":help optimizer\n:save \"s.nn\"\n:undo\n:save\n:quit now", file: "repl")
        let results = program.statements.map { checker.check($0, into: &diagnostics)?.kind }
        #expect(results[0] == .meta(.help, argument: "optimizer"))
        #expect(results[1] == .meta(.save, argument: "s.nn"))
        #expect(results[2] == .meta(.undo, argument: nil))
        #expect(results[3] == nil && results[4] == nil)
        #expect(diagnostics.map(\.id) == [.missingOption, .unexpectedParameter])
    }
}
