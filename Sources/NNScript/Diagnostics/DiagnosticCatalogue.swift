/// Every message text nnscript emits, one factory per `DiagnosticID`. Nothing else writes message wording.
extension Diagnostic {
    // MARK: - Helpers

    private static func error(_ id: DiagnosticID, _ message: String, _ range: SourceRange, notes: [String] = [])
        -> Diagnostic
    {
        Diagnostic(severity: .error, id: id, message: message, range: range, notes: notes)
    }

    /// Adds `did you mean 'x'?` when a near candidate exists.
    private func suggesting(_ word: String, from candidates: [String]) -> Diagnostic {
        guard let near = Suggestions.nearest(to: word, in: candidates) else { return self }
        var copy = self
        copy.fixIt = FixIt(range: range, replacement: near, message: "did you mean '\(near)'?")
        return copy
    }

    /// A user's word as shown in a message: at most 40 characters.
    private static func shortened(_ word: String) -> String {
        word.unicodeScalars.count <= 40 ? word : String(String.UnicodeScalarView(word.unicodeScalars.prefix(40))) + "…"
    }

    /// A short, readable list: `a, b, c` (at most 12 shown).
    private static func list(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", …"
    }

    // MARK: - Lexical

    /// Characters that start no token (a run of them is one diagnostic).
    public static func unexpectedCharacter(_ characters: String, at range: SourceRange) -> Diagnostic {
        let noun = characters.unicodeScalars.count == 1 ? "character" : "characters"
        return error(.unexpectedCharacter, "unexpected \(noun) \(quotedNamingControls(characters))", range)
    }

    /// `'text'`, or, when it holds control characters, the text with each named by code point and no quotes
    /// (`U+001B[2J`), so a message can never drive the terminal.
    private static func quotedNamingControls(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: \.isTerminalControl) else { return "'\(text)'" }
        return scalars.map { $0.isTerminalControl
            ? "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) : String($0) }.joined()
    }

    /// A string without its closing quote on the same line.
    public static func unterminatedString(at range: SourceRange) -> Diagnostic {
        error(.unterminatedString, "unterminated string", range, notes: ["a string ends with '\"' on the same line"])
    }

    /// A backslash escape other than `\"`, `\\`, `\n`, `\t`.
    public static func invalidEscape(_ escape: String, at range: SourceRange) -> Diagnostic {
        // `\` then a control character (a carriage return, say) names the character by code point.
        let shown = escape.unicodeScalars.contains(where: \.isTerminalControl)
            ? "'\\' before " + quotedNamingControls(escape) : "'\\\(escape)'"
        return error(.invalidEscape, "invalid escape \(shown) in string", range,
                     notes: ["known escapes: \\\" \\\\ \\n \\t"])
    }

    /// A number like `1e` or `2.5.3`.
    public static func malformedNumber(_ text: String, at range: SourceRange) -> Diagnostic {
        error(.malformedNumber, "malformed number '\(text)'", range)
    }

    /// A number too large to represent (`1e999`).
    public static func numberOutOfRange(_ text: String, at range: SourceRange) -> Diagnostic {
        error(.numberOutOfRange, "number '\(text)' is too large", range)
    }

    /// A whole number above 2^53 that a Double cannot hold exactly (`9007199254740993` would become
    /// `9007199254740992` before any range check).
    public static func inexactInteger(_ text: String, at range: SourceRange) -> Diagnostic {
        error(.numberOutOfRange, "number '\(shortened(text))' cannot be represented exactly", range,
              notes: ["whole numbers are exact up to 2^53 = 9007199254740992; write larger ones with an exponent"])
    }

    // MARK: - Syntax

    /// A line that starts with something other than a statement keyword.
    public static func unknownStatement(_ word: String, at range: SourceRange, known: [String]) -> Diagnostic {
        error(.unknownStatement, "unknown statement '\(shortened(word))'", range).suggesting(word, from: known)
    }

