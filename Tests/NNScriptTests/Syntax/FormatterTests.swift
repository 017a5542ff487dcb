import Foundation
import NNScript
import Testing

@Suite struct FormatterTests {
    private func format(_ source: String) -> String {
        let (program, diagnostics) = Parser.parse(source: source, file: "t.nn")
        #expect(!diagnostics.containsErrors)
        return Formatter.format(program)
    }

    /// Formatting twice changes nothing, and the formatted text parses to the same structure.
    private func expectStable(_ source: String, _ name: String) {
        let (original, _) = Parser.parse(source: source, file: name)
        let once = Formatter.format(original)
        let (reparsed, diagnostics) = Parser.parse(source: once, file: name)
        #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.message))")
        #expect(reparsed.structure == original.structure, "\(name)")
        #expect(Formatter.format(reparsed) == once, "\(name) is not idempotent")
        let trimmed = { (comments: [SourceComment]) in comments.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }
        #expect(trimmed(reparsed.comments) == trimmed(original.comments), "\(name) lost comments")
    }

    @Test func everyExampleAndGoldenRecipeIsStable() {
        let recipes = RepositoryFiles.examples + RepositoryFiles.golden
        #expect(recipes.count >= 3)
        for recipe in recipes { expectStable(recipe.source, recipe.path) }
    }

    @Test func examplesAreWrittenInCanonicalForm() {
        for example in RepositoryFiles.examples {
            let (program, _) = Parser.parse(source: example.source, file: example.path)
            #expect(Formatter.format(program) == example.source, "\(example.path): run 'nnscript fmt --write'")
        }
    }

    @Test func canonicalLayout() {
        let source = """
            # header

            seed   7 # trailing
            layer 128 tanh;output linear


            data sin( x )/2.5 on [ -1,9 ]   noise 0.05
            optimizer adam   lr = 1e-2
            """
        #expect(format(source) == """
            # header

            seed 7  # trailing
            layer 128 tanh
            output linear

            data sin(x)/2.5 noise 0.05 on [-1, 9]
            optimizer adam lr=1e-2

            """)
    }

    @Test(arguments: [
        ("(1 + 2) * 3", "(1 + 2)*3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("(2 ^ 3) ^ 2", "(2^3)^2"),
        ("2 ^ (3 ^ 2)", "2^3^2"),
        ("(-x) ^ 2", "(-x)^2"),
        ("-(x ^ 2)", "-x^2"),
        ("2 ^ (-1)", "2^-1"),
        ("a / (b * c)", "a/(b*c)"),
        ("-(-x)", "--x"),
        ("-(a + b)", "-(a + b)"),
    ])
    func minimalParentheses(source: String, expected: String) {
        #expect(format("print " + source) == "print " + expected + "\n")
        expectStable("print " + source, source)
    }

    @Test func outputSizeStartingWithACallKeepsItsParentheses() {
        let text = format("output (max(1, 2)) tanh")
        #expect(text == "output (max(1, 2)) tanh\n")
        expectStable("output (max(1, 2)) tanh", "call size")
    }

    @Test func everyStatementFormRoundTrips() {
        expectStable(StatementForms.all, "all forms")
    }
}

/// One line of every statement form, for tests that need them all.
enum StatementForms {
    static let all = """
        seed 7
        data sin(x) noise 0.1 on [0, 1] samples 10 grid
        data csv "points \\"q\\".csv"
        data csv "house.csv" target price, rooms
        data spiral classes 3 noise 0.1 samples 600
        data [sin(x1), x2] on [0, 1] x [0, 1]
        holdout on [9, 12] samples 200
        let w = 2*pi
        input 1
        layer 64 leaky_relu(0.1) init=he bias=false
        output 1 linear
        output tanh bias=false
        activation bump(t) = exp(-t^2)
        insert layer 1 32 bump
        remove layer 2
        replace layer 1 16 sin(30) init=siren
        loss huber delta=0.5
        optimizer sgd lr=0.1
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
        predict (0.5, 1.2), (1, -2)
        predict on [0, 1] samples 11 "p.csv"
        save "s.ckpt"
        load "s.ckpt"
        export onnx "m.onnx"
        print w/2
        compare optimizer sgd lr=0.1 | adam lr=1e-2
        compare batch 32 | full
        compare layers tanh | sin(30)
        :help train
        :save "session.nn"
        :quit
        """
}
