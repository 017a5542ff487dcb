import ArgumentParser
import Foundation
import NNScript

@main
struct NNScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnscript",
        abstract: "Define, train and understand small neural networks from a plain-text recipe.",
        discussion: """
            A recipe is a small text file of statements: data to fit, layers, a loss, an optimizer, \
            then actions such as train, report and expect.

            Examples:
              nnscript run examples/sin.nn          train and report a recipe
              nnscript check examples/*.nn          report every error without training
              nnscript test examples/               run recipes, check their expect lines
              nnscript compare a.nn b.nn            compare several recipes side by side
              nnscript sweep examples/seeds.nn      run a recipe's sweep: every trial, then the spread
              nnscript                              open the interactive REPL

            Safety: a recipe reads and writes files only inside its own folder (the REPL: the current folder); \
            --allow-read DIR and --allow-write DIR widen that. A statement whose data, model and training buffers \
            would need more than --max-memory (default 2G) is refused before anything is allocated. A recipe \
            never runs programs or reaches the network.

            Exit codes: 0 success; 1 an error in a recipe or a failed expect; 2 a usage error.
            """,
        version: NNScriptInfo.version,
        subcommands: [RunCommand.self, TestCommand.self, CheckCommand.self, FormatCommand.self, CompareCommand.self,
                      SweepCommand.self, ReplCommand.self],
        defaultSubcommand: ReplCommand.self
    )

    /// Runs the command line with nnscript's exit codes: usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownCommandMessage(arguments) ?? unknownHelpTopicMessage(arguments) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            Foundation.exit(exitCode.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            if code.rawValue == 1 { Foundation.exit(1) }
            Foundation.exit(2)
        }
    }

    /// The subcommands' names, and ArgumentParser's own `help`.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// An error for `nnscript help WORD` when WORD is no command: ArgumentParser would print the general help and
    /// exit 0, so a typo in a script would pass unnoticed.
    static func unknownHelpTopicMessage(_ arguments: [String]) -> String? {
        guard arguments.first == "help", let topic = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }),
              !commandNames.contains(topic) else {
            return nil
        }
        let list = commandNames.filter { $0 != "help" }.joined(separator: ", ")
        let near = Suggestions.nearest(to: topic, in: commandNames).map { " — did you mean '\($0)'?" } ?? ""
        return "error: no help topic '\(topic)'\(near)\nhelp topics: \(list); see 'nnscript --help'"
    }

    /// An error for a first word that is neither a command, an option nor a file: without it, `nnscript rn x.nn`
    /// would fall through to the REPL and complain about an unexpected argument. Words that look like a path
    /// (they exist, or hold a `.` or `/`) still open the REPL on that file.
    static func unknownCommandMessage(_ arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !commandNames.contains(word),
              !word.contains("."), !word.contains("/"), !FileManager.default.fileExists(atPath: word) else {
            return nil
        }
        let list = commandNames.filter { $0 != "help" }.joined(separator: ", ")
        if let near = Suggestions.nearest(to: word, in: commandNames) {
            return "error: unknown command '\(word)' — did you mean '\(near)'?\ncommands: \(list); see 'nnscript --help'"
        }
        return "error: unknown command '\(word)'\ncommands: \(list); see 'nnscript --help'"
    }
}
