/// A user-defined function: an `activation NAME(p) = BODY`, callable from later expressions as `NAME(…)`.
public struct CustomFunction: Hashable, Sendable {
    /// The parameter's name (`x` in `activation bump(x) = exp(-x^2)`).
    public var parameter: String
    /// The body, an expression in the parameter and constants.
    public var body: Expr

    public init(parameter: String, body: Expr) {
        self.parameter = parameter
        self.body = body
    }
}

/// The names an expression may use besides the built-ins: `let` constants and custom functions.
/// The checker snapshots one into every checked statement that carries an expression.
public struct ExprEnvironment: Hashable, Sendable {
    /// `let` bindings, by name.
    public var constants: [String: Double]
    /// Custom activations, by name.
    public var functions: [String: CustomFunction]

    public init(constants: [String: Double] = [:], functions: [String: CustomFunction] = [:]) {
        self.constants = constants
        self.functions = functions
    }
}

/// Evaluates checked expressions. Unknown names evaluate to NaN (the checker has already rejected them), so
/// evaluation never fails and never traps.
public enum ExprEvaluator {
    /// The value of `expr` with the input variable `input` (usually `x`) set to `x`.
    public static func evaluate(
        _ expr: Expr, x: Double = .nan, input: String = "x", environment: ExprEnvironment = ExprEnvironment()
    ) -> Double {
        evaluate(expr, bindings: .one(input, x), environment: environment, callDepth: 0)
    }

    /// The value of `expr` at the point `inputs`: `x1 … xk` are its coordinates, and `x` is `x1`.
    public static func evaluate(_ expr: Expr, inputs: [Double], environment: ExprEnvironment) -> Double {
        evaluate(expr, bindings: .point(inputs), environment: environment, callDepth: 0)
    }

    /// The input index `x1 … xk` names (0-based; `x` is 0), nil for any other name.
    public static func inputIndex(of name: String) -> Int? {
        if name == Vocabulary.inputVariable { return 0 }
        guard name.count >= 2, name.hasPrefix(Vocabulary.inputVariable), name.dropFirst().first != "0",
              let number = Int(name.dropFirst()), number >= 1 else { return nil }
        return number - 1
    }

    /// The deepest chain of custom-function calls followed; definitions cannot recurse, so this is only a guard.
    static let maximumCallDepth = 64

    /// What the variables of an expression stand for.
    private enum Bindings {
        /// One named variable (an activation's parameter, or the 1-D data's `x`).
        case one(String, Double)
        /// The inputs of a point: `x1 … xk`, and `x` for `x1`.
        case point([Double])

        func value(of name: String) -> Double? {
            switch self {
            case .one(let input, let x): return name == input ? x : nil
            case .point(let inputs):
                guard let index = ExprEvaluator.inputIndex(of: name) else { return nil }
                return inputs.indices.contains(index) ? inputs[index] : .nan
            }
        }
    }

    private static func evaluate(
        _ expr: Expr, bindings: Bindings, environment: ExprEnvironment, callDepth: Int
    ) -> Double {
        switch expr.kind {
        case .number(let value, _):
            return value
        case .variable(let name):
            if let value = bindings.value(of: name) { return value }
            return environment.constants[name] ?? ExprConstants.values[name] ?? .nan
        case .negate(let operand):
            return -evaluate(operand, bindings: bindings, environment: environment, callDepth: callDepth)
        case .binary(let op, let left, let right):
            let l = evaluate(left, bindings: bindings, environment: environment, callDepth: callDepth)
            let r = evaluate(right, bindings: bindings, environment: environment, callDepth: callDepth)
            switch op {
            case .add: return l + r
            case .subtract: return l - r
            case .multiply: return l * r
            case .divide: return l / r
            case .power: return ExprFunction.pow.apply([l, r])
            }
        case .call(let name, _, let arguments):
            let values = arguments.map {
                evaluate($0, bindings: bindings, environment: environment, callDepth: callDepth)
            }
            if let function = ExprFunction(rawValue: name) {
                return values.count == function.arity ? function.apply(values) : .nan
            }
            if let custom = environment.functions[name], values.count == 1, callDepth < maximumCallDepth {
                return evaluate(custom.body, bindings: .one(custom.parameter, values[0]), environment: environment,
                                callDepth: callDepth + 1)
            }
            return .nan
        }
    }
}
