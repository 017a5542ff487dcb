import Foundation
import NNScript
import Testing

/// `grammar/nnscript.ebnf` is the grammar's only copy; these tests hold it and the parser to each other.
@Suite struct GrammarTests {
    /// The grammar's productions, without the token definitions (whose quotes are characters, not keywords).
    private var productions: String {
        let text = RepositoryFiles.text("grammar/nnscript.ebnf")
        return text.components(separatedBy: "(* ---------- Tokens").first ?? ""
    }

    /// Quoted words outside comments.
    private var quotedWords: Set<String> {
        var text = productions
        // Drop comments, which quote example recipes.
        while let open = text.range(of: "(*"), let close = text.range(of: "*)", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        let pattern = try! NSRegularExpression(pattern: "'([a-z_]+)'")
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    @Test func grammarKeywordsAreExactlyTheParsersKeywords() {
        #expect(!productions.isEmpty)
        #expect(quotedWords == Set(Vocabulary.keywords))
        #expect(Set(Vocabulary.keywords) == Set(Keyword.allCases.map(\.rawValue)))
    }

    @Test func everyStatementKeywordHasARule() {
        for keyword in Vocabulary.statements {
            #expect(productions.contains("= '\(keyword)'") || productions.contains("| '\(keyword)'"), "\(keyword)")
        }
    }

    @Test func everyExampleParsesWithoutDiagnostics() {
        for example in RepositoryFiles.examples {
            let (program, diagnostics) = Parser.parse(source: example.source, file: example.path)
            #expect(diagnostics.isEmpty, "\(example.path)")
            #expect(!program.statements.isEmpty)
        }
    }

    @Test func everyGoldenRecipeParsesToStatements() {
        for recipe in RepositoryFiles.golden {
            let (program, _) = Parser.parse(source: recipe.source, file: recipe.path)
            #expect(!program.statements.isEmpty, "\(recipe.path)")
        }
    }
}
