import NNScript
import Testing

@Suite struct RendererTests {
    @Test func rendersLocationLineMarkerAndSuggestion() {
        let source = "seed 7\nlyer 128 tanh\n"
        let (_, diagnostics) = Parser.parse(source: source, file: "sin.nn")
        #expect(diagnostics.count == 1)
        let text = DiagnosticRenderer.render(diagnostics[0], source: source, color: false)
        #expect(text == """
            sin.nn:2:1: error: unknown statement 'lyer'
             2 | lyer 128 tanh
               | ^~~~
               = help: did you mean 'layer'?

            """)
    }

    @Test func colourOnlyWhenAsked() {
        let source = "@"
        let (_, diagnostics) = Parser.parse(source: source, file: "a.nn")
        #expect(!DiagnosticRenderer.render(diagnostics[0], source: source, color: false).contains("\u{1B}["))
        #expect(DiagnosticRenderer.render(diagnostics[0], source: source, color: true).contains("\u{1B}[1;31m"))
    }

    @Test func suggestionsByEditDistance() {
        #expect(Suggestions.nearest(to: "tahn", in: ["tanh", "sin", "relu"]) == "tanh")
        #expect(Suggestions.nearest(to: "adma", in: ["adam", "sgd"]) == "adam")
        #expect(Suggestions.nearest(to: "zzzzzz", in: ["tanh", "sin"]) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
    }
}
