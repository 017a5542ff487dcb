import Foundation
import ArgumentParser
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

/// The options a recipe file runs with: named after it, reading and writing in its folder, within the limits.
func sessionOptions(for file: String, quiet: Bool, safety: SafetyOptions) -> SessionOptions {
    var options = SessionOptions()
    options.file = file
    options.quiet = quiet
    options.isTerminal = Terminal.standardOutputIsTerminal
    options.color = options.isTerminal && Terminal.standardErrorSupportsColor
    options.width = Terminal.width
    options.baseDirectory = URL(fileURLWithPath: file).deletingLastPathComponent().path
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
    let (plan, diagnostics) = SweepPlan.make(source: source, file: file, fixed: fixed)
    let color = Terminal.standardErrorSupportsColor
    if !diagnostics.isEmpty {
        Terminal.writeError(LocatedDiagnostic.render(diagnostics, color: color))
    }
    guard let plan else { throw ExitCode(1) }
    return plan
}
