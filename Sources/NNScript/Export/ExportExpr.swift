#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Expressions

/// The body of a user-defined activation, in terms of its one argument, or a feature, in terms of the model's raw
/// input columns.
public indirect enum ExportExpr: Equatable, Sendable, CustomStringConvertible {
    /// The activation's argument (`x`).
    case input
    /// Column `index` (0-based) of the model's raw input row: a feature's variable `x1 … xk`.
    case column(Int)
    case constant(Double)
    case negate(ExportExpr)
    case binary(op: ExportBinaryOperator, lhs: ExportExpr, rhs: ExportExpr)
    /// One of `ExportFunction`'s names, with its arguments.
    case call(name: String, args: [ExportExpr])

    /// The expression in the language's syntax, fully parenthesised: `exp(-(x ^ 2))`.
    public var description: String {
        switch self {
        case .input: return "x"
        case .column(let index): return "x\(index + 1)"
        case .constant(let value): return "\(value)"
        case .negate(.constant(let value)): return "-(\(value))"
        case .negate(.negate(let inner)): return "-(-\(inner))"
        case .negate(let operand): return "-\(operand)"
        case .binary(let op, let lhs, let rhs): return "(\(lhs) \(op.rawValue) \(rhs))"
        case .call(let name, let args): return "\(name)(\(args.map(\.description).joined(separator: ", ")))"
        }
    }

    /// The value of a subexpression that depends on neither the input nor a column, computed in Double; nil when
    /// it does.
    ///
    /// The exporters fold such subexpressions (`pi / 2`) before emitting them, so an exported model carries each
    /// constant rounded once to Float, as the reference evaluator sees it.
    public var constantValue: Double? {
        switch self {
        case .input, .column: return nil
        case .constant(let value): return value
        default: return dependsOnInput ? nil : evaluate(at: 0)
        }
    }

    /// Whether `.input` or a `.column` occurs anywhere in the expression.
    public var dependsOnInput: Bool {
        switch self {
        case .input, .column: return true
        case .constant: return false
        case .negate(let operand): return operand.dependsOnInput
        case .binary(_, let lhs, let rhs): return lhs.dependsOnInput || rhs.dependsOnInput
        case .call(_, let args): return args.contains { $0.dependsOnInput }
        }
    }

    /// The expression's value at `x`, in Double, with the language's meaning of every operator and function;
    /// `.column(i)` is `columns[i]` (NaN past its end).
    public func evaluate(at x: Double, columns: [Double] = []) -> Double {
        switch self {
        case .input: return x
        case .column(let index): return columns.indices.contains(index) ? columns[index] : .nan
        case .constant(let value): return value
        case .negate(let operand): return -operand.evaluate(at: x, columns: columns)
        case .binary(let op, let lhs, let rhs):
            return op.apply(lhs.evaluate(at: x, columns: columns), rhs.evaluate(at: x, columns: columns))
        case .call(let name, let args):
            let values = args.map { $0.evaluate(at: x, columns: columns) }
            guard let function = ExportFunction(rawValue: name), values.count == function.arity else { return .nan }
            return function.apply(values)
        }
    }

    /// The raw input columns the expression reads, in increasing order.
    public var columns: [Int] {
        switch self {
        case .column(let index): return [index]
        case .input, .constant: return []
        case .negate(let operand): return operand.columns
        case .binary(_, let lhs, let rhs): return Array(Set(lhs.columns + rhs.columns)).sorted()
        case .call(_, let args): return Array(Set(args.flatMap(\.columns))).sorted()
        }
    }

    /// Checks every function name and its number of arguments.
    func validate(in context: String) throws {
        switch self {
        case .input, .column, .constant: return
        case .negate(let operand): try operand.validate(in: context)
        case .binary(_, let lhs, let rhs):
            try lhs.validate(in: context)
            try rhs.validate(in: context)
        case .call(let name, let args):
            guard let function = ExportFunction(rawValue: name) else {
                throw ExportError("\(context) calls the unknown function \"\(name)\"")
            }
            guard args.count == function.arity else {
                throw ExportError("\(context): \(name) takes \(function.arity) argument(s), given \(args.count)")
            }
            for arg in args { try arg.validate(in: context) }
        }
    }
}

// MARK: - Operators

/// The language's binary operators; `^` is power.
public enum ExportBinaryOperator: String, Equatable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"

    func apply(_ lhs: Double, _ rhs: Double) -> Double {
        switch self {
        case .add: return lhs + rhs
        case .subtract: return lhs - rhs
        case .multiply: return lhs * rhs
        case .divide: return lhs / rhs
        case .power: return pow(lhs, rhs)
        }
    }
}

// MARK: - Functions

/// The functions an expression may call (LANGUAGE.md's list).
public enum ExportFunction: String, CaseIterable, Sendable {
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, log2, log10, sqrt, abs, sign, floor, ceil
    case sigmoid, relu, min, max, pow

    /// How many arguments the function takes.
    public var arity: Int {
        switch self {
        case .min, .max, .pow: return 2
        default: return 1
        }
    }

    /// The function's value in Double. `sign(0)` is 0; a NaN argument of `min`/`max` gives NaN, as ONNX's Min/Max
    /// and torch.minimum/maximum do.
    func apply(_ args: [Double]) -> Double { evaluateFunction(self, args) }
}

/// At file scope, so `sin`, `exp`… name the C library's functions rather than `ExportFunction`'s cases.
private func evaluateFunction(_ function: ExportFunction, _ args: [Double]) -> Double {
    let a = args[0]
    switch function {
    case .sin: return sin(a)
    case .cos: return cos(a)
    case .tan: return tan(a)
    case .asin: return asin(a)
    case .acos: return acos(a)
    case .atan: return atan(a)
    case .sinh: return sinh(a)
    case .cosh: return cosh(a)
    case .tanh: return tanh(a)
    case .exp: return exp(a)
    case .log: return log(a)
    case .log2: return log2(a)
    case .log10: return log10(a)
    case .sqrt: return a.squareRoot()
    case .abs: return abs(a)
    case .sign: return a > 0 ? 1 : (a < 0 ? -1 : (a.isNaN ? .nan : 0))
    case .floor: return a.rounded(.down)
    case .ceil: return a.rounded(.up)
    case .sigmoid: return 1 / (1 + exp(-a))
    case .relu: return a > 0 ? a : 0
    case .min: return a.isNaN || args[1].isNaN ? .nan : min(a, args[1])
    case .max: return a.isNaN || args[1].isNaN ? .nan : max(a, args[1])
    case .pow: return pow(a, args[1])
    }
}
