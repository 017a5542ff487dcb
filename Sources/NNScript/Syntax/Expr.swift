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
