import NNScript
import Testing

/// Thousands of random and mutated inputs: each must come back as diagnostics or a program, never a trap, with
/// every diagnostic located inside its input, and every cleanly parsed input surviving a format round trip.
@Suite struct RobustnessTests {
    static var corpus: [String] {
        (RepositoryFiles.examples + RepositoryFiles.golden).map(\.source) + [StatementForms.all]
    }

    /// Runs the whole front end on `source` and checks `FrontEndInvariants` (the fuzzer's). Returns the number of
    /// diagnostics.
    @discardableResult
    static func exercise(_ source: String) -> Int {
        let problems = FrontEndInvariants.violations(of: source)
        #expect(problems.isEmpty, "\(problems) in \(source.prefix(200).debugDescription)")
        let (_, _, diagnostics) = Checker.check(source: source, file: "fuzz.nn")
        return diagnostics.count
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            Self.exercise(String(decoding: bytes, as: UTF8.self))  // invalid UTF-8 arrives repaired, as from a file
        }
    }

    @Test func randomGrammarCharacters() {
        var rng = SplitMix64(seed: 2)
        let alphabet = Array("layer tanh data x on [ ] ( ) , = ; : | + - * / ^ < > ! 1 2.5 e \" # \n\t\0")
        for _ in 0..<1_000 {
            let length = Int.random(in: 0...120, using: &rng)
            Self.exercise(String((0..<length).map { _ in alphabet.randomElement(using: &rng)! }))
        }
    }

    @Test func truncatedRecipes() {
        var count = 0
        for source in Self.corpus {
            let bytes = Array(source.utf8)
            for end in stride(from: 0, through: bytes.count, by: 7) {
                Self.exercise(String(decoding: bytes[..<end], as: UTF8.self))
                count += 1
            }
        }
        #expect(count > 300)
    }

    @Test func mutatedRecipes() {
        var rng = SplitMix64(seed: 3)
        let pieces = ["", " ", "\n", ";", "(", ")", "[", "]", ",", "=", "-", "^", "\"", "#", "0", "1e", "x", "layer",
                      "\0", "é", "\u{FFFD}", "99999999999999999999", "1e400", "|", ":"]
        let corpus = Self.corpus
        for _ in 0..<800 {
            var scalars = Array(corpus.randomElement(using: &rng)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !scalars.isEmpty {
                let at = Int.random(in: 0..<scalars.count, using: &rng)
                let length = min(Int.random(in: 0...3, using: &rng), scalars.count - at)
                scalars.replaceSubrange(at..<(at + length), with: pieces.randomElement(using: &rng)!.unicodeScalars)
            }
            Self.exercise(String(String.UnicodeScalarView(scalars)))
        }
    }

    @Test func shuffledTokens() {
        var rng = SplitMix64(seed: 4)
        let tokens = Self.corpus.flatMap { source in
            Lexer.tokenize(source, file: "t").tokens.map { $0.kind == .string ? "\"\($0.text)\"" : $0.text }
        }
        for _ in 0..<1_000 {
            let length = Int.random(in: 1...30, using: &rng)
            Self.exercise((0..<length).map { _ in tokens.randomElement(using: &rng)! }.joined(separator: " "))
        }
    }

    @Test func pathologicalInputs() {
        let deep = "print " + String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(Self.exercise(deep) == 1)
        #expect(Self.exercise("print " + String(repeating: "-", count: 10_000) + "1") == 1)
        #expect(Self.exercise("print " + String(repeating: "2^", count: 10_000) + "1") == 1)
        #expect(Self.exercise("print " + String(repeating: "f(", count: 10_000)) == 1)
        let megabyte = 1 << 20
        #expect(Self.exercise("print " + String(repeating: "1+", count: 50_000) + "1") == 1)
        #expect(Self.exercise("data " + String(repeating: "x", count: megabyte) + " on [0, 1]") == 1)
        // One megabyte-long line is the requirement; the other long tokens are shorter to keep debug runs quick.
        let long = megabyte / 16
        #expect(Self.exercise("# " + String(repeating: "c", count: long)) == 0)
        #expect(Self.exercise("save \"" + String(repeating: "s", count: long) + "\"") == 0)
        #expect(Self.exercise(String(repeating: "@", count: long)) == 1)
        #expect(Self.exercise("seed 7\0\nlayer\0 8 tanh") == 2)
        #expect(Self.exercise(String(repeating: "\n", count: 100_000) + "lyer") == 1)
        #expect(Self.exercise(String(repeating: ";", count: 100_000)) == 0)
    }
}
