import NNScript

/// A REPL `:` command, parsed from the line that holds it.
public enum REPLCommand: Equatable, Sendable {
    case help(topic: String?)
    case show
    case list
    case undo
    case redo
    case reset
    case save(path: String)
    case load(path: String)
    case quit

    /// The commands as completion and `:help` offer them (`:q` is an unlisted alias of `:quit`).
    public static let completionNames = Vocabulary.metaCommands.map { ":" + $0 }

    /// One line per command, for `:help`.
    public static let summary = """
        :help [topic]     help on a statement, a topic or a : command
        :show             the model: layers, shapes, parameter counts
        :list             the session so far, as a recipe
        :undo  :redo      step back or forward one statement, weights included
        :reset            re-initialise the weights
        :save "file.nn"   write the session as a recipe that replays it
        :load "file.nn"   run a recipe's statements in this session
        :quit  :q         leave (so does Ctrl-D); Ctrl-C stops training or clears the line
        """

    // MARK: - Parsing

    /// Parses a line starting with `:`; an unknown command or a bad argument gives an error with its message.
    public static func parse(_ line: String) -> Result<REPLCommand, REPLCommandError> {
        let trimmed = line.trimmingBlanks()
        let name = String(trimmed.prefix(while: { $0 != " " && $0 != "\t" }))
        let argument = String(trimmed.dropFirst(name.count)).trimmingBlanks()
        switch name {
        case ":help", ":h": return .success(.help(topic: argument.isEmpty ? nil : unquoted(argument)))
        case ":save": return path(argument, for: name).map { .save(path: $0) }
        case ":load": return path(argument, for: name).map { .load(path: $0) }
        case ":show": return bare(.show, name, argument)
        case ":list": return bare(.list, name, argument)
        case ":undo": return bare(.undo, name, argument)
        case ":redo": return bare(.redo, name, argument)
        case ":reset": return bare(.reset, name, argument)
        case ":quit", ":q", ":exit": return bare(.quit, name, argument)
        default:
            var message = "unknown command '\(name)'"
            if let near = Suggestions.nearest(to: name, in: completionNames) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; :help lists the commands"
            }
            return .failure(REPLCommandError(message: message))
        }
    }

    private static func bare(_ command: REPLCommand, _ name: String, _ argument: String)
        -> Result<REPLCommand, REPLCommandError> {
        argument.isEmpty ? .success(command) : .failure(REPLCommandError(message: "\(name) takes no argument"))
    }

    /// A file argument, quoted (`"a b.nn"`) or bare (`a.nn`).
    private static func path(_ argument: String, for name: String) -> Result<String, REPLCommandError> {
        if argument.isEmpty {
            return .failure(REPLCommandError(message: "\(name) needs a file name, as in \(name) \"session.nn\""))
        }
        if argument.hasPrefix("\""), !(argument.count >= 2 && argument.hasSuffix("\"")) {
            return .failure(REPLCommandError(message: "\(name): the file name has no closing quote"))
        }
        let path = unquoted(argument)
        return path.isEmpty ? .failure(REPLCommandError(message: "\(name): the file name is empty")) : .success(path)
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }
}

/// Why a `:` command line could not be understood; the message is ready to print after `error: `.
public struct REPLCommandError: Error, Equatable, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