    /// Something other than what the grammar needs here.
    public static func unexpectedToken(expected: String, found: String, at range: SourceRange) -> Diagnostic {
        error(.unexpectedToken, "expected \(expected), found \(found)", range)
    }

    /// A place that needs a number or expression.
    public static func expectedExpression(found: String, at range: SourceRange) -> Diagnostic {
        error(.expectedExpression, "expected an expression, found \(found)", range)
    }

    /// Tokens left over after a complete statement.
    public static func extraTokens(after statement: String, found: String, at range: SourceRange) -> Diagnostic {
        error(.extraTokens, "unexpected \(found) after '\(statement)' statement", range,
              notes: ["separate statements with a new line or ';'"])
    }

    /// An expression deeper than the parser's limit.
    public static func nestingTooDeep(limit: Int, at range: SourceRange) -> Diagnostic {
        error(.nestingTooDeep, "expression nested more than \(limit) levels deep", range)
    }

    /// `:something` that is not a REPL command; the suggestion keeps the colon (`did you mean ':list'?`).
    public static func unknownMetaCommand(_ word: String, at range: SourceRange, known: [String]) -> Diagnostic {
        var diagnostic = error(.unknownMetaCommand, "unknown command ':\(shortened(word))'", range)
        guard let near = Suggestions.nearest(to: word, in: known) else {
            return diagnostic.noting(":help lists the commands")
        }
        diagnostic.fixIt = FixIt(range: range, replacement: near, message: "did you mean ':\(near)'?")
        return diagnostic
    }

    /// `:save` or `:load` without a file name.
    public static func commandNeedsFile(_ command: String, at range: SourceRange) -> Diagnostic {
        error(.missingOption, "\(command) needs a file name, as in \(command) \"session.nn\"", range)
    }

    /// `:save "a.nn"; train 5` at the prompt: a `:` command is a line of its own.
    public static func commandTakesWholeLine(_ command: String, at range: SourceRange) -> Diagnostic {
        error(.extraTokens, "\(command) takes its whole line", range,
              notes: ["put the next statement on a line of its own"])
    }

    /// `:show everything`: an argument to a command that takes none.
    public static func commandTakesNoArgument(_ command: String, at range: SourceRange) -> Diagnostic {
        error(.unexpectedParameter, "\(command) takes no argument", range)
    }

    // MARK: - Names

    /// An unknown activation, optimizer, loss, schedule, init scheme, metric, option, unit, format….
    /// `owner` names what the word belongs to: `unknown option 'zzz' for 'sgd'`.
    public static func unknownName(_ word: String, kind: String, for owner: String? = nil, at range: SourceRange,
                                   known: [String]) -> Diagnostic
    {
        let suffix = owner.map { " for '\($0)'" } ?? ""
        let diagnostic = error(.unknownName, "unknown \(kind) '\(shortened(word))'\(suffix)", range).suggesting(word, from: known)
        // The full list helps only when no near name was found.
        return diagnostic.fixIt == nil ? diagnostic.noting("known: " + list(known)) : diagnostic
    }

    /// A variable in an expression that is neither `x`, a constant, nor a `let` name.
    public static func unknownVariable(_ name: String, at range: SourceRange, known: [String]) -> Diagnostic {
        error(.unknownVariable, "unknown variable '\(shortened(name))'", range).suggesting(name, from: known)
    }

    /// A call to a function that does not exist.
    public static func unknownFunction(_ name: String, at range: SourceRange, known: [String]) -> Diagnostic {
        error(.unknownFunction, "unknown function '\(shortened(name))'", range).suggesting(name, from: known)
    }

    /// The input variable used where only constants are allowed.
    public static func inputNotAllowed(_ name: String, context: String, at range: SourceRange) -> Diagnostic {
        error(.inputNotAllowed, "'\(name)' cannot be used in \(context)", range,
              notes: ["'\(name)' is the input; it exists only in 'data' and 'activation' expressions"])
    }

