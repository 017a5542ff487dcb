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
