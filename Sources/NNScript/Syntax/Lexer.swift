/// Turns source text into tokens. It never fails: text that forms no token becomes an `.invalid` token with a
/// diagnostic, and lexing goes on.
public struct Lexer {
    /// The result of lexing: tokens (ending with `.endOfFile`), comments and lexical diagnostics.
    public struct Output: Sendable {
        public var tokens: [Token]
        public var comments: [SourceComment]
        public var diagnostics: [Diagnostic]
    }

    private let bytes: [UInt8]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    private var comments: [SourceComment] = []
    private var diagnostics: [Diagnostic] = []
    /// Set after the name of a `:` command: an unquoted argument that follows is one `.text` token.
    private var expectingCommandArgument = false

    /// Lexes `source`, naming `file` in every range; `firstLine` numbers its first line (a REPL entry's).
    public static func tokenize(_ source: String, file: String, firstLine: Int = 1) -> Output {
        var lexer = Lexer(bytes: Array(source.utf8), file: file)
        lexer.tokens.reserveCapacity(source.utf8.count / 4 + 1)
        lexer.line = firstLine
        lexer.run()
        return Output(tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: - Positions

    private var position: SourcePosition { SourcePosition(line: line, column: column, offset: offset) }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    /// Moves past one byte, counting columns in Unicode scalars (continuation bytes do not start a column).
    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func range(from start: SourcePosition) -> SourceRange {
        SourceRange(file: file, start: start, end: position)
    }

    private func text(from start: SourcePosition) -> String {
        String(decoding: bytes[start.offset..<offset], as: UTF8.self)
    }

    private mutating func add(_ kind: TokenKind, from start: SourcePosition, number: Double? = nil) {
        tokens.append(Token(kind: kind, text: text(from: start), number: number, range: range(from: start)))
    }

    // MARK: - Main loop

    private mutating func run() {
        while let byte = peek() {
            let start = position
            if expectingCommandArgument, !isBlank(byte) {
                expectingCommandArgument = false
                if byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "#") {
                    lexCommandText()
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: "\n"):
                advance()
                tokens.append(Token(kind: .newline, text: "\n", range: SourceRange(file: file, start: start, end: start)))
            case UInt8(ascii: "#"):
                lexComment()
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            case UInt8(ascii: "."):
                if let next = peek(1), isDigit(next) { lexNumber() } else { lexInvalid() }
            case _ where isIdentifierStart(byte):
                while let next = peek(), isIdentifierContinue(next) { advance() }
                add(.identifier, from: start)
                expectingCommandArgument = namesCommand
            default:
                lexPunctuation(byte)
            }
        }
        let end = position
        tokens.append(Token(kind: .endOfFile, text: "", range: SourceRange(file: file, start: end, end: end)))
    }

    /// Whether the name just lexed follows a `:` that starts a statement (`:save`), so an argument may follow.
    private var namesCommand: Bool {
        let count = tokens.count
        guard count >= 2, tokens[count - 2].kind == .colon else { return false }
        return count == 2 || [.newline, .semicolon].contains(tokens[count - 3].kind)
    }

    // MARK: - Token kinds

    /// The unquoted argument of a `:` command: to the end of the line, or to a `#` after a blank (a comment), with
    /// trailing blanks left out. A path may hold any character but a line break, so it is not split into tokens.
    private mutating func lexCommandText() {
        let start = position
        var end = position
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "#"), offset > start.offset, isBlank(bytes[offset - 1]) { break }
            advance()
            if !isBlank(byte) { end = position }
        }
        tokens.append(Token(kind: .text, text: String(decoding: bytes[start.offset..<end.offset], as: UTF8.self),
                            range: SourceRange(file: file, start: start, end: end)))
    }

    private mutating func lexComment() {
        let start = position
        advance()
        while let byte = peek(), byte != UInt8(ascii: "\n") { advance() }
        var body = String(decoding: bytes[(start.offset + 1)..<offset], as: UTF8.self)
        while body.hasSuffix("\r") { body.removeLast() }
        comments.append(SourceComment(text: body, range: range(from: start)))
    }

    private mutating func lexString() {
        let start = position
        advance()
        var decoded: [UInt8] = []
        var valid = true
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                diagnostics.append(.unterminatedString(at: range(from: start)))
                tokens.append(Token(kind: .invalid, text: text(from: start), range: range(from: start)))
                return
            }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = position
                advance()
                guard let escaped = peek(), escaped != UInt8(ascii: "\n") else { continue }
                advance()
                switch escaped {
                case UInt8(ascii: "\""): decoded.append(escaped)
                case UInt8(ascii: "\\"): decoded.append(escaped)
                case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t"))
                default:
                    // Finish the whole scalar so the message shows a readable character.
                    while let next = peek(), next & 0xC0 == 0x80 { advance() }
                    let shown = String(decoding: bytes[(escapeStart.offset + 1)..<offset], as: UTF8.self)
                    diagnostics.append(.invalidEscape(shown, at: range(from: escapeStart)))
                    valid = false
                }
                continue
            }
            decoded.append(byte)
            advance()
        }
        let kind: TokenKind = valid ? .string : .invalid
        tokens.append(Token(kind: kind, text: String(decoding: decoded, as: UTF8.self), range: range(from: start)))
    }

    private mutating func lexNumber() {
        let start = position
        while let byte = peek(), isDigit(byte) { advance() }
        if peek() == UInt8(ascii: "."), peek(1).map(isDigit) ?? false || start.offset < offset {
            advance()
            while let byte = peek(), isDigit(byte) { advance() }
        }
        var wellFormed = true
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            advance()
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { advance() }
            if let digit = peek(), isDigit(digit) {
                while let byte = peek(), isDigit(byte) { advance() }
            } else {
                wellFormed = false
            }
        }
        // `2x`, `1.2.3`: glued letters or dots make the whole run one malformed number.
        while let byte = peek(), isIdentifierContinue(byte) || byte == UInt8(ascii: ".") {
            wellFormed = false
            advance()
        }
        let literal = text(from: start)
        guard wellFormed, let value = Double(literal) else {
            diagnostics.append(.malformedNumber(literal, at: range(from: start)))
            add(.invalid, from: start)
            return
        }
        guard value.isFinite else {
            diagnostics.append(.numberOutOfRange(literal, at: range(from: start)))
            add(.invalid, from: start)
            return
        }
        // Numbers are Doubles. A whole number from 2^53 to UInt64's largest that a Double would round is refused
        // rather than silently changed (`seed 9007199254740993` became 2^53, inside seed's range). Larger ones are
        // past every whole-number setting's range, whose check then reports them.
        if value >= Self.largestExactInteger, literal.utf8.allSatisfy(isDigit), let whole = UInt64(literal),
           value >= 0x1p64 || UInt64(value) != whole {
            diagnostics.append(.inexactInteger(literal, at: range(from: start)))
            add(.invalid, from: start)
            return
        }
        add(.number, from: start, number: value)
    }

    /// 2^53: every whole number up to it is a Double.
    private static let largestExactInteger = 9_007_199_254_740_992.0

    private mutating func lexPunctuation(_ byte: UInt8) {
        let start = position
        let next = peek(1)
        let kind: TokenKind?
        var length = 1
        switch byte {
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: "|"): kind = .pipe
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { kind = .equalEqual; length = 2 } else { kind = .equals }
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { kind = .lessEqual; length = 2 } else { kind = .less }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { kind = .notEqual; length = 2 } else { kind = nil }
        default: kind = nil
        }
        guard let kind else {
            lexInvalid()
            return
        }
        for _ in 0..<length { advance() }
        add(kind, from: start)
    }

    /// A run of characters that start no token: one diagnostic for the run, so a line of garbage is one error.
    private mutating func lexInvalid() {
        let start = position
        repeat {
            advance()
            while let byte = peek(), byte & 0xC0 == 0x80 { advance() }
        } while peek().map(startsNoToken) ?? false
        let characters = text(from: start)
        let shown = characters.unicodeScalars.count > 16
            ? String(String.UnicodeScalarView(characters.unicodeScalars.prefix(16))) + "…" : characters
        diagnostics.append(.unexpectedCharacter(shown, at: range(from: start)))
        add(.invalid, from: start)
    }

    /// True for a byte that cannot begin any token (nor whitespace, a comment or a string).
    private func startsNoToken(_ byte: UInt8) -> Bool {
        if isIdentifierStart(byte) || isDigit(byte) { return false }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#"),
            UInt8(ascii: "\""), UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "|"),
            UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "^"),
            UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return false
        case UInt8(ascii: "!"):
            return peek(1) != UInt8(ascii: "=")
        default:
            return true
        }
    }

    // MARK: - Character classes

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    private func isIdentifierContinue(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