    /// A call with the wrong number of arguments.
    public static func wrongArgumentCount(_ name: String, expected: Int, got: Int, at range: SourceRange)
        -> Diagnostic
    {
        let noun = expected == 1 ? "argument" : "arguments"
        return error(.wrongArgumentCount, "'\(name)' takes \(expected) \(noun), got \(got)", range)
    }

    /// A name defined twice, or one that would hide a built-in.
    public static func redefinition(_ name: String, what: String, at range: SourceRange) -> Diagnostic {
        error(.redefinition, "'\(name)' is already \(what)", range, notes: ["choose another name"])
    }

    // MARK: - Values

    /// A count or size that must be a whole number.
    public static func notAWholeNumber(_ what: String, value: Double, at range: SourceRange) -> Diagnostic {
        error(.notAWholeNumber, "\(what) must be a whole number, got \(Diagnostic.format(value))", range)
    }

    /// A count or size outside its limits.
    public static func sizeOutOfRange(_ what: String, value: Double, minimum: Int, maximum: Int,
                                      at range: SourceRange) -> Diagnostic
    {
        error(.sizeOutOfRange,
              "\(what) must be between \(minimum) and \(maximum), got \(Diagnostic.format(value))", range)
    }

    /// An option or parameter outside its valid range, e.g. `lr must be > 0, got -1`.
    public static func valueOutOfRange(_ what: String, requirement: String, value: Double, at range: SourceRange)
        -> Diagnostic
    {
        error(.valueOutOfRange, "\(what) must be \(requirement), got \(Diagnostic.format(value))", range)
    }

    /// An expression that evaluates to NaN or infinity.
    public static func nonFiniteValue(_ what: String, at range: SourceRange) -> Diagnostic {
        error(.nonFiniteValue, "\(what) is not a finite number", range)
    }

    /// An expression whose custom-activation calls, expanded, exceed the limit (each call inlines the body).
    public static func expressionTooLarge(_ what: String, limit: Int, at range: SourceRange) -> Diagnostic {
        error(.expressionTooLarge, "\(what) expands to more than \(limit) operations", range,
              notes: ["every call of an activation repeats its whole body; call it fewer times or simplify it"])
    }

    /// `[A, B]` with A ≥ B.
    public static func emptyRange(low: Double, high: Double, at range: SourceRange) -> Diagnostic {
        error(.emptyRange, "empty range [\(format(low)), \(format(high))]", range,
              notes: ["the low end must be below the high end"])
    }

    /// The same option given twice.
    public static func duplicateOption(_ name: String, at range: SourceRange) -> Diagnostic {
        error(.duplicateOption, "option '\(name)' is given twice", range)
    }

    /// A number given where a name is needed (`init=3`, `bias=1`).
    public static func expectedNameValue(_ option: String, known: [String], at range: SourceRange) -> Diagnostic {
        error(.expectedNameValue, "option '\(option)' takes one of: \(list(known))", range)
    }

    /// A required option left out (`schedule step` without `every=`).
    public static func missingOption(_ option: String, of owner: String, at range: SourceRange) -> Diagnostic {
        error(.missingOption, "'\(owner)' needs option '\(option)'", range)
    }

    /// `relu(2)`: a parameter given to something that takes none.
    public static func unexpectedParameter(_ name: String, at range: SourceRange) -> Diagnostic {
        error(.unexpectedParameter, "'\(name)' takes no parameter", range)
    }

    // MARK: - Order and structure

