import ArgumentParser
import Foundation
import NNScript

/// `nnscript fmt FILE [--write]`: the canonical form of a recipe, comments kept.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Print a recipe in canonical form (one statement per line, comments kept).",
        discussion: """
            With --write, the file is rewritten in place instead. A file with syntax errors is left alone and
            its errors are reported (exit status 1).
            """
    )

    @Argument(help: "The recipe file (.nn) to format.")
    var file: String

    @Flag(name: .long, help: "Rewrite the file in place instead of printing.")
    var write = false

    func run() throws {
        let color = Terminal.standardErrorSupportsColor
        let source: String
        switch SourceFile.read(file) {
        case .failure(let diagnostic):
            Terminal.writeError(DiagnosticRenderer.render(diagnostic, source: "", color: color))
            throw ExitCode(1)
        case .success(let text):
            source = text
        }
        let (program, diagnostics) = Parser.parse(source: source, file: file)
        guard !diagnostics.containsErrors else {
            Terminal.writeError(DiagnosticRenderer.render(diagnostics, source: source, color: color))
            throw ExitCode(1)
        }
        let formatted = Formatter.format(program)
        guard write else {
            print(formatted, terminator: "")
            return
        }
        do {
            try AtomicFile.write(formatted, to: file)
        } catch {
            let diagnostic = Diagnostic.fileNotWritable(file, reason: error.localizedDescription, at: .startOfFile(file))
            Terminal.writeError(DiagnosticRenderer.render(diagnostic, source: "", color: color))
            throw ExitCode(1)
        }
    }
}
