// MARK: - Scanning

/// A light lexical pass over statement text: enough to count brackets and find the statement and word around the
/// cursor, skipping `"strings"` and `# comments`. The parser does the real work; this only has to agree with it on
/// where strings, comments and statements begin and end.
struct StatementScan {
    /// Open `(` and `[` minus closed ones, outside strings and comments; negative when too many were closed.
    private(set) var bracketDepth = 0
    /// Offset just after the last `;` or statement-ending newline, where the current statement starts.
    private(set) var statementStart: Int
    /// Offset just after the opening quote when the text ends inside a string.
    private(set) var openQuoteEnd: Int?
    /// Whether the text ends inside a comment.
    private(set) var inComment = false

    init(_ bytes: ArraySlice<UInt8>) {
        statementStart = bytes.startIndex
        for index in bytes.indices {
            let byte = bytes[index]
            if inComment {
                if byte == UInt8(ascii: "\n") { inComment = false; endStatement(at: index) }
                continue
            }
            if openQuoteEnd != nil {
                // A string never spans lines, so a missing quote cannot swallow the rest of the session.
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") { openQuoteEnd = nil }
                if byte == UInt8(ascii: "\n") { endStatement(at: index) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): openQuoteEnd = index + 1
            case UInt8(ascii: "#"): inComment = true
            case UInt8(ascii: "("), UInt8(ascii: "["): bracketDepth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): bracketDepth -= 1
            case UInt8(ascii: ";"): statementStart = index + 1
            case UInt8(ascii: "\n"): endStatement(at: index)
            default: break
            }
        }
    }

    /// A newline ends a statement unless a bracket is open.
    private mutating func endStatement(at index: Int) {
        if bracketDepth <= 0 { statementStart = index + 1 }
    }
}

// MARK: - Line assembly

/// Joins physical lines into entries: a line with an open `(` or `[` continues on the next one.
///
/// `;` needs nothing here: an entry may hold several statements and the parser splits them.
public struct LineAssembler {
    private var lines: [String] = []

    public init() {}

    /// Whether an entry is open, so the next line continues it (and the prompt says so).
    public var isContinuing: Bool { !lines.isEmpty }

    /// Adds a physical line; returns the entry once it is complete, nil while a bracket stays open.
    ///
    /// A line starting with `:` outside an open entry is a meta-command and always complete on its own.
    public mutating func add(_ line: String) -> String? {
        if lines.isEmpty, Self.isMetaCommand(line) { return line }
        lines.append(line)
        let text = lines.joined(separator: "\n")
        guard Self.bracketDepth(of: text) <= 0 else { return nil }
        lines.removeAll()
        return text
    }

    /// The unfinished entry at the end of input, handed on so the parser can report the open bracket.
    public mutating func finish() -> String? {
        defer { lines.removeAll() }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Drops the unfinished entry (Ctrl-C during a continuation).
    public mutating func discard() {
        lines.removeAll()
    }

    /// Open brackets minus closed ones in `text`, outside strings and comments.
    public static func bracketDepth(of text: String) -> Int {
        StatementScan(Array(text.utf8)[...]).bracketDepth
    }

    /// Whether a line is a `:` command (leading blanks allowed).
    public static func isMetaCommand(_ line: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":")
    }
}
