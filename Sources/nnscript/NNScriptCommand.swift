import ArgumentParser
import NNScript

@main
struct NNScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnscript",
        abstract: "Define, train and understand small neural networks from a plain-text recipe.",
        version: NNScriptInfo.version,
        subcommands: [ReplCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}
