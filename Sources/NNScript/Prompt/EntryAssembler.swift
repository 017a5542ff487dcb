// MARK: - Entries

/// Joins the physical lines typed at the prompt into entries, and says when an entry is complete: a line with an
/// open `(` or `[` continues on the next one; a `:` command is complete on its own line.
///
/// Brackets are counted on the Lexer's tokens, so strings, comments and a `:` command's unquoted argument are read
/// exactly as the parser reads them. `;` needs nothing here: an entry may hold several statements and the parser
/// splits them. An unterminated string does not continue the entry (a string never spans lines); the parser
/// reports it.
public struct EntryAssembler: Sendable {
    private var lines: [String] = []

    public init() {}

    /// Whether an entry is open, so the next line continues it (and the prompt says so).
    public var isContinuing: Bool { !lines.isEmpty }

    /// The lines of the open entry so far, joined by line breaks (empty when none is open).
    public var pending: String { lines.joined(separator: "\n") }

    /// Adds a physical line; returns the entry once it is complete, nil while a bracket stays open.
    public mutating func add(_ line: String) -> String? {
        if lines.isEmpty, Self.isCommandLine(line) { return line }
        lines.append(line)
        let text = pending
        guard Self.openBrackets(in: text) == 0 else { return nil }
        lines.removeAll()
        return text
    }

    /// The unfinished entry at the end of input, handed on so the parser can report the open bracket.
    public mutating func finish() -> String? {
        defer { lines.removeAll() }
        return lines.isEmpty ? nil : pending
    }

    /// Drops the unfinished entry (Ctrl-C during a continuation).
    public mutating func discard() {
        lines.removeAll()
    }

    // MARK: - Reading an entry

    /// Whether a line is a `:` command (leading blanks allowed).
    public static func isCommandLine(_ line: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":")
    }

    /// `(` and `[` still open at the end of `text`. A closing bracket with nothing open counts for nothing: it is
    /// the parser's to report, and must not make a later `(` look closed.
    public static func openBrackets(in text: String) -> Int {
        var depth = 0
        for token in Lexer.tokenize(text, file: "").tokens { depth = Self.depth(after: token, from: depth) }
        return depth
    }

    /// The entry with every line break inside an open `(` or `[` made a space (and a comment before such a break
    /// blanked), so lines joined while a bracket was open read as the one statement they are; recipe files keep
    /// one statement per line. Every byte keeps its offset, so diagnostics point into the joined text.
    public static func joiningBracketedLines(_ entry: String) -> String {
        guard entry.contains("\n") else { return entry }
        let lexed = Lexer.tokenize(entry, file: "")
        var bytes = Array(entry.utf8)
        var comments = lexed.comments[...]
        var depth = 0
        for token in lexed.tokens {
            // A comment lies before the line break that ends it, so it is blanked at the depth of that break.
            while let comment = comments.first, comment.range.start.offset < token.range.start.offset {
                if depth > 0 {
                    for offset in comment.range.start.offset..<comment.range.end.offset { bytes[offset] = 0x20 }
                }
                comments.removeFirst()
            }
            if token.kind == .newline, depth > 0 { bytes[token.range.start.offset] = 0x20 }
            depth = Self.depth(after: token, from: depth)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func depth(after token: Token, from depth: Int) -> Int {
        switch token.kind {
        case .leftParen, .leftBracket: return depth + 1
        case .rightParen, .rightBracket: return max(depth - 1, 0)
        default: return depth
        }
    }
}
