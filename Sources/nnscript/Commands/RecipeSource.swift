import ArgumentParser
import Foundation
import NNScript

/// The text of the recipe `file` for `run` and `compare`, or its located error on stderr and exit status 1.
func readRecipeOrExit(_ file: String) throws -> String {
    switch SourceFile.read(file) {
    case .failure(let diagnostic):
        Terminal.writeError(DiagnosticRenderer.render(diagnostic, source: "", color: false) + "\n")
        throw ExitCode(1)
    case .success(let text):
        return text
    }
}

/// The recipe `run` was given: a file, standard input (`-`) or the text of `-e`, with the name messages use and the
/// folder its relative paths start from.
struct RecipeInput {
    /// The name diagnostics show: the path, `<stdin>` or `<command line>`.
    let name: String
    let text: String
    /// The recipe file's folder; the current folder for standard input and `-e`.
    let baseDirectory: String

    init(file: String?, expression: String?) throws {
        let current = FileManager.default.currentDirectoryPath
        if let expression {
            (name, text, baseDirectory) = ("<command line>", expression, current)
        } else if file == "-" {
            let bytes = FileHandle.standardInput.readDataToEndOfFile()
            (name, text, baseDirectory) = ("<stdin>", String(decoding: bytes, as: UTF8.self), current)
        } else {
            let path = file ?? ""
            (name, text, baseDirectory) = (path, try readRecipeOrExit(path),
                                           URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
    }
}

/// The options a recipe runs with: named `file` in messages, reading and writing in `baseDirectory` (by default
/// the file's folder), within the limits.
func sessionOptions(for file: String, baseDirectory: String? = nil, quiet: Bool, safety: SafetyOptions) -> SessionOptions {
    var options = SessionOptions()
    options.file = file
    options.quiet = quiet
    options.isTerminal = Terminal.standardOutputIsTerminal
    options.color = options.isTerminal && Terminal.standardErrorSupportsColor
    options.width = Terminal.width
    options.baseDirectory = baseDirectory ?? URL(fileURLWithPath: file).deletingLastPathComponent().path
    safety.apply(to: &options)
    return options
}

/// The `--set` arguments as settings, or their first error on stderr and exit status 2 (a usage error).
func parseSetArguments(_ arguments: [String]) throws -> [SweepOverride] {
    var overrides: [SweepOverride] = []
    for argument in arguments {
        switch SetArgument.parse(argument) {
        case .success(let override): overrides.append(override)
        case .failure(let located):
            Terminal.writeError(located.rendered(color: Terminal.standardErrorSupportsColor))
            throw ExitCode(2)
        }
    }
    return overrides
}

/// The recipe as a sweep plan, with every error and warning on stderr; exit status 1 when it has errors.
func makePlanOrExit(source: String, file: String, fixed: [SweepOverride]) throws -> SweepPlan {
    let (plan, diagnostics, _) = SweepPlan.make(source: source, file: file, fixed: fixed)
    let color = Terminal.standardErrorSupportsColor
    if !diagnostics.isEmpty {
        Terminal.writeError(LocatedDiagnostic.render(diagnostics, color: color))
    }
    guard let plan else { throw ExitCode(1) }
    return plan
}
