/// The properties every input must keep through the whole front end, checked without trapping: lex → parse →
/// check (as a recipe and as REPL entries) → render every diagnostic → format → re-parse → format again, and tab
/// completion inside the text.
/// The fuzzer and the tests share this one definition.
public enum FrontEndInvariants {
    /// One broken property: which, and what was seen.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name, e.g. `range-outside-source`.
        public var property: String
        /// What was seen.
        public var detail: String

        /// A violation from its parts.
        public init(property: String, detail: String) {
            self.property = property
            self.detail = detail
        }

        public var description: String { property + ": " + detail }
    }

    /// Runs `source` through the front end and returns every broken property (empty when all hold).
    public static func violations(of source: String, file: String = "fuzz.nn") -> [Violation] {
        var found: [Violation] = []
        func fail(_ property: String, _ detail: @autoclosure () -> String) {
            found.append(Violation(property: property, detail: String(detail().prefix(300))))
        }
        let byteCount = source.utf8.count
        let lineCount = source.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }

        // Lexing: ends with end-of-file, tokens in order and inside the text.
        let lexed = Lexer.tokenize(source, file: file)
        if lexed.tokens.last?.kind != .endOfFile { fail("lexer-no-end", "last token is not end of file") }
        var previousEnd = 0
        for token in lexed.tokens {
            let range = token.range
            if range.start.offset < previousEnd || range.end.offset < range.start.offset || range.end.offset > byteCount {
                fail("token-range", "\(token.kind) at \(range.start.offset)..<\(range.end.offset) of \(byteCount)")
                break
            }
            previousEnd = range.end.offset
        }

        // Parsing and checking, as a recipe.
        let (program, syntax) = Parser.parse(source: source, file: file)
        let (checked, semantic) = Checker.check(program)
        let all = syntax + semantic
        for diagnostic in all {
            for range in [diagnostic.range] + (diagnostic.fixIt.map { [$0.range] } ?? []) {
                if !contains(range, byteCount: byteCount, lineCount: lineCount, file: file) {
                    let place = "\(range.start)–\(range.end) of \(byteCount) bytes"
                    fail("range-outside-source", "\(diagnostic.id.rawValue) \(place)")
                }
            }
            if diagnostic.message.isEmpty { fail("empty-message", diagnostic.id.rawValue) }
        }
        if checked.count > program.statements.count { fail("checker-invented-statements", "\(checked.count)") }
        // Sweep declarations have no checked form (a single run does nothing with them).
        let runnable = program.statements.filter { !$0.declaresSweep }.count
        if semantic.isEmpty, checked.count != runnable {
            fail("checker-dropped-statement", "\(runnable - checked.count) statements without an error")
        }

        // Rendering: located, and nothing that could drive a terminal.
        for diagnostic in all.prefix(50) {
            let text = DiagnosticRenderer.render(diagnostic, source: source, color: false)
            if !text.hasPrefix(file + ":") { fail("render-unlocated", text) }
            if text.unicodeScalars.contains(where: { $0.isTerminalControl && $0 != "\n" && $0 != "\t" }) {
                fail("render-control-character", text.debugDescription)
            }
        }

        // The whole-front-end call agrees with the two passes.
        let (_, _, combined) = Checker.check(source: source, file: file)
        if combined.count != all.count { fail("check-source-disagrees", "\(combined.count) vs \(all.count) diagnostics") }

        // As REPL entries, one statement at a time (meta commands allowed).
        var replChecker = Checker()
        var replDiagnostics: [Diagnostic] = []
        for statement in program.statements { _ = replChecker.check(statement, into: &replDiagnostics) }

        if !syntax.containsErrors { checkFormatting(program, semantic: semantic, file: file, fail: fail) }
        checkCompletion(source, fail: fail)
        return found
    }

    /// Tab completion at a few cursor positions (each parses the text before it): the word starts before the
    /// cursor and candidates come sorted and unique. No directory is listed and no file read.
    private static func checkCompletion(_ source: String, fail: (String, @autoclosure () -> String) -> Void) {
        let completer = Completer(userNames: UserNames(activations: ["bump"], constants: ["w"]),
                                  listDirectory: { _ in nil }, readHeader: { _ in nil })
        let bytes = source.utf8.count
        for step in 0...4 {
            let cursor = bytes * step / 4
            let completion = completer.complete(source, cursor: cursor)
            if completion.wordStart > cursor { fail("completion-word-after-cursor", "\(completion.wordStart) > \(cursor)") }
            if completion.words != Array(Set(completion.words)).sorted() {
                fail("completion-unsorted", completion.words.joined(separator: " "))
            }
        }
    }

    /// `parse(fmt(p)) == p` in structure and comments, `fmt` idempotent, and the checker saying the same of both.
    private static func checkFormatting(
        _ program: Program, semantic: [Diagnostic], file: String, fail: (String, @autoclosure () -> String) -> Void
    ) {
        let formatted = Formatter.format(program)
        let (reparsed, again) = Parser.parse(source: formatted, file: file)
        if again.containsErrors {
            let messages = again.map(\.message).joined(separator: "; ")
            fail("formatted-does-not-parse", messages + " in " + formatted.debugDescription)
            return
        }
        if reparsed.structure != program.structure {
            fail("format-changed-structure", formatted.debugDescription)
        }
        let commentTexts = { (p: Program) in p.comments.map { $0.text.trimmingCharacters(from: " \t\r") } }
        if commentTexts(reparsed) != commentTexts(program) { fail("format-lost-comments", formatted.debugDescription) }
        let twice = Formatter.format(reparsed)
        if twice != formatted {
            fail("format-not-idempotent", formatted.debugDescription + " → " + twice.debugDescription)
        }
        let (_, semanticAgain) = Checker.check(reparsed)
        let messages = { (d: [Diagnostic]) in d.map { $0.id.rawValue + " " + $0.message } }
        if messages(semanticAgain) != messages(semantic) {
            fail("format-changed-meaning", messages(semantic).joined(separator: "; ") + " → "
                 + messages(semanticAgain).joined(separator: "; "))
        }
    }

    /// Whether `range` lies inside `source` (offsets, lines and columns) and names `file`.
    public static func rangeLiesInside(_ range: SourceRange, source: String, file: String) -> Bool {
        let lineCount = source.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return contains(range, byteCount: source.utf8.count, lineCount: lineCount, file: file)
    }

    private static func contains(_ range: SourceRange, byteCount: Int, lineCount: Int, file: String) -> Bool {
        range.file == file && range.start.offset >= 0 && range.start.offset <= range.end.offset
            && range.end.offset <= byteCount && range.start.line >= 1 && range.start.line <= lineCount
            && range.end.line <= lineCount && range.start.column >= 1 && range.end.column >= 1
    }
}

extension String {
    fileprivate func trimmingCharacters(from set: String) -> String {
        let unwanted = Set(set.unicodeScalars)
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, unwanted.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, unwanted.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
