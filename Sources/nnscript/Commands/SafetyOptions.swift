import ArgumentParser
import Foundation
import NNScript

/// `--max-memory`, `--allow-read`, `--allow-write`: what a recipe may use and touch, for every command that runs
/// recipes (run, test, compare, repl).
struct SafetyOptions: ParsableArguments {
    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Refuse statements whose data, model and training buffers would need more than SIZE (e.g. 512M, 4G; "
            + "default 2G, or half the memory of a smaller machine).",
        valueName: "SIZE"))
    var maxMemory: String?

    @Option(name: .customLong("allow-read"), help: ArgumentHelp(
        "Also let 'data csv' and 'load' read files inside DIR (repeatable). By default a recipe reads only inside "
            + "its own folder (the REPL: the current folder).",
        valueName: "DIR"))
    var allowRead: [String] = []

    @Option(name: .customLong("allow-write"), help: ArgumentHelp(
        "Also let save, export, plot and predict write (and read) files inside DIR (repeatable). By default a "
            + "recipe writes only inside its own folder (the REPL: the current folder).",
        valueName: "DIR"))
    var allowWrite: [String] = []

    func validate() throws {
        if let maxMemory {
            guard let bytes = MemoryBudget.parse(maxMemory) else {
                throw ValidationError("--max-memory takes a size such as 512M or 4G, not '\(maxMemory)'")
            }
            guard bytes >= MemoryBudget.minimumBytes else {
                throw ValidationError("--max-memory must be at least 16M")
            }
        }
        for (flag, folders) in [("--allow-read", allowRead), ("--allow-write", allowWrite)] {
            for folder in folders {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
                else { throw ValidationError("\(flag): no such folder '\(folder)'") }
            }
        }
    }

    /// Puts the limits into a session's options.
    func apply(to options: inout SessionOptions) {
        if let bytes = maxMemory.flatMap(MemoryBudget.parse) { options.memoryBudget = bytes }
        options.allowedReadFolders = allowRead
        options.allowedWriteFolders = allowWrite
    }
}
