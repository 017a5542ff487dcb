import NNScript
import Testing

@Suite struct LexerTests {
    private func kinds(_ source: String) -> [TokenKind] {
        Lexer.tokenize(source, file: "t.nn").tokens.map(\.kind)
    }

    @Test(arguments: [("3", 3.0), ("2.5", 2.5), (".5", 0.5), ("1e-3", 1e-3), ("4E-7", 4e-7), ("1e+2", 100), ("7.", 7)])
    func numbersInEveryForm(text: String, value: Double) {
        let tokens = Lexer.tokenize(text, file: "t.nn").tokens
        #expect(tokens.first?.kind == .number)
        #expect(tokens.first?.number == value)
        #expect(tokens.first?.text == text)
    }

    /// Whole numbers are parsed exactly or refused: 2^53 + 1 used to become 2^53 before `seed`'s range check.
    @Test(arguments: ["9007199254740993", "18446744073709551615", "12345678901234567891"])
    func wholeNumbersADoubleWouldRoundAreRefused(text: String) {
        let output = Lexer.tokenize("seed \(text)", file: "t.nn")
        #expect(output.diagnostics.map(\.id) == [.numberOutOfRange])
        #expect(output.diagnostics.first?.message == "number '\(text)' cannot be represented exactly")
        #expect(output.diagnostics.first?.range.start.column == 6)
    }

    @Test(arguments: [("9007199254740992", 0x1p53), ("9007199254740994", 0x1p53 + 2),
                      ("18446744073709551616", 0x1p64), ("100000000000000000001", 1e20), ("1e300", 1e300)])
    func largeNumbersThatAreExactStay(text: String, value: Double) {
        let output = Lexer.tokenize(text, file: "t.nn")
        #expect(output.diagnostics.isEmpty)
        #expect(output.tokens.first?.number == value)
    }

    @Test func punctuationAndOperators() {
        #expect(kinds("[ ] ( ) , = ; : | + - * / ^ < <= == != >= >") == [
            .leftBracket, .rightBracket, .leftParen, .rightParen, .comma, .equals, .semicolon, .colon, .pipe,
            .plus, .minus, .star, .slash, .caret, .less, .lessEqual, .equalEqual, .notEqual, .greaterEqual,
            .greater, .endOfFile,
        ])
    }

    @Test func commentsAreKeptAsideAndNewlinesSeparate() {
        let output = Lexer.tokenize("layer 3 tanh # wide\nreport", file: "t.nn")
        #expect(output.tokens.map(\.kind) == [.identifier, .number, .identifier, .newline, .identifier, .endOfFile])
        #expect(output.comments.map(\.text) == [" wide"])
        #expect(output.comments.first?.range.start.column == 14)
    }

    @Test func stringEscapes() {
        let token = Lexer.tokenize(#""a\"b\\c\nd\te""#, file: "t.nn").tokens[0]
        #expect(token.kind == .string)
        #expect(token.text == "a\"b\\c\nd\te")
    }

    @Test func rangesCountScalarsAndBytes() {
        let tokens = Lexer.tokenize("# é\nlet é = 1\n  x", file: "t.nn").tokens
        let x = tokens.last { $0.kind == .identifier }!
        #expect(x.range.start.line == 3)
        #expect(x.range.start.column == 3)
        let invalid = tokens.first { $0.kind == .invalid }!
        #expect(invalid.range.start == SourcePosition(line: 2, column: 5, offset: 9))
        #expect(invalid.range.end.column == 6)
    }

    @Test func badInputBecomesInvalidTokensAndDiagnostics() {
        let output = Lexer.tokenize("a @ 1e \"open\n 1.2.3 1e999 \"\\q\" \0", file: "t.nn")
        #expect(output.diagnostics.map(\.id) == [
            .unexpectedCharacter, .malformedNumber, .unterminatedString, .malformedNumber, .numberOutOfRange,
            .invalidEscape, .unexpectedCharacter,
        ])
        #expect(output.tokens.last?.kind == .endOfFile)
    }
}
