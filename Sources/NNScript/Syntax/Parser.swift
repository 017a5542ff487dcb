/// Recursive-descent parser: one method per grammar rule (`grammar/nnscript.ebnf`). It collects every error and
/// recovers at the next statement boundary (newline or `;`), so one pass reports them all.
public struct Parser {
    /// Deepest expression nesting accepted (parentheses, operators and unary minus all count).
    public static let maximumDepth = 200

    var tokens: [Token]
    var index = 0
    var depth = 0
    var diagnostics: [Diagnostic] = []
    let file: String
    /// While completing (`slots(atEndOf:)`): what the rules tried at the end of the input; nil when parsing.
    var slots: Set<GrammarSlot>?
    /// What the expression being parsed stands for, declared by the statement rule that asked for it.
    var expressionRole = ExpressionRole.number

    /// Parses a whole recipe (or one REPL entry, numbered from `firstLine`; offsets stay relative to `source`).
    /// Never fails: problems come back as diagnostics, and the program holds every statement that parsed.
    public static func parse(source: String, file: String, firstLine: Int = 1) -> (Program, [Diagnostic]) {
        let lexed = Lexer.tokenize(source, file: file, firstLine: firstLine)
        var parser = Parser(tokens: lexed.tokens, file: file)
        parser.diagnostics = lexed.diagnostics
        let statements = parser.parseProgram()
        let diagnostics = parser.diagnostics.sorted { $0.range.start < $1.range.start }
        return (Program(file: file, statements: statements, comments: lexed.comments), diagnostics)
    }

    /// What may be typed where `source` ends: every slot a rule tried at the end of the input. Completion's
    /// question, answered by the grammar's own rules (see `GrammarSlot`).
    public static func slots(atEndOf source: String) -> Set<GrammarSlot> {
        var parser = Parser(tokens: Lexer.tokenize(source, file: "").tokens, file: "")
        parser.slots = []
        _ = parser.parseProgram()
        return parser.slots ?? []
    }

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    // MARK: - program = { separator } [ statement { separator { separator } statement } ] { separator }

    mutating func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while true {
            while tokens[index].kind == .newline || tokens[index].kind == .semicolon { index += 1 }
            // Where a statement starts (not where a failed one stopped): a keyword, or a `:` command first of all.
            if index == 0 || [.newline, .semicolon].contains(tokens[index - 1].kind) { offer(.statement) }
            if index == 0 { offer(.command) }
            if tokens[index].kind == .endOfFile { break }
            let start = index
            depth = 0
            do {
                let statement = try parseStatement()
                try expectEndOfStatement(startingAt: start)
                statements.append(statement)
            } catch {
                synchronize()
            }
            // Every pass consumes at least one token, so the loop ends.
            if index == start { index += 1 }
        }
        return statements
    }

    /// Skips to the next statement boundary, leaving the separator for the main loop.
    mutating func synchronize() {
        while !tokens[index].endsStatement { index += 1 }
    }

    mutating func expectEndOfStatement(startingAt start: Int) throws(ParseAbort) {
        guard current.endsStatement else {
            let first = tokens[start]
            let word = first.kind == .colon ? ":" + (tokens[safe: start + 1]?.text ?? "") : first.text
            throw fail(.extraTokens(after: word, found: current.description, at: current.range))
        }
    }

    // MARK: - Token helpers

    var current: Token { tokens[index] }

    /// The token `ahead` places after the current one (the end-of-file token past the end).
    func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    /// The range of the last consumed token.
    var previousRange: SourceRange { tokens[max(index - 1, 0)].range }

    /// Consumes the current token (never past end of file) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { tokens[index].kind == kind }

    /// Whether the current token is `keyword`; the rule asking declares that the keyword may come here.
    mutating func isKeyword(_ keyword: Keyword) -> Bool {
        offer(.keyword(keyword))
        return tokens[index].kind == .identifier && tokens[index].text == keyword.rawValue
    }

    /// Declares that `slot` may come at the current token. Recorded only while completing, and only at the end of
    /// the input, which is where the word being completed starts.
    mutating func offer(_ slot: GrammarSlot) {
        if slots != nil, tokens[index].kind == .endOfFile { slots?.insert(slot) }
    }

    /// Consumes a token of `kind`, or fails with "expected `what`".
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws(ParseAbort) -> Token {
        guard tokens[index].kind == kind else { throw expected(what) }
        return advance()
    }

    mutating func expectKeyword(_ keyword: Keyword) throws(ParseAbort) -> Token {
        guard isKeyword(keyword) else { throw expected("'\(keyword.rawValue)'") }
        return advance()
    }

    mutating func parseIdentifier(_ what: String) throws(ParseAbort) -> Identifier {
        let token = try expect(.identifier, what)
        return Identifier(token.text, range: token.range)
    }

    /// A name from one of the language's lists: its place in the grammar, its completions and its error text.
    mutating func parseName(_ kind: NameKind) throws(ParseAbort) -> Identifier {
        offer(.name(kind))
        return try parseIdentifier(kind.expectation)
    }

    /// A name from one of the language's lists where it is optional: nil when no name follows.
    mutating func parseOptionalName(_ kind: NameKind) throws(ParseAbort) -> Identifier? {
        offer(.name(kind))
        return check(.identifier) ? try parseIdentifier(kind.expectation) : nil
    }

    mutating func parseStringLiteral(_ what: String) throws(ParseAbort) -> StringLiteral {
        let token = try expect(.string, what)
        return StringLiteral(token.text, range: token.range)
    }

    /// Records `diagnostic` (unless the culprit is a token the lexer already reported) and returns the abort.
    mutating func fail(_ diagnostic: Diagnostic) -> ParseAbort {
        if current.kind != .invalid { diagnostics.append(diagnostic) }
        return ParseAbort()
    }

    mutating func expected(_ what: String) -> ParseAbort {
        fail(.unexpectedToken(expected: what, found: current.description, at: current.range))
    }

    func range(from start: SourceRange) -> SourceRange { start.extended(to: previousRange) }
}

/// Unwinds the parse of one statement after its diagnostic has been recorded.
struct ParseAbort: Error {}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
