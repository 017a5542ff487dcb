import Foundation
import NNScript
import Testing

/// Golden recipes: each line's expected diagnostics are written beside it as `# error: id[, id]` (or
/// `# warning: …`; `error@+1:` for the next line, where a comment cannot go on the line itself).
@Suite struct GoldenTests {
    struct Expected: Hashable, CustomStringConvertible {
        var line: Int
        var severity: String
        var id: String
        var description: String { "\(line): \(severity) \(id)" }
    }

    static func expectations(in program: Program) -> [Expected] {
        var result: [Expected] = []
        for comment in program.comments {
            for severity in ["error", "warning"] {
                guard let marker = comment.text.range(of: severity + "@+1:") ?? comment.text.range(of: severity + ":")
                else { continue }
                let offset = comment.text[marker].contains("@+1") ? 1 : 0
                let ids = comment.text[marker.upperBound...].split(separator: ",")
                for id in ids {
                    let trimmed = id.trimmingCharacters(in: .whitespaces)
                    result.append(Expected(line: comment.range.start.line + offset, severity: severity, id: trimmed))
                }
            }
        }
        return result.sorted { ($0.line, $0.id) < ($1.line, $1.id) }
    }

    @Test func goldenRecipesGiveExactlyTheirExpectedDiagnostics() {
        let recipes = RepositoryFiles.golden
        #expect(recipes.count >= 4)
        for recipe in recipes {
            let (program, _, diagnostics) = Checker.check(source: recipe.source, file: recipe.path)
            let actual = diagnostics.map {
                Expected(line: $0.range.start.line, severity: $0.severity.rawValue, id: $0.id.rawValue)
            }.sorted { ($0.line, $0.id) < ($1.line, $1.id) }
            #expect(actual == Self.expectations(in: program), "\(recipe.path)")
        }
    }

    @Test func examplesAreClean() {
        let examples = RepositoryFiles.examples
        #expect(examples.map(\.path).contains("examples/sin.nn"))
        for example in examples {
            let (_, checked, diagnostics) = Checker.check(source: example.source, file: example.path)
            #expect(diagnostics.isEmpty, "\(example.path): \(diagnostics.map(\.message))")
            #expect(!checked.isEmpty)
        }
    }
}
