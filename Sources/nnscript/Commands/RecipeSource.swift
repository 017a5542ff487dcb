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
