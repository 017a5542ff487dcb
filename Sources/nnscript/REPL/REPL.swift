import NNScript

/// The read-eval-print loop: reads lines, runs `:` commands and hands statements to the session. Knows nothing of
/// terminals (the reader does) or of the language: when an entry is complete (`EntryAssembler`) and what a `:`
/// line says (`MetaCommandCall`) are NNScript's to answer.
public final class REPL {
    /// The prompt for a new entry.
    public static let prompt = "nn> "
    /// The prompt while a bracket is open.
    public static let continuationPrompt = "... "

    private let session: REPLSession
    private let reader: LineReader
    private let console: REPLConsole
    private var assembler = EntryAssembler()
    /// Physical lines read so far, so diagnostics can say which line of the session they are about.
    private var lineCount = 0
    /// The number of the current entry's first line.
    private var entryLine = 0
    private var anyFailed = false

    /// Makes a loop over `session`, reading from `reader` and writing its own messages to `console`.
    public init(session: REPLSession, reader: LineReader, console: REPLConsole = .standard) {
        self.session = session
        self.reader = reader
        self.console = console
    }

    // MARK: - Running

    /// Reads and runs entries until `:quit` or the end of input, after running the recipe `file` when given
    /// (`nnscript repl FILE`: the session continues from it).
    /// - Returns: the exit status: 0, or 1 when the input was piped and anything in it (or in `file`) failed.
    public func run(loading file: String? = nil) -> Int32 {
        if reader.isInteractive {
            console.write("nnscript \(NNScriptInfo.version) · :help for help, :quit or Ctrl-D to leave\n")
        }
        if let file { load(file) }
        while true {
            let prompt = assembler.isContinuing ? Self.continuationPrompt : Self.prompt
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if let unfinished = assembler.finish() { _ = run(statements: unfinished) }
                if reader.isInteractive { console.write("\n") }
                return exitStatus
            case .interrupted:
                assembler.discard()
            case .line(let line):
                if !line.trimmingBlanks().isEmpty { reader.addHistory(line) }
                lineCount += 1
                if !assembler.isContinuing { entryLine = lineCount }
                guard let entry = assembler.add(line) else { continue }
                if EntryAssembler.isCommandLine(entry) {
                    if !runMeta(entry) { return exitStatus }
                } else if !entry.trimmingBlanks().isEmpty {
                    _ = run(statements: entry)
                }
            }
        }
    }

    /// Tab completion at `cursor` (a UTF-8 offset) in `line`; a continuation line completes as part of the
    /// entry still open before it.
    public func complete(_ line: String, cursor: Int) -> Completion {
        Completer(userNames: session.userNames()).complete(line, cursor: cursor, after: assembler.pending)
    }

    private var exitStatus: Int32 {
        !reader.isInteractive && anyFailed ? 1 : 0
    }

    @discardableResult
    private func record(_ succeeded: Bool) -> Bool {
        if !succeeded { anyFailed = true }
        return succeeded
    }

    @discardableResult
    private func load(_ path: String) -> Bool {
        interruptibly { session.loadRecipe(from: path) }
    }

    private func run(statements: String) -> Bool {
        let line = entryLine
        return interruptibly { session.execute(statements, lineNumber: line) }
    }

    /// Runs statements (typed or loaded) so that Ctrl-C interrupts them rather than the REPL, and records failure.
    private func interruptibly(_ body: () -> Bool) -> Bool {
        let target = InterruptTarget(session)
        return record(reader.runInterruptible(onInterrupt: { target.interrupt() }, body))
    }

    // MARK: - Meta-commands

    /// Runs a `:` command; false when it asks to quit.
    private func runMeta(_ line: String) -> Bool {
        let call: MetaCommandCall
        switch MetaCommandCall.parse(line) {
        case .success(let parsed): call = parsed
        case .failure(let diagnostic):
            fail(DiagnosticRenderer.renderLine(diagnostic))
            return true
        }
        switch call.command {
        case .help:
            say(helpText(topic: call.argument))
        case .show:
            say(session.showText())
        case .list:
            say(session.recipeText())
        case .undo:
            say(session.undo().map { "undone: \($0)" } ?? "nothing to undo")
        case .redo:
            say(session.redo().map { "redone: \($0)" } ?? "nothing to redo")
        case .reset:
            say(session.reset())
        case .save:
            let path = call.argument ?? ""
            do {
                try session.saveRecipe(to: path)
                say("saved \(path)")
            } catch {
                fail("cannot save \(path): \(error)")
            }
        case .load:
            load(call.argument ?? "")
        case .quit:
            return false
        }
        return true
    }

    /// The session's help, with the `:` commands after the general help or alone for a `:` topic.
    private func helpText(topic: String?) -> String {
        guard let topic else {
            return session.helpText(topic: nil).trailingNewline + "\nREPL commands\n" + MetaCommand.summary
        }
        return topic.hasPrefix(":") ? MetaCommand.helpText(topic: topic) : session.helpText(topic: topic)
    }

    private func say(_ text: String) {
        console.write(text.trailingNewline)
    }

    private func fail(_ message: String) {
        anyFailed = true
        console.writeError("error: \(message)\n")
    }
}

/// Hands Ctrl-C to the session from the thread that notices it.
///
/// Unchecked: `REPLSession.requestInterrupt` is documented as safe to call from another thread, and nothing else
/// of the session is touched here.
private final class InterruptTarget: @unchecked Sendable {
    private let session: REPLSession

    init(_ session: REPLSession) { self.session = session }

    func interrupt() { session.requestInterrupt() }
}

extension String {
    /// The text ending in exactly the newline it had, or one added.
    var trailingNewline: String { hasSuffix("\n") || isEmpty ? self : self + "\n" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
