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
              nnscript                              open the interactive REPL

            Exit codes: 0 success; 1 an error in a recipe or a failed expect; 2 a usage error.
            """,
        version: NNScriptInfo.version,
        subcommands: [RunCommand.self, TestCommand.self, CheckCommand.self, FormatCommand.self, CompareCommand.self,
                      ReplCommand.self],
        defaultSubcommand: ReplCommand.self
    )

    /// Runs the command line with nnscript's exit codes: usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
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
}
