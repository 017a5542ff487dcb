import ArgumentParser
import Foundation
import NNScript

/// `nnscript repl [FILE]`, also plain `nnscript`: the interactive session.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Build and train a network statement by statement; :help inside lists the commands.",
        discussion: """
            Statements are those of recipes. With standard input not a terminal, lines are read from it with no \
            prompts, so a session can be scripted; the exit status is then 1 if anything failed.
            History is kept in $NNSCRIPT_HISTORY (empty: none), else ~/.nnscript_history.
            """
    )

    @Argument(help: "A recipe to run first; the session continues from it.")
    var file: String?

    @Option(help: ArgumentHelp("The history file (overrides $NNSCRIPT_HISTORY).", valueName: "path"))
    var history: String?

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func run() throws {
        var options = SessionOptions()
        options.file = Session.interactiveFile
        options.isTerminal = Terminal.standardOutputIsTerminal
        options.color = options.isTerminal && Terminal.standardErrorSupportsColor
        options.width = Terminal.width
        safety.apply(to: &options)
        let session = Session(options: options)
        let readline = isatty(0) != 0
            ? ReadlineReader(historyPath: history ?? ReadlineReader.defaultHistoryPath()) : nil
        var reader: LineReader = PipeReader()
        if let readline { reader = readline }
        let repl = REPL(session: session, reader: reader)
        readline?.complete = { [unowned repl] line, cursor in repl.complete(line, cursor: cursor) }
        let status = repl.run(loading: file)
        if status != 0 { throw ExitCode(status) }
    }
}
