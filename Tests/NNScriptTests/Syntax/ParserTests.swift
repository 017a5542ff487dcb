import NNScript
import Testing

/// Parses `source`, expecting no diagnostics, and returns the statement kinds.
func parseClean(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [StatementKind] {
    let (program, diagnostics) = Parser.parse(source: source, file: "t.nn")
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return program.statements.map(\.kind)
}

/// The range-free shape of one expression.
func shape(_ expression: String) -> String {
    guard case .print(let e)? = parseClean("print " + expression).first else { return "?" }
    return render(e)
}

private func render(_ e: Expr) -> String {
    switch e.kind {
    case .number(_, let text): return text
    case .variable(let name): return name
    case .negate(let operand): return "(-\(render(operand)))"
    case .binary(let op, let l, let r): return "(\(render(l)) \(op.rawValue) \(render(r)))"
    case .call(let name, _, let args): return "\(name)(\(args.map(render).joined(separator: ", ")))"
    }
}

@Suite struct ExpressionParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 - 2 - 3", "((1 - 2) - 3)"),
        ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
        ("-x^2", "(-(x ^ 2))"),
        ("(-x)^2", "((-x) ^ 2)"),
        ("2^-1", "(2 ^ (-1))"),
        ("a * -b / c", "((a * (-b)) / c)"),
        ("sin(x)/2.5", "(sin(x) / 2.5)"),
        ("max(1, pow(x, 2)) + pi", "(max(1, pow(x, 2)) + pi)"),
        ("f()", "f()"),
    ])
    func precedenceAndAssociativity(source: String, expected: String) {
        #expect(shape(source) == expected)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let (program, diagnostics) = Parser.parse(source: "print " + deep, file: "t.nn")
        #expect(program.statements.isEmpty)
        #expect(diagnostics.map(\.id) == [.nestingTooDeep])
    }

    @Test func longFlatChainsCountAsDepth() {
        let chain = Array(repeating: "1", count: 5_000).joined(separator: "+")
        let (_, diagnostics) = Parser.parse(source: "print " + chain, file: "t.nn")
        #expect(diagnostics.map(\.id) == [.nestingTooDeep])
        let fine = Array(repeating: "1", count: 150).joined(separator: "+")
        #expect(Parser.parse(source: "print " + fine, file: "t.nn").1.isEmpty)
    }
}

@Suite struct StatementParserTests {
    @Test func theSinExampleParses() {
        let kinds = parseClean("""
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
            plot fit "sin-fit.svg"
            """)
        #expect(kinds.count == 11)
        guard case .data(let data) = kinds[1] else { Issue.record("not data"); return }
        #expect(data.grid == false)
        #expect(data.noise != nil && data.samples != nil)
        guard case .optimizer(let optimizer) = kinds[5] else { Issue.record("not optimizer"); return }
        #expect(optimizer.name.name == "adam")
        #expect(optimizer.options.map(\.name.name) == ["lr"])
    }

    @Test func semicolonsSeparateStatements() {
        #expect(parseClean("layer 128 tanh; output linear; optimizer adam lr=1e-3; data sin(x)/2.5 on [-1,9]").count == 4)
    }

    @Test func outputSizeIsOptional() {
        let kinds = parseClean("output linear\noutput 2 tanh\noutput n sin(30) bias=false\noutput tanh bias=false")
        let sizes = kinds.map { kind -> Bool in
            if case .output(let o) = kind { return o.size != nil }
            return false
        }
        #expect(sizes == [false, true, true, false])
    }

    @Test func everyStatementForm() {
        let source = """
            seed 7
            data sin(x) noise 0.1 on [0, 1] samples 10 grid
            data csv "points.csv"
            holdout on [9, 12] samples 200
            let w = 2*pi
            input 1
            layer 64 leaky_relu(0.1) init=he bias=false
            output 1 linear
            activation bump(t) = exp(-t^2)
            insert layer 1 32 bump
            remove layer 2
            replace layer 1 16 sin(30) init=siren
            loss huber delta=0.5
            optimizer sgd lr=0.1 momentum=0.9
            schedule step every=100 gamma=0.5 warmup=10
            init xavier
            batch 32
            batch full
            train 100 epochs
            report
            plot loss "loss.svg"
            plot
            expect max_error <= 0.1
            predict 0, 1.5, -2
            predict on [0, 1] samples 11 "p.csv"
            save "s.ckpt"
            load "s.ckpt"
            export onnx "m.onnx"
            print w / 2
            compare optimizer sgd lr=0.1 | adam lr=1e-2
            :help train
            :save "session.nn"
            :quit
            """
        let kinds = parseClean(source)
        #expect(kinds.count == 33)
    }

    @Test func fiveErrorsInFiveStatementsAreAllReported() {
        let source = """
            layer 128 tanh
            lyer 3 tanh
            data sin(x) on [0 1]
            optimizer adam lr=
            layer 3 tanh extra stuff
            output linear )
            report
            """
        let (program, diagnostics) = Parser.parse(source: source, file: "t.nn")
        #expect(diagnostics.map(\.range.start.line) == [2, 3, 4, 5, 6])
        #expect(program.statements.count == 2)
    }
}

/// What the rules declare may come where the input ends (`Parser.slots(atEndOf:)`, completion's question).
@Suite struct GrammarSlotTests {
    @Test func aStatementStartAndACommandOnlyFirst() {
        #expect(Parser.slots(atEndOf: "") == [.statement, .command])
        #expect(Parser.slots(atEndOf: "seed 1\n") == [.statement])
        #expect(Parser.slots(atEndOf: "seed 1; ") == [.statement])
        #expect(Parser.slots(atEndOf: "lyer ").isEmpty, "nothing after a statement that failed")
    }

    @Test func eachRuleDeclaresItsPlaces() {
        #expect(Parser.slots(atEndOf: "layer ") == [.expression(.count)])
        #expect(Parser.slots(atEndOf: "layer 8 ") == [.name(.activation)])
        #expect(Parser.slots(atEndOf: "layer 8 tanh init=he ") == [.option(.layer, given: ["init"])])
        #expect(Parser.slots(atEndOf: "optimizer adam lr=") == [.expression(.option(.named(.optimizer, "adam"), key: "lr"))])
        #expect(Parser.slots(atEndOf: "output ") == [.name(.activation), .expression(.count)])
        #expect(Parser.slots(atEndOf: "train 5 ") == [.name(.trainUnit)])
        #expect(Parser.slots(atEndOf: "activation f(t) = ") == [.expression(.function(of: "t"))])
        #expect(Parser.slots(atEndOf: "compare loss mse | ") == [.expression(.alternative(compare: "loss"))])
        #expect(Parser.slots(atEndOf: ":save ") == [.commandArgument("save")])
    }

    @Test func dataClausesGivenAreNotDeclaredAgain() {
        #expect(Parser.slots(atEndOf: "data x on [0, 1] grid ") == [.keyword(.noise), .keyword(.samples)])
    }

    @Test func parsingIsUnchangedByTheDeclarations() {
        // The same rules parse as before: a repeated clause is still its own error.
        let (_, diagnostics) = Parser.parse(source: "data x on [0, 1] on [1, 2]", file: "t.nn")
        #expect(diagnostics.map(\.id) == [.duplicateOption])
    }
}
