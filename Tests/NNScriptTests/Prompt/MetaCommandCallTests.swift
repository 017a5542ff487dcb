import NNScript
import Testing

/// The one reading of `:` lines: the REPL's commands go through the parser and checker that skip them in recipes.
@Suite struct MetaCommandCallTests {
    private func call(_ line: String) -> MetaCommandCall? { try? MetaCommandCall.parse(line).get() }

    /// The one-line message the REPL prints after `error: `.
    private func problem(_ line: String) -> String? {
        guard case .failure(let diagnostic) = MetaCommandCall.parse(line) else { return nil }
        return DiagnosticRenderer.renderLine(diagnostic)
    }

    @Test func commandsWithAndWithoutArguments() {
        #expect(call(":help") == MetaCommandCall(.help))
        #expect(call(":help  layer ") == MetaCommandCall(.help, argument: "layer"))
        #expect(call(":help :undo") == MetaCommandCall(.help, argument: ":undo"))
        #expect(call("  :list") == MetaCommandCall(.list))
        #expect(call(":undo # oops") == MetaCommandCall(.undo), "a comment after a blank is a comment")
    }

    @Test func fileNamesQuotedOrBare() {
        #expect(call(":load \"a b.nn\"") == MetaCommandCall(.load, argument: "a b.nn"))
        #expect(call(":save \"tab\\there.nn\"") == MetaCommandCall(.save, argument: "tab\there.nn"),
                "a quoted name is a string literal, escapes and all")
        #expect(call(":save runs/a b.nn  ") == MetaCommandCall(.save, argument: "runs/a b.nn"))
        #expect(call(":save ~/x#1.nn # note") == MetaCommandCall(.save, argument: "~/x#1.nn"))
    }

    @Test func shortFormsAreTheSameCommands() {
        #expect(call(":q") == MetaCommandCall(.quit))
        #expect(call(":exit") == MetaCommandCall(.quit))
        #expect(call(":h train") == MetaCommandCall(.help, argument: "train"))
    }

    @Test func problemsReadAsOneLine() {
        #expect(problem(":save \"a.nn") == "unterminated string; a string ends with '\"' on the same line")
        #expect(problem(":save") == ":save needs a file name, as in :save \"session.nn\"")
        #expect(problem(":load \"\"") == ":load needs a file name, as in :load \"session.nn\"")
        #expect(problem(":show everything") == ":show takes no argument")
        #expect(problem(":q now") == ":q takes no argument")
        #expect(problem(":undo; train 5") == ":undo takes no argument", "the rest of the line is the argument")
        #expect(problem(":save \"a.nn\"; train 5") == ":save takes its whole line; put the next statement on a line of its own")
        #expect(problem(":") == "expected a command name after ':', such as ':help', found end of file")
    }

    @Test func unknownCommandsSuggestOnlyNearNames() {
        #expect(problem(":lod") == "unknown command ':lod'; did you mean ':load'?")
        #expect(problem(":xyzzy") == "unknown command ':xyzzy'; :help lists the commands")
    }

    @Test func theParserReadsTheSameLineInARecipe() {
        // In a recipe a `:` line is skipped with a warning, its argument read by the same rule.
        let (program, syntax) = Parser.parse(source: ":save runs/a.nn # later\nlayer 2 tanh", file: "r.nn")
        #expect(syntax.isEmpty)
        guard case .meta(let name, let argument)? = program.statements.first?.kind else {
            Issue.record("no : command parsed")
            return
        }
        #expect(name.name == "save")
        #expect(argument == .text(StringLiteral("runs/a.nn", range: argument!.literal.range)))
        #expect(program.comments.map(\.text) == [" later"])
        #expect(Formatter.format(program) == ":save runs/a.nn  # later\nlayer 2 tanh\n")
    }

    @Test func helpOnCommandsComesFromTheSummary() {
        #expect(MetaCommand.helpText(topic: ":undo") == ":undo  :redo      step back or forward one change, weights included")
        #expect(MetaCommand.helpText(topic: ":lst") == "no command :lst; did you mean ':list'?")
        #expect(MetaCommand.typedNames.first == ":help")
    }
}
