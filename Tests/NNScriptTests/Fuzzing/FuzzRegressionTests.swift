import NNScript
import Testing

/// Every input the fuzzer (`nnscript-fuzz`, docs/fuzzing.md) found breaking an invariant, kept exactly as found or
/// reduced by hand, with the property it broke.
@Suite struct FuzzRegressionTests {
    /// The activation chain `f_i(x) = f_{i-1}(x) op … (k times)`, as `PathologicalInputs` writes it.
    static func activationChain(depth: Int, fanOut: Int, then last: String) -> String {
        var out = "data x on [0, 1]\nactivation f0(x) = x\n"
        for i in 1...depth {
            out += "activation f\(i)(x) = " + Array(repeating: "f\(i - 1)(x)", count: fanOut).joined(separator: " - ")
                + "\n"
        }
        return out + last + "\n"
    }

    /// Found as seed 1, input 1033 (a hang): each line called the previous activation 25 times, so `print f3(1)`
    /// made the checker evaluate 25^n calls. The checker now bounds an expression's expanded size.
    @Test func activationChainsThatGrowGeometricallyAreRefused() {
        let source = Self.activationChain(depth: 12, fanOut: 25, then: "print f12(1)\nlayer 4 f12\nlet c = f12(0.5)")
        let (_, checked, diagnostics) = Checker.check(source: source, file: "chain.nn")
        #expect(diagnostics.map(\.id) == [.expressionTooLarge], "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.range.start.line == 5)  // f3: 25^3 calls of f0 pass the limit
        #expect(diagnostics.first?.message == "activation 'f3' expands to more than 10000 operations")
        // data, f0, f1 and f2 check; f3 is refused, and f4 … f12 and the uses of f12 fail quietly (no cascade).
        #expect(checked.count == 4)
        #expect(FrontEndInvariants.violations(of: source).isEmpty)
    }

    /// A chain within the limit still checks and evaluates: the bound counts operations, not definitions.
    @Test func activationChainsWithinTheLimitStillWork() {
        let source = Self.activationChain(depth: 2, fanOut: 25, then: "print f2(1)")
        let (_, checked, diagnostics) = Checker.check(source: source, file: "chain.nn")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .print(_, let value)? = checked.last?.kind else {
            Issue.record("no print")
            return
        }
        #expect(checked.count == 5)
        #expect(value == 529)  // f1(1) = 1 - 24·1 = -23; f2(1) = -23 - 24·(-23) = 529
    }

    /// A `print` or data function that calls an activation many times is bounded the same way.
    @Test func expressionsCallingALargeActivationManyTimesAreRefused() {
        let calls = Array(repeating: "f2(x)", count: 40).joined(separator: "+")
        let source = Self.activationChain(depth: 2, fanOut: 25, then: "data \(calls) on [0, 1]")
        let (_, _, diagnostics) = Checker.check(source: source, file: "chain.nn")
        #expect(diagnostics.map(\.id) == [.expressionTooLarge])
        #expect(diagnostics.first?.message.hasPrefix("the data function expands to more than") == true)
    }

    /// Found as seed 1, input 2369 (render-control-character): `\` before a carriage return inside a string put a
    /// raw CR into the message, which the terminal obeyed. Now named by code point, and the renderer replaces any
    /// control character left in a message, note or path.
    @Test func controlCharactersNeverReachARenderedDiagnostic() {
        let source = "save \"a\\\r\"\nload \"\u{1B}[2J\\\u{1B}\""
        let (_, _, diagnostics) = Checker.check(source: source, file: "esc.nn")
        #expect(diagnostics.map(\.id) == [.invalidEscape, .invalidEscape])
        #expect(diagnostics.first?.message == "invalid escape '\\' before U+000D in string")
        for diagnostic in diagnostics {
            let text = DiagnosticRenderer.render(diagnostic, source: source, color: false)
            #expect(!text.unicodeScalars.contains { $0.isTerminalControl && $0 != "\n" }, "\(text.debugDescription)")
        }
        let path = "\u{1B}]0;owned\u{7}out\u{9B}2J.csv"
        let runtime = Diagnostic.fileNotFound(path, at: .startOfFile("r\u{1B}.nn"))
        let text = DiagnosticRenderer.render(runtime, source: "", color: false)
        #expect(!text.unicodeScalars.contains { $0.isTerminalControl && $0 != "\n" }, "\(text.debugDescription)")
        #expect(text.contains("out"))
    }

    /// Found as the fuzzer's slowest inputs (`print` then 200 `-`, seconds each): `Program.structure` described
    /// every enum payload whole at each level, quadratic in the depth. It still tells shapes apart.
    @Test func deepStructuresCompareByShape() {
        let minus = String(repeating: "-", count: Parser.maximumDepth)
        let (deep, errors) = Parser.parse(source: "print \(minus)1", file: "d.nn")
        #expect(errors.isEmpty)
        #expect(deep.structure.components(separatedBy: ".negate(").count == Parser.maximumDepth + 1)
        let (formatted, _) = Parser.parse(source: Formatter.format(deep), file: "d.nn")
        #expect(formatted.structure == deep.structure)
        let (a, _) = Parser.parse(source: "print -(-1)\nlayer 2 tanh", file: "a.nn")
        let (b, _) = Parser.parse(source: "print --1\nlayer 2 tanh", file: "b.nn")
        let (c, _) = Parser.parse(source: "print -1\nlayer 2 tanh", file: "c.nn")
        #expect(a.structure == b.structure)
        #expect(a.structure != c.structure)
    }
}

/// Formatter findings: text that parsed one way and, once formatted, another.
@Suite struct FuzzFormatterRegressionTests {
    private func roundTrip(_ source: String) -> String {
        let (program, errors) = Parser.parse(source: source, file: "f.nn")
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        let formatted = Formatter.format(program)
        let (again, againErrors) = Parser.parse(source: formatted, file: "f.nn")
        #expect(againErrors.isEmpty, "\(formatted.debugDescription): \(againErrors.map(\.message))")
        #expect(again.structure == program.structure, "\(formatted.debugDescription)")
        #expect(Formatter.format(again) == formatted)
        #expect(FrontEndInvariants.violations(of: source).isEmpty)
        return formatted
    }

    /// Found as seed 1, input 202890 (formatted-does-not-parse), and 150366, 351754 and six more in the first million:
    /// a negative layer size printed right after the position read as a subtraction.
    @Test func aNegativeSizeAfterALayerPositionKeepsItsParentheses() {
        #expect(roundTrip("insert layer 16 (-97375) relu bias=false bias=false init=siren")
                == "insert layer 16 (-97375) relu bias=false bias=false init=siren\n")
        #expect(roundTrip("replace layer 3 (-909.807) k8 bias=true") == "replace layer 3 (-909.807) k8 bias=true\n")
        #expect(roundTrip("replace layer 3 -909.807 k8 tanh") == "replace layer 3 - 909.807 k8 tanh\n")
    }

    /// The same ambiguity the other way round (reasoned out while fixing the above): a size starting with `(` after
    /// a position ending in a name would make the name a call.
    @Test func aParenthesisedSizeAfterANamedPositionKeepsThePositionApart() {
        #expect(roundTrip("insert layer (k) (a + b)*c tanh") == "insert layer (k) (a + b)*c tanh\n")
        #expect(roundTrip("insert layer (k) (-(2)) tanh") == "insert layer (k) (-2) tanh\n")
        #expect(roundTrip("insert layer 1 (2) tanh") == "insert layer 1 2 tanh\n")
    }
}
