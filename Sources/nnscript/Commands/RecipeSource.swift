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
