import NNScript
import Testing

/// `--set NAME=VALUE` for every kind of setting, and its errors.
@Suite struct SetArgumentTests {
    static let recipe = """
        seed 7
        data sin(x) noise 0.1 on [0, 3] samples 50
        layer 8 tanh
        layer 4 tanh
        loss mse
        optimizer adam lr=1e-2
        schedule cosine min_lr=1e-4
        init default
        batch 10
        train 20

        """

    /// The checked statements of the recipe with `arguments` applied (the first error fails the test).
    static func checked(_ arguments: [String], recipe: String = recipe) throws -> [CheckedStatement.Kind] {
        var fixed: [SweepOverride] = []
        for argument in arguments {
            guard case .success(let override) = SetArgument.parse(argument) else {
                Issue.record("--set \(argument) did not parse")
                return []
            }
            fixed.append(override)
        }
        let (plan, diagnostics, _) = SweepPlan.make(source: recipe, file: "r.nn", fixed: fixed)
        #expect(!diagnostics.contains { $0.diagnostic.isError }, "\(diagnostics.map(\.diagnostic.message))")
        let text = try #require(plan).trialText(0).text
        return Checker.check(source: text, file: "r.nn").1.map(\.kind)
    }

    static func error(_ argument: String, recipe: String = recipe) -> LocatedDiagnostic? {
        switch SetArgument.parse(argument) {
        case .failure(let located): return located
        case .success(let override):
            return SweepPlan.make(source: recipe, file: "r.nn", fixed: [override]).diagnostics.first { $0.diagnostic.isError }
        }
    }

    @Test func everyKindOfSettingLandsInItsStatement() throws {
        let all = try Self.checked([
            "seed=4", "samples=60", "noise=0.2", "batch=full", "train=30", "loss=huber delta=0.5", "lr=3e-3",
            "beta1=0.8", "min_lr=1e-5", "warmup=5", "init=he", "layer.1.size=16", "layer.2.activation=sin(30)",
        ])
        #expect(all.contains(.seed(4)))
        #expect(all.contains { if case .data(let d) = $0 { return d.samples == 60 && d.noise == 0.2 }; return false })
        #expect(all.contains(.batch(nil)))
        #expect(all.contains(.train(count: 30, unit: .iterations)))
        #expect(all.contains(.loss(LossSpec(kind: .huber, delta: 0.5))))
        #expect(all.contains(.optimizer(OptimizerSpec(kind: .adam, options: [.lr: 3e-3, .beta1: 0.8]))))
        #expect(all.contains(.schedule(ScheduleSpec(shape: .cosine(minLR: 1e-5), warmup: 5))))
        #expect(all.contains(.initScheme(.he)))
        #expect(all.contains(.layer(LayerSpec(size: 16, activation: .builtin(.tanh, parameter: nil)))))
        #expect(all.contains(.layer(LayerSpec(size: 4, activation: .builtin(.sin, parameter: 30)))))
    }

    @Test func wholeStatementsAndDeltaAreReplaced() throws {
        let all = try Self.checked(["optimizer=sgd lr=0.1", "schedule=step every=5", "delta=2", "loss=huber"])
        #expect(all.contains(.optimizer(OptimizerSpec(kind: .sgd, options: [.lr: 0.1]))))
        #expect(all.contains(.schedule(ScheduleSpec(shape: .step(every: 5, gamma: 0.1)))))
        #expect(all.contains(.loss(LossSpec(kind: .huber, delta: 2))))
    }

    @Test func anOptionTheDefaultOptimizerLacksIsAnErrorAtTheArgument() {
        let bare = "data sin(x) on [0, 3] samples 50\nlayer 8 tanh\ntrain 20\n"
        // momentum is no option of the default optimizer (adam).
        let error = Self.error("momentum=0.5", recipe: bare)
        #expect(error?.diagnostic.id == .unknownName)
        #expect(error?.diagnostic.range.file == "--set momentum=0.5")
    }

    @Test func aSettingTheRecipeLeavesOutIsAddedBeforeTraining() throws {
        let bare = "data sin(x) on [0, 3] samples 50\nlayer 8 tanh\ntrain 20\n"
        let all = try Self.checked(["seed=3", "lr=5e-3", "batch=16"], recipe: bare)
        #expect(all.first == .seed(3))
        #expect(all.contains(.optimizer(OptimizerSpec(kind: .adam, options: [.lr: 5e-3]))))
        #expect(all.contains(.batch(16)))
    }

    @Test func errorsPointIntoTheArgument() {
        let unknown = Self.error("lrr=1e-3")
        #expect(unknown?.diagnostic.id == .unknownName)
        #expect(unknown?.diagnostic.fixIt?.replacement == "lr")
        #expect(unknown?.diagnostic.range.start.column == 1)
        let rendered = unknown?.rendered(color: false) ?? ""
        #expect(rendered.contains("--set lrr=1e-3:1:1: error: unknown sweep axis 'lrr'"))
        #expect(rendered.contains(" 1 | lrr=1e-3"))

        let negative = Self.error("lr=-1")
        #expect(negative?.diagnostic.id == .valueOutOfRange)
        #expect(negative?.diagnostic.range.start.column == 4)

        #expect(Self.error("layer.3.size=4")?.diagnostic.id == .sweepTargetMissing)
        #expect(Self.error("layer.1.width=4")?.diagnostic.id == .unknownName)
        #expect(Self.error("seed")?.diagnostic.id == .unexpectedToken)
        #expect(Self.error("seed=1 to 3")?.diagnostic.id == .unexpectedToken)
        #expect(Self.error("seed=1.5")?.diagnostic.id == .notAWholeNumber)
        #expect(Self.error("train=10", recipe: "data x on [0, 1]\n")?.diagnostic.id == .sweepTargetMissing)
    }

    @Test func equalNumbersWrittenDifferentlyGiveTheSameTrial() throws {
        guard case .success(let a) = SetArgument.parse("lr=1e-3"), case .success(let b) = SetArgument.parse("lr=0.001")
        else { Issue.record("did not parse"); return }
        let one = TrialText(source: Self.recipe, file: "r.nn", overrides: [a]).text
        let other = TrialText(source: Self.recipe, file: "r.nn", overrides: [b]).text
        #expect(one == other)
        #expect(one != Self.recipe)
    }
}
