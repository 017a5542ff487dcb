// MARK: - A `:` command at the prompt

/// A `:` command typed at the prompt (`:save "run.nn"`, `:help layer`), read by the language's own lexer, parser
/// and checker: the ones that skip such a line in a recipe. Names, short forms and quoting are therefore one rule:
/// an argument is a string literal, or the rest of the line unquoted.
public struct MetaCommandCall: Hashable, Sendable {
    /// Which command.
    public var command: MetaCommand
    /// The topic of `:help`, the file of `:save` and `:load`; nil otherwise.
    public var argument: String?

    public init(_ command: MetaCommand, argument: String? = nil) {
        self.command = command
        self.argument = argument
    }

    /// Reads a line that starts with `:`.
    /// - Returns: the command, or the first problem (an unknown name with a suggestion, a missing or stray
    ///   argument, an unterminated string), located in `line`; `DiagnosticRenderer.renderLine` shows it.
    public static func parse(_ line: String, file: String = "<repl>") -> Result<MetaCommandCall, Diagnostic> {
        let (program, syntax) = Parser.parse(source: line, file: file)
        if let error = syntax.first(where: \.isError) { return .failure(error) }
        guard let statement = program.statements.first, case .meta(let name, _) = statement.kind else {
            return .failure(.unknownMetaCommand("", at: .startOfFile(file), known: Vocabulary.metaCommands))
        }
        if let next = program.statements.dropFirst().first {
            return .failure(.commandTakesWholeLine(":" + name.name, at: next.range))
        }
        var diagnostics: [Diagnostic] = []
        var checker = Checker(allowsMetaCommands: true)
        guard case .meta(let command, let argument)? = checker.check(statement, into: &diagnostics)?.kind else {
            return .failure(diagnostics.first(where: \.isError) ?? .unknownMetaCommand(
                name.name, at: name.range, known: Vocabulary.metaCommands))
        }
        return .success(MetaCommandCall(command, argument: argument))
    }
}

// MARK: - Help on the commands

extension MetaCommand {
    /// One line per command, for `:help` (`:q` and `:exit` are unlisted short forms of `:quit`, `:h` of `:help`).
    public static let summary = """
        :help [topic]     help on a statement, a topic or a : command
        :show             the model: layers, shapes, parameter counts
        :list             the session so far, as a recipe
        :undo  :redo      step back or forward one change, weights included
        :reset            re-initialise the weights
        :save "file.nn"   write the session as a recipe that replays it
        :load "file.nn"   run a recipe's statements in this session
        :quit  :q         leave (so does Ctrl-D); Ctrl-C stops training or clears the line
        """

    /// The commands as typed, colon included, as completion and `:help` offer them.
    public static let typedNames: [String] = allCases.map { ":" + $0.rawValue }

    /// `:help :name`: the summary's lines about `topic` (a command with its colon), or why there are none.
    public static func helpText(topic: String) -> String {
        let lines = summary.split(separator: "\n").filter { $0.split(separator: " ").contains(Substring(topic)) }
        guard lines.isEmpty else { return lines.joined(separator: "\n") }
        var message = "no command \(topic)"
        if let near = Suggestions.nearest(to: topic, in: typedNames) { message += "; did you mean '\(near)'?" }
        return message
    }
}
