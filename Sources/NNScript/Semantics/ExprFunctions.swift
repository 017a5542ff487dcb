import Foundation

/// The built-in functions of expressions, with their arity.
public enum ExprFunction: String, CaseIterable, Sendable, Hashable {
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, log2, log10, sqrt, abs, sign, floor, ceil
    case sigmoid, relu, min, max, pow

    /// How many arguments the function takes.
    public var arity: Int {
        switch self {
        case .min, .max, .pow: return 2
        default: return 1
        }
    }

    /// Applies the function; `arguments.count` must equal `arity`.
    public func apply(_ arguments: [Double]) -> Double {
        let a = arguments.first ?? .nan
        switch self {
        case .sin: return Foundation.sin(a)
        case .cos: return Foundation.cos(a)
        case .tan: return Foundation.tan(a)
        case .asin: return Foundation.asin(a)
        case .acos: return Foundation.acos(a)
        case .atan: return Foundation.atan(a)
        case .sinh: return Foundation.sinh(a)
        case .cosh: return Foundation.cosh(a)
        case .tanh: return Foundation.tanh(a)
        case .exp: return Foundation.exp(a)
        case .log: return Foundation.log(a)
        case .log2: return Foundation.log2(a)
        case .log10: return Foundation.log10(a)
        case .sqrt: return Foundation.sqrt(a)
        case .abs: return Swift.abs(a)
        case .sign: return a > 0 ? 1 : a < 0 ? -1 : a.isNaN ? .nan : 0
        case .floor: return Foundation.floor(a)
        case .ceil: return Foundation.ceil(a)
        case .sigmoid: return 1 / (1 + Foundation.exp(-a))
        case .relu: return a.isNaN ? .nan : Swift.max(0, a)
        case .min: return arguments.count == 2 ? Swift.min(a, arguments[1]) : .nan
        case .max: return arguments.count == 2 ? Swift.max(a, arguments[1]) : .nan
        case .pow: return arguments.count == 2 ? Foundation.pow(a, arguments[1]) : .nan
        }
    }
}

/// The named constants of expressions.
public enum ExprConstants {
    /// `pi` and `e`.
    public static let values: [String: Double] = ["pi": Double.pi, "e": M_E]
}
