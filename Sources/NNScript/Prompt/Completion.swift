import Foundation

// MARK: - Results

/// One word tab completion may put in place of the word being typed.
public struct CompletionCandidate: Equatable, Sendable {
    /// The replacement for the word from `Completion.wordStart` to the cursor.
    public var text: String
    /// What to type after `text` when it is the only candidate: a space after a whole word, nothing after `lr=`,
    /// an expression's name or a directory, the closing quote after a file name.
    public var suffix: String

    public init(_ text: String, suffix: String = " ") {
        self.text = text
        self.suffix = suffix
    }
}

/// What tab completion offers at a cursor position.
public struct Completion: Equatable, Sendable {
    /// UTF-8 offset into the line where the word being completed starts.
    public var wordStart: Int
    /// Candidates sorted by text, without duplicates.
    public var candidates: [CompletionCandidate]

    public init(wordStart: Int, candidates: [CompletionCandidate]) {
        self.wordStart = wordStart
        self.candidates = candidates
    }

    /// The candidates' texts, for display and for tests.
    public var words: [String] { candidates.map(\.text) }
}

// MARK: - What completion knows beyond the language

/// Names a session defined, offered beside the built-in ones where the grammar allows them.
public struct UserNames: Equatable, Sendable {
    /// Activations defined with `activation NAME(x) = …`: offered as activations, and as functions in expressions.
    public var activations: [String]
    /// Constants bound with `let NAME = …`: offered in expressions.
    public var constants: [String]
    /// The columns of the session's data (its inputs and targets): offered where a column is named.
    public var columns: [String]
    /// The data's raw inputs (a table's input columns, or `x1 … xk`): offered in `features`.
    public var inputs: [String]

    public init(activations: [String] = [], constants: [String] = [], columns: [String] = [], inputs: [String] = []) {
        self.activations = activations
        self.constants = constants
        self.columns = columns
        self.inputs = inputs
    }

    /// The names a checker's context holds: what the statements checked so far defined.
    public init(_ environment: ExprEnvironment) {
        self.init(activations: environment.functions.keys.sorted(), constants: environment.constants.keys.sorted())
    }
}

/// An entry of a directory listing, as file-name completion sees it.
public struct DirectoryEntry: Equatable, Sendable {
    public var name: String
    public var isDirectory: Bool

    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }

    /// Lists a directory as typed: relative to the working directory, `~/` meaning the home directory; nil when it
    /// cannot be read.
    public static func fileSystemListing(_ directory: String) -> [DirectoryEntry]? {
        var path = directory.isEmpty ? "." : directory
        if path.hasPrefix("~/") {
            path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
        }
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: path) else { return nil }
        return names.map { name in
            var isDirectory: ObjCBool = false
            _ = files.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
        }
    }

    /// The header of the CSV file at `path` (as typed: relative to the working directory), read from at most its
    /// first 64 KiB as the table reader reads a header; nil when the file cannot be read or its first row is all
    /// numbers.
    public static func csvHeader(_ path: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1 << 16) else { return nil }
        // The first line alone (a header with a quoted line break is cut there, and then not read).
        let bytes = Array(data.prefix { $0 != 0x0A && $0 != 0x0D })
        return try? CSVTable.parse(bytes).header
    }
}
