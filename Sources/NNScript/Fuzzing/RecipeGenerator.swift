/// Writes random recipes that follow `grammar/nnscript.ebnf`, with names drawn from `Vocabulary`: mostly valid,
/// with near misses (typos, wrong arity, values just past a limit) mixed in so the checker's every path runs.
/// Deterministic: the same generator state gives the same text.
public struct RecipeGenerator {
    var rng: SplitMix64
    /// Names bound by `let` so far, so later expressions can use them.
    private var constants: [String] = []
    /// Activations defined so far.
    private var activations: [String] = []

    /// A generator drawing from `rng`.
    public init(rng: SplitMix64) {
        self.rng = rng
    }

    /// `Vocabulary.allWords`, computed once (it is rebuilt on every access).
    static let allWords = Vocabulary.allWords

    // MARK: - program

    /// A whole recipe: statements, separators, comments and blank lines.
    public mutating func program() -> String {
        var out = rng.chance(10) ? comment() + "\n" : ""
        let count = rng.int(in: 1...rng.pick([3, 8, 20, 60]))
        for i in 0..<count {
            if i > 0 { out += rng.pick(["\n", "\n", "\n", "; ", ";", "\n\n", "\r\n", " ;\n", "\n# note\n"]) }
            if rng.chance(5) { out += rng.pick([" ", "\t", "  "]) }
            out += statement()
            if rng.chance(8) { out += " " + comment() }
        }
        return out + (rng.chance(70) ? "\n" : "")
    }

    /// One statement of any form, including REPL commands.
    public mutating func statement() -> String {
        switch rng.below(34) {
        case 0: return "seed " + wholeNumber()
        case 1, 2: return data()
        case 3: return "data csv " + string()
        case 4: return "holdout on " + range() + optional(8) { " samples " + $0.wholeNumber() }
        case 5, 6: return letBinding()
        case 7: return "input " + wholeNumber()
        case 8, 9: return "layer " + layerBody()
        case 10: return output()
        case 11: return activationDefinition()
        case 12: return "insert layer " + wholeNumber() + " " + layerBody()
        case 13: return "remove layer " + wholeNumber()
        case 14: return "replace layer " + wholeNumber() + " " + layerBody()
        case 15: return configured("loss", Vocabulary.losses)
        case 16: return configured("optimizer", Vocabulary.optimizers)
        case 17: return configured("schedule", Vocabulary.schedules)
        case 18: return "init " + word(Vocabulary.initSchemes)
        case 19: return "batch " + (rng.chance(30) ? "full" : wholeNumber())
        case 20, 21: return "train " + wholeNumber() + optional(40) { " " + $0.word(Vocabulary.trainUnits) }
        case 22: return "report"
        case 23: return "plot" + optional(60) { " " + $0.word(Vocabulary.plotKinds) } + optional(40) { " " + $0.string() }
        case 24: return expect()
        case 25: return predict()
        case 26: return "save " + string()
        case 27: return "load " + string()
        case 28: return "export " + word(Vocabulary.exportFormats) + " " + string()
        case 29: return "print " + expression(depth: 4, input: nil)
        case 30: return compare()
        case 31: return meta()
        case 32: return word(Vocabulary.statements) + " " + expression(depth: 2, input: "x")  // any keyword, any body
        default: return tokenSoup()
        }
    }

    // MARK: - Statement forms

    private mutating func data() -> String {
        var clauses = ["on " + range()]
        if rng.chance(50) { clauses.append("noise " + number()) }
        if rng.chance(50) { clauses.append("samples " + wholeNumber()) }
        if rng.chance(20) { clauses.append("grid") }
        if rng.chance(5) { clauses.append(rng.pick(clauses)) }  // a repeated clause
        if rng.chance(5) { clauses.removeFirst() }  // no range
        for i in clauses.indices.reversed() where i > 0 { clauses.swapAt(i, rng.below(i + 1)) }
        return (["data", expression(depth: 5, input: "x")] + clauses).joined(separator: " ")
    }

    private mutating func letBinding() -> String {
        let name = rng.chance(85) ? freshName() : rng.pick(["x", "pi", "e", "sin", "tanh", "noise", "data", "let"])
        let value = expression(depth: 3, input: rng.chance(10) ? "x" : nil)
        constants.append(name)
        return "let \(name) = " + value
    }

    private mutating func activationDefinition() -> String {
        let name = rng.chance(85) ? freshName() : word(Vocabulary.activations.map(\.name) + ["x", "pi", "exp"])
        let parameter = rng.chance(70) ? "x" : rng.pick(["t", "z", "pi", "x1"] + constants.suffix(2))
        let body = expression(depth: 4, input: parameter)
        activations.append(name)
        return "activation \(name)(\(parameter)) = " + body
    }

    private mutating func layerBody() -> String {
        wholeNumber() + " " + activationUse() + layerOptions()
    }

