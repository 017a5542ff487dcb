import Foundation

/// Reading recipe files for the command line and `load`: a missing or unreadable file is a diagnostic, not a throw.
public enum SourceFile {
    /// The text of the file at `path`; bytes that are not UTF-8 become U+FFFD (the lexer then reports them).
    /// `range` is where the file was named (the command line, or a `load` statement).
    public static func read(_ path: String, namedAt range: SourceRange? = nil) -> Result<String, Diagnostic> {
        let place = range ?? .startOfFile(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.fileNotFound(path, at: place))
        }
        if isDirectory.boolValue { return .failure(.fileUnreadable(path, reason: "it is a directory", at: place)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.fileUnreadable(path, reason: "permission denied or I/O error", at: place))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
