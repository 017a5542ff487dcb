import Foundation
import NNTensor

// MARK: - Activations into the graph

/// Turns an activation of the language (a built-in or a user-defined `activation NAME(x) = EXPR`) into runtime
/// graph nodes, so user-defined activations are differentiated by the same reverse sweep as everything else.
struct ActivationCompiler {
    let environment: ExprEnvironment

    /// Why an expression cannot become graph nodes (a function with no derivative in the runtime).
    struct Unsupported: Error {
        let function: String
        let range: SourceRange
    }

    /// The runtime's activation for a built-in, or nil for a user-defined one.
    static func builtin(_ spec: ActivationSpec) -> NNTensor.Activation? {
        guard case .builtin(let activation, let parameter) = spec else { return nil }
        let value = Float(parameter ?? activation.defaultParameter ?? 0)
        switch activation {
        case .linear: return .linear
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .relu: return .relu
        case .leakyRelu: return .leakyRelu(value)
        case .elu: return .elu(value)
        case .gelu: return .gelu
        case .softplus: return .softplus
        case .sin: return .sin(value)
        case .swish: return .swish
        }
    }

    /// `activation(x)` appended to `graph`.
    func apply(_ spec: ActivationSpec, to x: Node, in graph: Graph) throws(Unsupported) -> Node {
        if let builtin = ActivationCompiler.builtin(spec) { return graph.activation(builtin, x) }
        guard case .custom(let name) = spec, let function = environment.functions[name] else { return x }
        return try compile(function.body, input: function.parameter, value: x, graph: graph, depth: 0)
    }

    /// Checks that a user-defined activation compiles, without keeping the nodes.
    func validate(_ spec: ActivationSpec) throws(Unsupported) {
        let graph = Graph()
        _ = try apply(spec, to: graph.input("x", shape: Shape(1, 1)), in: graph)
    }

    // MARK: - Expressions

    private func compile(_ expr: Expr, input: String, value: Node, graph g: Graph, depth: Int)
        throws(Unsupported) -> Node
    {
        guard depth < 64 else { throw Unsupported(function: "recursion", range: expr.range) }
        func sub(_ e: Expr) throws(Unsupported) -> Node {
            try compile(e, input: input, value: value, graph: g, depth: depth)
        }
        /// The value of `e` when it does not depend on the input.
        func constant(_ e: Expr) -> Double? {
            e.dependsOn(input) ? nil
                : ExprEvaluator.evaluate(e, x: .nan, input: input, environment: environment)
        }
        switch expr.kind {
        case .number(let number, _):
            return g.constant(Float(number))
        case .variable(let name):
            if name == input { return value }
            return g.constant(Float(ExprEvaluator.evaluate(expr, x: .nan, input: input, environment: environment)))
        case .negate(let operand):
            return g.neg(try sub(operand))
        case .binary(let op, let left, let right):
            switch op {
            case .add: return g.add(try sub(left), try sub(right))
            case .subtract: return g.sub(try sub(left), try sub(right))
            case .multiply: return g.mul(try sub(left), try sub(right))
            case .divide: return g.div(try sub(left), try sub(right))
            case .power: return try power(left, right, constant: constant, sub: sub, graph: g)
            }
        case .call(let name, _, let arguments):
            if let custom = environment.functions[name], arguments.count == 1 {
                let argument = try sub(arguments[0])
                return try compile(custom.body, input: custom.parameter, value: argument, graph: g, depth: depth + 1)
            }
            return try call(name, arguments, range: expr.range, constant: constant, sub: sub, graph: g)
        }
    }

    private func power(_ base: Expr, _ exponent: Expr, constant: (Expr) -> Double?,
                       sub: (Expr) throws(Unsupported) -> Node, graph g: Graph) throws(Unsupported) -> Node {
        if let k = constant(exponent) { return g.pow(try sub(base), Float(k)) }
        // a^b = exp(b·log a), defined for a > 0 as in PyTorch's autograd of pow with a tensor exponent
        return g.exp(g.mul(try sub(exponent), g.log(try sub(base))))
    }

    private func call(_ name: String, _ args: [Expr], range: SourceRange, constant: (Expr) -> Double?,
                      sub: (Expr) throws(Unsupported) -> Node, graph g: Graph) throws(Unsupported) -> Node {
        if args.count == 2 {
            switch name {
            case "pow": return try power(args[0], args[1], constant: constant, sub: sub, graph: g)
            case "min", "max":
                let isMin = name == "min"
                if let c = constant(args[1]) {
                    let a = try sub(args[0])
                    return isMin ? g.minimum(a, Float(c)) : g.maximum(a, Float(c))
                }
                if let c = constant(args[0]) {
                    let b = try sub(args[1])
                    return isMin ? g.minimum(b, Float(c)) : g.maximum(b, Float(c))
                }
                // min(a, b) = (a + b − |a − b|) / 2; max with +
                let a = try sub(args[0]), b = try sub(args[1])
                let spread = g.abs(g.sub(a, b))
                let total = isMin ? g.sub(g.add(a, b), spread) : g.add(g.add(a, b), spread)
                return g.mul(total, g.constant(0.5))
            default: break
            }
        }
        guard args.count == 1 else { throw Unsupported(function: name, range: range) }
        let x = try sub(args[0])
        switch name {
        case "sin": return g.sin(x)
        case "cos": return g.cos(x)
        case "tan": return g.div(g.sin(x), g.cos(x))
        case "sinh": return g.mul(g.sub(g.exp(x), g.exp(g.neg(x))), g.constant(0.5))
        case "cosh": return g.mul(g.add(g.exp(x), g.exp(g.neg(x))), g.constant(0.5))
        case "tanh": return g.tanh(x)
        case "exp": return g.exp(x)
        case "log": return g.log(x)
        case "log2": return g.mul(g.log(x), g.constant(Float(1 / M_LN2)))
        case "log10": return g.mul(g.log(x), g.constant(Float(1 / M_LN10)))
        case "sqrt": return g.sqrt(x)
        case "abs": return g.abs(x)
        case "sigmoid": return g.sigmoid(x)
        case "relu": return g.relu(x)
        case "asin": return g.unary(.asin, x)
        case "acos": return g.unary(.acos, x)
        case "atan": return g.unary(.atan, x)
        case "sign": return g.unary(.sign, x)
        case "floor": return g.unary(.floor, x)
        case "ceil": return g.unary(.ceil, x)
        default: throw Unsupported(function: name, range: range)
        }
    }
}