    private mutating func output() -> String {
        let size = rng.chance(50) ? wholeNumber() + " " : ""
        return "output " + size + activationUse() + layerOptions()
    }

    private mutating func activationUse() -> String {
        let builtins = Vocabulary.activations.map(\.name)
        let name = !activations.isEmpty && rng.chance(25) ? rng.pick(activations) : word(builtins)
        return name + optional(20) { "(" + $0.expression(depth: 2, input: nil) + ")" }
    }

    private mutating func layerOptions() -> String {
        var out = ""
        for _ in 0..<rng.skewedLength(3) {
            switch rng.below(5) {
            case 0, 1: out += " init=" + word(Vocabulary.initSchemes)
            case 2, 3: out += " bias=" + word(["true", "false"])
            default: out += " " + option(among: Vocabulary.layerOptions)
            }
        }
        return out
    }

    private mutating func configured(_ keyword: String, _ names: [(name: String, options: [String])]) -> String {
        let chosen = rng.pick(names)
        var out = keyword + " " + (rng.chance(90) ? chosen.name : word(names.map(\.name)))
        for _ in 0..<rng.skewedLength(4) { out += " " + option(among: chosen.options) }
        return out
    }

    private mutating func expect() -> String {
        let comparison = rng.pick(ComparisonOperator.allCases.map(\.rawValue) + ["=", "=<", "<>"])
        let value = rng.chance(30) ? word(Vocabulary.metrics) : expression(depth: 2, input: nil)
        return "expect " + word(Vocabulary.metrics) + " " + comparison + " " + value
    }

    private mutating func predict() -> String {
        if rng.chance(40) {
            return "predict on " + range() + optional(50) { " samples " + $0.wholeNumber() }
                + optional(30) { " " + $0.string() }
        }
        return "predict " + (0...rng.skewedLength(5)).map { _ in expression(depth: 2, input: nil) }
            .joined(separator: rng.chance(95) ? ", " : " ")
    }

    private mutating func compare() -> String {
        let kind = word(Vocabulary.compareKinds)
        let alternatives = (0...rng.int(in: 0...3)).map { _ -> String in
            switch kind {
            case "optimizer": return configuredAlternative(Vocabulary.optimizers)
            case "loss": return configuredAlternative(Vocabulary.losses)
            case "schedule": return configuredAlternative(Vocabulary.schedules)
            case "init": return word(Vocabulary.initSchemes)
            case "batch": return rng.chance(30) ? "full" : wholeNumber()
            default: return activationUse()
            }
        }
        return "compare \(kind) " + alternatives.joined(separator: rng.chance(95) ? " | " : " ")
    }

    private mutating func configuredAlternative(_ names: [(name: String, options: [String])]) -> String {
        let chosen = rng.pick(names)
        var out = rng.chance(90) ? chosen.name : expression(depth: 2, input: nil)
        for _ in 0..<rng.skewedLength(3) { out += " " + option(among: chosen.options) }
        return out
    }

    private mutating func meta() -> String {
        let name = word(Vocabulary.metaCommands)
        switch rng.below(3) {
        case 0: return ":" + name
        case 1: return ":" + name + " " + word(Vocabulary.statements + Vocabulary.activations.map(\.name))
        default: return ":" + name + " " + string()
        }
    }

    /// Tokens of the language in random order: mostly nonsense the parser must recover from.
    private mutating func tokenSoup() -> String {
        let pieces = ["[", "]", "(", ")", ",", "=", ";", ":", "|", "+", "-", "*", "/", "^", "<", "<=", "==", "!=",
                      ">=", ">", "x", "on", "layer", "tanh", "1", "2.5", "\"f.svg\"", "noise", "samples", "full"]
        return (0...rng.skewedLength(12)).map { _ in
            rng.chance(80) ? rng.pick(pieces) : rng.chance(50) ? number() : word(Self.allWords)
        }.joined(separator: rng.chance(80) ? " " : "")
    }

    // MARK: - Pieces

    private mutating func comment() -> String {
        "#" + rng.pick(["", " a comment", "#", " é ✓", "\t tab", " trailing  ", " \"quote", " x = 1; layer 2 tanh"])
    }

    private mutating func option(among allowed: [String]) -> String {
        let name = allowed.isEmpty || rng.chance(10) ? word(Self.allWords) : word(allowed)
        if rng.chance(5) { return name }  // no `=value`
        let value = rng.chance(15) ? word(Self.allWords) : expression(depth: 2, input: nil)
        return name + "=" + value
    }

    private mutating func range() -> String {
        let low = expression(depth: 2, input: nil), high = expression(depth: 2, input: nil)
        return rng.chance(97) ? "[\(low), \(high)]" : rng.pick(["[\(low)]", "[\(low), \(high)", "(\(low), \(high))"])
    }

    /// `make`'s text with probability `percent` / 100, else nothing.
    private mutating func optional(_ percent: Int, _ make: (inout RecipeGenerator) -> String) -> String {
        rng.chance(percent) ? make(&self) : ""
    }

