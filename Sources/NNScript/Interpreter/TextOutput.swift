import Foundation

// MARK: - Where a session writes

/// A destination for text: the terminal's stdout or stderr, or a string (tests, `nnscript test`).
public protocol TextOutput: AnyObject {
    func write(_ text: String)
}

/// Standard output or standard error, unbuffered so progress bars and prompts appear at once.
public final class StandardStream: TextOutput, @unchecked Sendable {
    private let handle: FileHandle

    public static let output = StandardStream(handle: .standardOutput)
    public static let error = StandardStream(handle: .standardError)

    private init(handle: FileHandle) { self.handle = handle }

    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}

/// Collects everything written, for tests and for runs whose output is shown only on failure.
public final class StringOutput: TextOutput {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}

/// Options of a session that come from the command line or the REPL rather than from the recipe.
public struct SessionOptions: Sendable {
    /// The recipe's name as shown in diagnostics and the header.
    public var file: String = "<stdin>"
    /// Print only errors, expectations' failures and explicit output (`print`, `predict`).
    public var quiet = false
    /// stdout is a terminal: draw a live progress bar and allow colour.
    public var isTerminal = false
    public var color = false
    /// Columns available for plots and bars.
    public var width = 80
    /// Relative paths in the recipe are resolved against this folder (the recipe's own; in the REPL, the current
    /// folder). Statements read and write only inside it, unless the folders below widen that (`PathPolicy`).
    public var baseDirectory = "."
    /// Extra folders statements may read from (`--allow-read`).
    public var allowedReadFolders: [String] = []
    /// Extra folders statements may write to, and read from (`--allow-write`).
    public var allowedWriteFolders: [String] = []
    /// The memory the session's data, model and training buffers may take, in bytes (`--max-memory`).
    public var memoryBudget = MemoryBudget.defaultBytes
    /// Iterations trained at the end of a recipe that never says `train`.
    public var defaultBudget = 3000

    public init() {}
}
