/// How bad a diagnostic is: errors fail `check` and `run`; warnings and notes do not.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A suggested replacement of the source text in `range` by `replacement`.
public struct FixIt: Hashable, Sendable {
    /// The text to replace.
    public var range: SourceRange
    /// The text to put in its place.
    public var replacement: String
    /// A short human phrasing, e.g. `did you mean 'tanh'?`.
    public var message: String

    /// A fix-it from its parts.
    public init(range: SourceRange, replacement: String, message: String) {
        self.range = range
        self.replacement = replacement
        self.message = message
    }
}

/// One problem found in a recipe: a value, collected and returned, never printed by the part that finds it.
///
/// Build diagnostics through the catalogue (`Diagnostic.unknownName(...)` and friends in `DiagnosticCatalogue.swift`)
/// so every message text lives in one place.
public struct Diagnostic: Hashable, Sendable {
    /// Error, warning or note.
    public var severity: Severity
    /// The stable identifier of the message, for tests and tools.
    public var id: DiagnosticID
    /// The one-line message, lower case, no trailing period.
    public var message: String
    /// Where the problem is.
    public var range: SourceRange
    /// Further explanations, each shown on its own line.
    public var notes: [String]
    /// A suggested edit, when one is known.
    public var fixIt: FixIt?

    /// A diagnostic from its parts (prefer the catalogue's factories).
    public init(
        severity: Severity, id: DiagnosticID, message: String, range: SourceRange,
        notes: [String] = [], fixIt: FixIt? = nil
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIt = fixIt
    }

    /// True for errors.
    public var isError: Bool { severity == .error }

    /// The same diagnostic with an extra note.
    public func noting(_ note: String) -> Diagnostic {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one diagnostic is an error.
    public var containsErrors: Bool { contains { $0.isError } }
}
