import ArgumentParser
import Foundation
import NNScript

@main
struct NNScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnscript",
        abstract: "Define, train and understand small neural networks from a plain-text recipe.",
        version: NNScriptInfo.version,
        subcommands: [CheckCommand.self, FormatCommand.self]
    )

    /// Like ArgumentParser's, but usage errors exit with status 2 (1 is reserved for errors in recipes).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