    /// An edit naming a hidden layer that does not exist.
    public static func layerIndexOutOfRange(_ index: Int, count: Int, allowed: ClosedRange<Int>?,
                                            at range: SourceRange) -> Diagnostic
    {
        let valid = allowed.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)…\($0.upperBound)" }
        let layers = count == 1 ? "1 hidden layer" : "\(count) hidden layers"
        return error(.layerIndexOutOfRange, "there is no layer \(index): the model has \(layers)", range,
                     notes: valid.map { ["valid here: \($0)"] } ?? [])
    }

    /// A `layer` or `insert layer` past `Limits.hiddenLayers`.
    public static func tooManyLayers(maximum: Int, at range: SourceRange) -> Diagnostic {
        error(.sizeOutOfRange, "a model may have at most \(maximum) hidden layers; this would be layer \(maximum + 1)",
              range, notes: ["remove layers, or make fewer, wider ones"])
    }

    /// An action that needs data before any `data` statement.
    public static func missingData(for statement: String, at range: SourceRange) -> Diagnostic {
        error(.missingData, "'\(statement)' needs data", range, notes: ["add a 'data' statement before it"])
    }

    /// `compare` with fewer than two alternatives.
    public static func tooFewAlternatives(at range: SourceRange) -> Diagnostic {
        error(.tooFewAlternatives, "'compare' needs at least two alternatives separated by '|'", range)
    }

    /// A `:command` in a recipe file, where only the REPL understands it.
    public static func metaCommandInRecipe(_ word: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .warning, id: .metaCommandInRecipe,
                   message: "':\(word)' is a REPL command and is ignored in a recipe", range: range)
    }

    // MARK: - Runtime

    /// A file named by `data csv`, `load` or on the command line that does not exist.
    public static func fileNotFound(_ path: String, at range: SourceRange) -> Diagnostic {
        error(.fileNotFound, "cannot find file '\(path)'", range)
    }

    /// A file that exists but cannot be read.
    public static func fileUnreadable(_ path: String, reason: String, at range: SourceRange) -> Diagnostic {
        error(.fileUnreadable, "cannot read '\(path)': \(reason)", range)
    }

    /// A file that cannot be written (or writing is not allowed there).
    public static func fileNotWritable(_ path: String, reason: String, at range: SourceRange) -> Diagnostic {
        error(.fileNotWritable, "cannot write '\(path)': \(reason)", range)
    }

    /// A CSV line that is not two numbers.
    public static func malformedCSV(_ path: String, line: Int, reason: String, at range: SourceRange) -> Diagnostic {
        error(.malformedCSV, "'\(path)' line \(line): \(reason)", range,
              notes: ["a data file has numeric input columns and a target column (the last, or the one 'target' "
                      + "names); a header line names the columns"])
    }

    /// The data expression is NaN or infinite somewhere in its range.
    public static func nonFiniteTarget(at x: Double, at range: SourceRange) -> Diagnostic {
        error(.nonFiniteTarget, "the data expression is not finite at x = \(format(x))", range)
    }

    /// An `expect` line whose comparison does not hold.
    public static func expectationFailed(_ expectation: String, actual: String, at range: SourceRange) -> Diagnostic {
        error(.expectationFailed, "expectation failed: \(expectation) (\(actual))", range)
    }

    /// Training produced a non-finite loss.
    public static func divergence(iteration: Int, loss: Double, at range: SourceRange) -> Diagnostic {
        error(.divergence, "training diverged at iteration \(iteration): loss is \(format(loss))", range,
              notes: ["try a smaller learning rate, or 'optimizer adam'"])
    }

    /// A checkpoint file that is damaged or from an incompatible version.
    public static func invalidCheckpoint(_ path: String, reason: String, at range: SourceRange) -> Diagnostic {
        error(.invalidCheckpoint, "'\(path)' is not a valid checkpoint: \(reason)", range)
    }

    /// A model feature the chosen export format cannot express.
    public static func unsupportedExport(_ format: String, reason: String, at range: SourceRange) -> Diagnostic {
        error(.unsupportedExport, "cannot export to \(format): \(reason)", range)
    }

    /// A warning that training barely moved the loss (the linter's).
    public static func slowProgress(_ summary: String, advice: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .warning, id: .slowProgress, message: summary, range: range, notes: ["try \(advice)"])
    }

    // MARK: - Number formatting

    /// Shortest readable form of a number in messages: `128`, `-1`, `0.001`, `1e+20`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters and DEL: what a terminal may act on instead of showing.
    public var isTerminalControl: Bool { value < 32 || (127...159).contains(value) }
}
