/// An arithmetic expression, as written: used by `data`, `let`, custom activations and every numeric argument.
public struct Expr: Hashable, Sendable {
    /// What the expression is.
    public indirect enum Kind: Hashable, Sendable {
        /// A literal, with its source spelling kept for the formatter (`1e-2` stays `1e-2`).
        case number(Double, text: String)
        /// `x`, a constant such as `pi`, or a `let` name.
        case variable(String)
        /// `-operand`.
        case negate(Expr)
        /// `left op right`.
        case binary(BinaryOperator, Expr, Expr)
        /// `name(arguments…)`; `nameRange` covers just the name.
        case call(String, nameRange: SourceRange, arguments: [Expr])
    }

    /// What the expression is.
    public var kind: Kind
    /// The whole expression's source text.
    public var range: SourceRange

    /// An expression from its parts.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The name, when the expression is a bare variable (used where a statement accepts a name or a number).
    public var variableName: String? {
        if case .variable(let name) = kind { return name }
        return nil
    }
}

/// The binary operators, loosest first: `+ -`, then `* /`, then `^` (right-associative).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"

    /// Higher binds tighter.
    public var precedence: Int {
        switch self {
        case .add, .subtract: return 1
        case .multiply, .divide: return 2
        case .power: return 4  // unary minus sits at 3, between `* /` and `^`
        }
    }

    /// Only `^` groups to the right.
    public var isRightAssociative: Bool { self == .power }
}

extension Expr {
    /// Whether the expression mentions the variable `name` (a call's arguments included; a custom function of a
    /// constant is constant). Deeper than 64 levels counts as mentioning it, so callers never treat it as constant.
    public func dependsOn(_ name: String, depth: Int = 0) -> Bool {
        guard depth < 64 else { return true }
        switch kind {
        case .number: return false
        case .variable(let variable): return variable == name
        case .negate(let operand): return operand.dependsOn(name, depth: depth + 1)
        case .binary(_, let l, let r): return l.dependsOn(name, depth: depth + 1) || r.dependsOn(name, depth: depth + 1)
        case .call(_, _, let arguments): return arguments.contains { $0.dependsOn(name, depth: depth + 1) }
        }
    }
}
