/// Prints a program in canonical form: one statement per line, single spaces, `key=value` options, minimal
/// parentheses, comments kept where they were (own-line comments above their statement, trailing comments after
/// it), and at most one blank line in a row. `parse(format(p))` has the same structure as `p`.
///
/// Statements that failed to parse are not in the program, so format only programs without syntax errors.
public enum Formatter {
    /// The canonical text of `program`.
    public static func format(_ program: Program) -> String {
        var printer = LinePrinter()
        var comments = program.comments[...]
        let statements = program.statements
        for (i, statement) in statements.enumerated() {
            // Own-line comments before this statement.
            while let comment = comments.first, comment.range.start.offset < statement.range.start.offset {
                printer.emit("#" + comment.text.trimmingTrailingSpaces(), startLine: comment.range.start.line,
                             endLine: comment.range.start.line)
                comments.removeFirst()
            }
            var line = text(of: statement)
            let nextStartsOnSameLine = i + 1 < statements.count
                && statements[i + 1].range.start.line == statement.range.end.line
            if !nextStartsOnSameLine, let comment = comments.first,
               comment.range.start.line == statement.range.end.line {
                line += "  #" + comment.text.trimmingTrailingSpaces()
                comments.removeFirst()
            }
            printer.emit(line, startLine: statement.range.start.line, endLine: statement.range.end.line)
        }
        for comment in comments {
            printer.emit("#" + comment.text.trimmingTrailingSpaces(), startLine: comment.range.start.line,
                         endLine: comment.range.start.line)
        }
        return printer.output
    }

    /// The same as `format(_:)`; the source is not needed because comments travel in the program.
    public static func format(_ program: Program, source: String) -> String { format(program) }

    // MARK: - Statements

    /// The canonical text of one statement, without comments.
    public static func text(of statement: Statement) -> String {
        switch statement.kind {
        case .seed(let e): return "seed " + text(of: e)
        case .data(let d):
            let functions = d.functions.map { text(of: $0) }.joined(separator: ", ")
            var out = "data " + (d.bracketed ? "[" + functions + "]" : functions)
            if let noise = d.noise { out += " noise " + text(of: noise) }
            out += " on " + d.ranges.map { text(of: $0) }.joined(separator: " x ")
            if let samples = d.samples { out += " samples " + text(of: samples) }
            if d.grid { out += " grid" }
            return out
        case .dataSet(let d):
            var out = "data " + d.name.name
            if let classes = d.classes { out += " classes " + text(of: classes) }
            if let noise = d.noise { out += " noise " + text(of: noise) }
            if let samples = d.samples { out += " samples " + text(of: samples) }
            return out
        case .dataCSV(let path, let targets):
            return "data csv " + quoted(path.value)
                + (targets.isEmpty ? "" : " target " + targets.map(\.name).joined(separator: ", "))
        case .holdout(let ranges, let samples):
            return "holdout on " + ranges.map { text(of: $0) }.joined(separator: " x ") + samplesText(samples)
        case .holdoutCSV(let path): return "holdout csv " + quoted(path.value)
        case .normalize: return "normalize"
        case .features(let features): return "features " + features.map { text(of: $0) }.joined(separator: ", ")
        case .letBinding(let name, let value): return "let \(name.name) = " + text(of: value)
        case .input(let e): return "input " + text(of: e)
        case .layer(let layer): return "layer " + text(of: layer)
        case .output(let o):
            var out = "output"
            if let size = o.size {
                // A size that starts with a call would read as the activation: keep it in parentheses.
                out += " " + (startsWithCall(size) ? "(" + text(of: size) + ")" : text(of: size))
            }
            return out + " " + text(of: o.activation) + optionsText(o.options)
        case .activationDefinition(let name, let parameter, let body):
            return "activation \(name.name)(\(parameter.name)) = " + text(of: body)
        case .insertLayer(let index, let layer): return "insert layer " + text(of: index, then: layer)
        case .removeLayer(let index): return "remove layer " + text(of: index)
        case .replaceLayer(let index, let layer): return "replace layer " + text(of: index, then: layer)
        case .loss(let c): return "loss " + text(of: c)
        case .optimizer(let c): return "optimizer " + text(of: c)
        case .schedule(let c): return "schedule " + text(of: c)
        case .initScheme(let name): return "init " + name.name
        case .batch(let size): return "batch " + (size.map(text(of:)) ?? "full")
        case .train(let count, let unit): return "train " + text(of: count) + (unit.map { " " + $0.name } ?? "")
        case .report: return "report"
        case .plot(let kind, let file):
            return "plot" + (kind.map { " " + $0.name } ?? "") + (file.map { " " + quoted($0.value) } ?? "")
        case .expect(let statistic, let metric, let comparison, let value):
            return "expect " + (statistic.map { $0.name + " " } ?? "") + "\(metric.name) \(comparison.op.rawValue) "
                + text(of: value)
        case .predict(let points):
            return "predict " + points.map { point in
                point.count == 1 ? text(of: point[0]) : "(" + point.map(text(of:)).joined(separator: ", ") + ")"
            }.joined(separator: ", ")
        case .predictCSV(let input, let output):
            return "predict csv " + quoted(input.value) + " " + quoted(output.value)
        case .predictRange(let range, let samples, let file):
            return "predict on " + text(of: range) + samplesText(samples) + (file.map { " " + quoted($0.value) } ?? "")
        case .save(let path): return "save " + quoted(path.value)
        case .load(let path): return "load " + quoted(path.value)
        case .export(let format, let path): return "export \(format.name) " + quoted(path.value)
        case .print(let e): return "print " + text(of: e)
        case .compare(let kind, let alternatives):
            let alts = alternatives.map { text(of: $0.head) + optionsText($0.options) }
            return "compare \(kind.name) " + alts.joined(separator: " | ")
        case .sweep(let sweep):
            var axis = sweep.name.name
            if let layer = sweep.layer, let property = sweep.property {
                axis += " " + text(of: layer) + " " + property.name
            }
            return "sweep \(axis) " + sweep.values.map(text(of:)).joined(separator: ", ")
        case .meta(let name, let argument):
            switch argument {
            case nil: return ":" + name.name
            case .text(let text)?: return ":\(name.name) \(text.value)"
            case .string(let path)?: return ":\(name.name) " + quoted(path.value)
            }
        }
    }

