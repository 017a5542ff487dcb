import NNScript
import Testing

/// The fuzzer's generator in the normal test suite: a few thousand inputs through every front-end invariant, and
/// the property `--replay` relies on (input i is a function of the seed and i alone).
@Suite struct FuzzGeneratorTests {
    @Test func generatedInputsKeepEveryFrontEndInvariant() {
        let inputs = FuzzInputs(seed: 20_261_129, extraCorpus: RepositoryFiles.examples.map(\.source))
        var withErrors = 0
        var clean = 0
        for index in 0..<2_000 {
            let source = inputs.source(at: index)
            let problems = FrontEndInvariants.violations(of: source)
            #expect(problems.isEmpty, "input \(index): \(problems) in \(source.prefix(300).debugDescription)")
            let (_, _, diagnostics) = Checker.check(source: source, file: "g.nn")
            if diagnostics.containsErrors { withErrors += 1 } else { clean += 1 }
        }
        // The mix matters: all-broken inputs would never reach the formatter, all-clean ones never the recovery.
        #expect(withErrors > 400, "\(withErrors) with errors, \(clean) clean")
        #expect(clean > 80, "\(withErrors) with errors, \(clean) clean")
    }

    @Test func inputsAreAFunctionOfSeedAndIndex() {
        let a = FuzzInputs(seed: 5), b = FuzzInputs(seed: 5), c = FuzzInputs(seed: 6)
        for index in [0, 1, 17, 999_999] {
            #expect(a.bytes(at: index) == b.bytes(at: index))
        }
        #expect((0..<20).contains { a.bytes(at: $0) != c.bytes(at: $0) })
        #expect(Set((0..<50).map { a.bytes(at: $0) }).count > 45)
    }

    @Test func generatedRecipesUseTheWholeGrammar() {
        // Every statement keyword and every vocabulary name shows up in a modest number of programs.
        var text = ""
        for index in 0..<400 {
            var generator = RecipeGenerator(rng: SplitMix64(seed: 3, index: index))
            text += generator.program()
        }
        for word in Vocabulary.statements + Vocabulary.activations.map(\.name) + Vocabulary.metrics {
            #expect(text.contains(word), "never generated: \(word)")
        }
    }

    @Test func invariantsCatchABrokenProperty() {
        // The checker of invariants must be able to fail: a diagnostic pointing past the end is reported.
        let outside = SourceRange(file: "fuzz.nn", start: SourcePosition(line: 1, column: 1, offset: 0),
                                  end: SourcePosition(line: 9, column: 1, offset: 500))
        #expect(!FrontEndInvariants.rangeLiesInside(outside, source: "seed 1", file: "fuzz.nn"))
        let inside = SourceRange(file: "fuzz.nn", start: SourcePosition(line: 1, column: 6, offset: 5),
                                 end: SourcePosition(line: 1, column: 7, offset: 6))
        #expect(FrontEndInvariants.rangeLiesInside(inside, source: "seed 1", file: "fuzz.nn"))
    }
}
