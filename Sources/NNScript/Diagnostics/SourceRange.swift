/// A point in a source file: 1-based line and column (in Unicode scalars) and a 0-based UTF-8 offset.
public struct SourcePosition: Hashable, Sendable, Comparable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int
    /// 0-based offset in the UTF-8 bytes of the source.
    public var offset: Int

    /// A position from its parts.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open span of source text (`end` is just past the last character) in a named file.
public struct SourceRange: Hashable, Sendable {
    /// The file name as given to the parser (used in rendered diagnostics).
    public var file: String
    /// The first character of the span.
    public var start: SourcePosition
    /// Just past the last character of the span.
    public var end: SourcePosition

    /// A range from its parts.
    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// An empty range at the start of a file, for diagnostics that concern a whole file.
    public static func startOfFile(_ file: String) -> SourceRange {
        let origin = SourcePosition(line: 1, column: 1, offset: 0)
        return SourceRange(file: file, start: origin, end: origin)
    }

    /// The smallest range covering both `self` and `other`.
    public func extended(to other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// `file:line:col`, as editors and terminals understand it.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