    /// A sweep value as written: `3e-3`, `adam lr=1e-2`, `1 to 8`.
    public static func text(of value: SweepValueSyntax) -> String {
        text(of: value.head) + (value.through.map { " to " + text(of: $0) } ?? "") + optionsText(value.options)
    }

    private static func text(of layer: LayerSyntax) -> String {
        text(of: layer.size) + " " + text(of: layer.activation) + optionsText(layer.options)
    }

    /// `K N ACT …` of `insert layer` and `replace layer`: the only place two expressions stand side by side, so the
    /// second must not read as part of the first. A size starting with `-` would be a subtraction (`3 -2` is
    /// `3 - 2`): it gets parentheses; a size starting with `(` would make a name before it a call (`k (2)` is
    /// `k(2)`): the position gets parentheses. (Found by the fuzzer: `insert layer 16 (-97375) relu`.)
    private static func text(of index: Expr, then layer: LayerSyntax) -> String {
        var size = text(of: layer.size)
        var position = text(of: index)
        if size.hasPrefix("-") { size = "(" + size + ")" }
        if size.hasPrefix("("), endsWithName(position) { position = "(" + position + ")" }
        return position + " " + size + " " + text(of: layer.activation) + optionsText(layer.options)
    }

    private static func text(of activation: ActivationSyntax) -> String {
        activation.name.name + (activation.argument.map { "(" + text(of: $0) + ")" } ?? "")
    }

    private static func text(of configured: ConfiguredName) -> String {
        configured.name.name + optionsText(configured.options)
    }

    private static func optionsText(_ options: [OptionSyntax]) -> String {
        options.map { " \($0.name.name)=" + text(of: $0.value) }.joined()
    }

    private static func text(of range: RangeSyntax) -> String {
        "[" + text(of: range.low) + ", " + text(of: range.high) + "]"
    }

    private static func samplesText(_ samples: Expr?) -> String {
        samples.map { " samples " + text(of: $0) } ?? ""
    }

    /// A string literal with `"`, `\`, newline and tab escaped.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - Expressions

    /// An expression with the fewest parentheses that keep its structure. `+ -` get spaces; `* / ^` do not.
    public static func text(of expr: Expr) -> String {
        switch expr.kind {
        case .number(_, let text): return text
        case .variable(let name): return name
        case .call(let name, _, let arguments): return name + "(" + arguments.map(text(of:)).joined(separator: ", ") + ")"
        case .negate(let operand): return "-" + child(operand, needs: Level.unary)
        case .binary(let op, let left, let right):
            let (leftNeeds, rightNeeds): (Level, Level)
            switch op {
            case .add, .subtract: (leftNeeds, rightNeeds) = (.sum, .product)
            case .multiply, .divide: (leftNeeds, rightNeeds) = (.product, .unary)
            case .power: (leftNeeds, rightNeeds) = (.primary, .unary)
            }
            let spaced = op == .add || op == .subtract
            return child(left, needs: leftNeeds) + (spaced ? " \(op.rawValue) " : op.rawValue)
                + child(right, needs: rightNeeds)
        }
    }

    /// Grammar levels, loosest first: the rule that parses an operand decides what it may be without parentheses.
    private enum Level: Int, Comparable {
        case sum = 1, product, unary, power, primary
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private static func level(of expr: Expr) -> Level {
        switch expr.kind {
        case .number, .variable, .call: return .primary
        case .negate: return .unary
        case .binary(let op, _, _):
            switch op {
            case .add, .subtract: return .sum
            case .multiply, .divide: return .product
            case .power: return .power
            }
        }
    }

    private static func child(_ expr: Expr, needs required: Level) -> String {
        level(of: expr) < required ? "(" + text(of: expr) + ")" : text(of: expr)
    }

    /// Whether printed expression text ends with a name (`a*k2`), not a number (`1e5`) or a parenthesis.
    private static func endsWithName(_ printed: String) -> Bool {
        let word = printed.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        guard let first = word.last else { return false }
        return first.isLetter || first == "_"
    }

    private static func startsWithCall(_ expr: Expr) -> Bool {
        let printed = text(of: expr)
        let name = printed.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return !name.isEmpty && printed.dropFirst(name.count).first == "("
    }
}

// MARK: - Line printing

/// Joins lines, keeping one blank line wherever the source had at least one.
private struct LinePrinter {
    var output = ""
    private var lastEndLine: Int?

    mutating func emit(_ line: String, startLine: Int, endLine: Int) {
        if let last = lastEndLine, startLine > last + 1 { output += "\n" }
        output += line + "\n"
        lastEndLine = endLine
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" || last == "\r" { copy.removeLast() }
        return copy
    }
}