    /// A name from `names`, now and then misspelt (for "did you mean") or replaced by a stranger.
    private mutating func word(_ names: [String]) -> String {
        let chosen = rng.pick(names)
        switch rng.below(20) {
        case 0: return misspelt(chosen)
        case 1: return freshName()
        default: return chosen
        }
    }

    private mutating func misspelt(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty else { return "q" }
        let at = rng.below(scalars.count)
        switch rng.below(4) {
        case 0: scalars.remove(at: at)
        case 1: scalars.insert(rng.pick(Array("abcdefghijklmnopqrstuvwxyz_".unicodeScalars)), at: at)
        case 2: if at + 1 < scalars.count { scalars.swapAt(at, at + 1) }
        default: scalars[at] = rng.pick(Array("aeiouxyz".unicodeScalars))
        }
        let text = String(String.UnicodeScalarView(scalars))
        return text.isEmpty ? "q" : text
    }

    private mutating func freshName() -> String {
        let stems = ["a", "b", "k", "w", "bump", "my_act", "_h", "n1", "scale", "Tanh", "layer2"]
        return rng.pick(stems) + (rng.chance(50) ? String(rng.below(10)) : "")
    }

    private mutating func string() -> String {
        let bodies = ["fit.svg", "out.csv", "model.ckpt", "m.onnx", "m.py", "s.nn", "", "a b", "dir/f.svg", "../up.csv",
                      "/abs/path.csv", "ü.svg", "tab\\there", "quote\\\"d", "back\\\\slash", "new\\nline", "bad\\q",
                      "nul\u{0}", "\u{1B}[31mred"]
        let body = rng.pick(bodies)
        return rng.chance(97) ? "\"" + body + "\"" : "\"" + body  // unterminated now and then
    }

    /// A whole number, often at or just past one of the checker's limits.
    mutating func wholeNumber() -> String {
        if rng.chance(70) { return rng.pick(["1", "2", "3", "4", "8", "16", "32", "64", "100", "128", "1000"]) }
        if rng.chance(20) { return expression(depth: 2, input: nil) }
        return rng.pick([
            "0", "-1", "65536", "65537", "4096", "4097", "10000000", "10000001", "100000000", "100000001",
            "1000000", "1000001", "9007199254740992", "9007199254740993", "1e15", "1e16", "1e20", "1e308", "2.5",
            "1.0", "99999999999999999999", "18446744073709551616", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "2^53", "2^63", "2^64", "-2^63", "1e-320",
        ])
    }

    /// A number literal, from plain to pathological.
    mutating func number() -> String {
        switch rng.below(10) {
        case 0...5: return rng.pick(["0", "1", "2", "3", "0.5", "2.5", ".5", "1e-3", "4E-7", "1e+2", "0.05", "1e-2"])
        case 6: return String(rng.below(100_000))
        case 7:
            return String(rng.below(1000)) + "." + String(rng.below(1000))
                + optional(50) { "e" + String($0.rng.int(in: -20...20)) }
        case 8:
            return rng.pick(["1e308", "1.7976931348623157e308", "1e309", "1e-400", "4.9e-324", "00012", "1.", "1.e5",
                             "0e0", "1e", "1e+", "2.5.3", "2x", "9" + String(repeating: "9", count: rng.below(400))])
        default:
            return String(repeating: rng.pick(["1", "0", "9"]), count: rng.int(in: 1...40))
        }
    }

    /// An expression no deeper than `depth`, using `input` as its variable when one is allowed.
    public mutating func expression(depth: Int, input: String?) -> String {
        if depth <= 0 || rng.chance(30) { return atom(input: input) }
        switch rng.below(10) {
        case 0, 1, 2:
            let op = rng.pick(["+", "-", "*", "/", "^"])
            let spaced = rng.chance(50) ? " \(op) " : op
            return expression(depth: depth - 1, input: input) + spaced + expression(depth: depth - 1, input: input)
        case 3: return "-" + expression(depth: depth - 1, input: input)
        case 4: return "(" + expression(depth: depth - 1, input: input) + ")"
        case 5, 6, 7:
            let function = rng.pick(Vocabulary.functions)
            let arity = rng.chance(90) ? function.arity : rng.below(4)
            let name = rng.chance(95) ? function.name : misspelt(function.name)
            return name + "(" + (0..<arity).map { _ in expression(depth: depth - 1, input: input) }
                .joined(separator: ", ") + ")"
        case 8 where !activations.isEmpty:
            return rng.pick(activations) + "(" + expression(depth: depth - 1, input: input) + ")"
        default: return atom(input: input)
        }
    }

    private mutating func atom(input: String?) -> String {
        switch rng.below(10) {
        case 0...4: return number()
        case 5, 6: return input ?? number()
        case 7: return rng.pick(Vocabulary.constants)
        case 8 where !constants.isEmpty: return rng.pick(constants)
        default: return rng.chance(50) ? "x" : freshName()
        }
    }
}
