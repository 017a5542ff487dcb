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
        evaluate(expr, input: input, x: x, environment: environment, callDepth: 0)
    }

    /// The deepest chain of custom-function calls followed; definitions cannot recurse, so this is only a guard.
    static let maximumCallDepth = 64

    private static func evaluate(
        _ expr: Expr, input: String, x: Double, environment: ExprEnvironment, callDepth: Int
    ) -> Double {
        switch expr.kind {
        case .number(let value, _):
            return value
        case .variable(let name):
            if name == input { return x }
            return environment.constants[name] ?? ExprConstants.values[name] ?? .nan
        case .negate(let operand):
            return -evaluate(operand, input: input, x: x, environment: environment, callDepth: callDepth)
        case .binary(let op, let left, let right):
            let l = evaluate(left, input: input, x: x, environment: environment, callDepth: callDepth)
            let r = evaluate(right, input: input, x: x, environment: environment, callDepth: callDepth)
            switch op {
            case .add: return l + r
            case .subtract: return l - r
            case .multiply: return l * r
            case .divide: return l / r
            case .power: return ExprFunction.pow.apply([l, r])
            }
        case .call(let name, _, let arguments):
            let values = arguments.map {
                evaluate($0, input: input, x: x, environment: environment, callDepth: callDepth)
            }
            if let function = ExprFunction(rawValue: name) {
                return values.count == function.arity ? function.apply(values) : .nan
            }
            if let custom = environment.functions[name], values.count == 1, callDepth < maximumCallDepth {
                return evaluate(custom.body, input: custom.parameter, x: values[0], environment: environment,
                                callDepth: callDepth + 1)
            }
            return .nan
        }
    }
}
