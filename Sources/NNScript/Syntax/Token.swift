/// The kinds of token the lexer produces.
public enum TokenKind: Hashable, Sendable {
    /// A number literal; the value is in `Token.number` (nil when malformed).
    case number
    /// A name: `[A-Za-z_][A-Za-z0-9_]*`. Keywords are identifiers too; the parser tells them apart by place.
    case identifier
    /// A string literal; the decoded text is in `Token.text`.
    case string
    /// The unquoted argument of a `:` command (`:save run.nn`): the rest of its line, up to a ` #` comment.
    case text
    case leftBracket, rightBracket, leftParen, rightParen
    case comma, equals, semicolon, colon, pipe
    case plus, minus, star, slash, caret
    case less, lessEqual, equalEqual, notEqual, greaterEqual, greater
    /// A line break: the statement separator.
    case newline
    /// The end of the input (always the last token).
    case endOfFile
    /// Text that forms no token; the lexer has already reported it.
    case invalid

    /// How the token reads in a message: `'='`, `a number`, `end of line`.
    public var description: String {
        switch self {
        case .number: return "a number"
        case .identifier: return "a name"
        case .string: return "a string"
        case .text: return "text"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .equals: return "'='"
        case .semicolon: return "';'"
        case .colon: return "':'"
        case .pipe: return "'|'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .equalEqual: return "'=='"
        case .notEqual: return "'!='"
        case .greaterEqual: return "'>='"
        case .greater: return "'>'"
        case .newline: return "end of line"
        case .endOfFile: return "end of file"
        case .invalid: return "an invalid character"
        }
    }
}

/// One token with its exact source range.
public struct Token: Hashable, Sendable {
    /// What the token is.
    public var kind: TokenKind
    /// The source text for names and numbers; the decoded contents for strings.
    public var text: String
    /// The value of a number token (nil for other kinds, or for a malformed number).
    public var number: Double?
    /// Where the token is.
    public var range: SourceRange

    /// A token from its parts.
    public init(kind: TokenKind, text: String, number: Double? = nil, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.number = number
        self.range = range
    }

    /// How the token reads in a message: `'tanh'`, `'='`, `end of line`.
    public var description: String {
        switch kind {
        case .identifier, .number: return "'\(text.count > 24 ? String(text.prefix(24)) + "…" : text)'"
        default: return kind.description
        }
    }

    /// True for tokens that end a statement: newline, `;`, end of file.
    public var endsStatement: Bool { kind == .newline || kind == .semicolon || kind == .endOfFile }
}

/// A `#` comment, kept so the formatter can put it back.
public struct SourceComment: Hashable, Sendable {
    /// The text after `#`, without the line break.
    public var text: String
    /// Where the comment is (from `#` to the end of the line).
    public var range: SourceRange

    /// A comment from its parts.
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}
