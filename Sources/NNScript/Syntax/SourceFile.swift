import Foundation

/// Reading recipe files for the command line and `load`: a missing or unreadable file is a diagnostic, not a throw.
public enum SourceFile {
    /// The text of the file at `path`; bytes that are not UTF-8 become U+FFFD (the lexer then reports them). Only a
    /// regular file is read: a FIFO, folder or device is refused with what it is, never waited on.
    /// `range` is where the file was named (the command line, or a `load` statement).
    public static func read(_ path: String, namedAt range: SourceRange? = nil) -> Result<String, Diagnostic> {
        let place = range ?? .startOfFile(path)
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(.fileNotFound(path, at: place))
        }
        let data: [UInt8]
        do { data = try FileContents.read(path) } catch let error as FileReadError {
            return .failure(.fileUnreadable(path, reason: error.reason, at: place))
        } catch {
            return .failure(.fileUnreadable(path, reason: "\(error)", at: place))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
