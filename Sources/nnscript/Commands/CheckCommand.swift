import ArgumentParser
import Foundation
import NNScript

/// `nnscript check FILE…`: every syntax and meaning error of every file, without training.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every syntax and meaning error in recipes, without running them.",
        discussion: """
            Prints each problem as file:line:col with the source line and a marker under it. Files the recipe \
            reads (data csv, load) are not opened, but one that is a FIFO, a folder or a device is reported.
            Exit status: 0 when every file is clean (warnings allowed), 1 when any has an error, 2 on usage errors.
            """
    )

    @Argument(help: "Recipe files (.nn) to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one recipe file, e.g. 'nnscript check examples/sin.nn'") }
    }

    func run() throws {
        var failed = false
        let color = Terminal.standardErrorSupportsColor
        for file in files {
            switch SourceFile.read(file) {
            case .failure(let diagnostic):
                Terminal.writeError(DiagnosticRenderer.render(diagnostic, source: "", color: color))
                failed = true
            case .success(let source):
                // A sweep's values are checked too: each written into the statement it sets (Sweep/SweepPlan.swift).
                let (_, checked, program) = SweepPlan.make(source: source, file: file)
                let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
                let files = RecipeFiles.problems(in: program, baseDirectory: folder)
                    .map { LocatedDiagnostic($0, source: source) }
                let diagnostics = (checked + files).sorted { $0.diagnostic.range.start < $1.diagnostic.range.start }
                if diagnostics.isEmpty {
                    print("\(file): no problems")
                } else {
                    Terminal.writeError(LocatedDiagnostic.render(diagnostics, color: color))
                }
                failed = failed || diagnostics.contains { $0.diagnostic.isError }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
