import Testing
import NNTensor

/// Every elementwise function and builtin activation against central finite differences.
@Suite struct UnaryGradientTests {
    typealias Domain = GradientCheck.Domain

    static let cases: [(String, Domain, @Sendable (Graph, Node) -> Node)] = [
        ("neg", .standard, { $0.neg($1) }),
        ("pow 2", .standard, { $0.pow($1, 2) }),
        ("pow 3", .standard, { $0.pow($1, 3) }),
        ("pow 0.5", .positive, { $0.pow($1, 0.5) }),
        ("pow -1.5", .positive, { $0.pow($1, -1.5) }),
        ("exp", .standard, { $0.exp($1) }),
        ("log", .positive, { $0.log($1) }),
        ("sqrt", .positive, { $0.sqrt($1) }),
        ("abs", .avoiding(0), { $0.abs($1) }),
        ("sin", .standard, { $0.sin($1) }),
        ("cos", .standard, { $0.cos($1) }),
        ("tanh", .standard, { $0.tanh($1) }),
        ("sigmoid", .standard, { $0.sigmoid($1) }),
        ("relu", .avoiding(0), { $0.relu($1) }),
        ("leakyRelu 0.1", .avoiding(0), { $0.leakyRelu($1, 0.1) }),
        ("leakyRelu -0.5", .avoiding(0), { $0.leakyRelu($1, -0.5) }),
        ("elu 1", .avoiding(0), { $0.elu($1, 1) }),
        ("elu 0.5", .avoiding(0), { $0.elu($1, 0.5) }),
        ("gelu", .standard, { $0.gelu($1) }),
        ("softplus", .standard, { $0.softplus($1) }),
        ("softplus above threshold", Domain(low: 21, high: 23), { $0.softplus($1) }),
        ("minimum 0.3", .avoiding(0.3), { $0.minimum($1, 0.3) }),
        ("maximum -0.2", .avoiding(-0.2), { $0.maximum($1, -0.2) }),
        ("tan", .standard, { $0.unary(.tan, $1) }),
        ("asin", Domain(low: -0.8, high: 0.8), { $0.unary(.asin, $1) }),
        ("acos", Domain(low: -0.8, high: 0.8), { $0.unary(.acos, $1) }),
        ("atan", .standard, { $0.unary(.atan, $1) }),
        ("sinh", .standard, { $0.unary(.sinh, $1) }),
        ("cosh", .standard, { $0.unary(.cosh, $1) }),
        ("log2", .positive, { $0.unary(.log2, $1) }),
        ("log10", .positive, { $0.unary(.log10, $1) }),
        ("sign", .avoiding(0), { $0.unary(.sign, $1) }),
        ("floor", .avoiding(-1, 0, 1), { $0.unary(.floor, $1) }),
        ("ceil", .avoiding(-1, 0, 1), { $0.unary(.ceil, $1) }),
    ]

    @Test(arguments: cases.indices)
    func elementwiseFunction(_ index: Int) throws {
        let (name, domain, f) = Self.cases[index]
        try GradientCheck().check(name, shapes: [Shape(4, 3)], domains: [domain], seed: UInt64(index + 1)) { g, p in
            f(g, p[0])
        }
    }

    static let activations: [(Activation, Domain)] = [
        (.linear, .standard), (.tanh, .standard), (.sigmoid, .standard), (.relu, .avoiding(0)),
        (.leakyRelu(0.2), .avoiding(0)), (.elu(1), .avoiding(0)), (.gelu, .standard), (.softplus, .standard),
        (.sin(1), .standard), (.sin(3), .standard), (.swish, .standard),
    ]

    /// Activations on their own, and fused after a matmul and a bias (the dense-layer kernel). The matmul input
    /// is kept away from the kinks indirectly: weights and inputs are small and the sum is offset by the bias.
    @Test(arguments: activations.indices)
    func activation(_ index: Int) throws {
        let (kind, domain) = Self.activations[index]
        try GradientCheck().check("\(kind)", shapes: [Shape(3, 4)], domains: [domain]) { g, p in
            g.activation(kind, p[0])
        }
        // x·W + b, then the activation: fused into one kernel, gradients for W and b (and x, a parameter here).
        let mismatches = try GradientCheck().check("dense \(kind)", shapes: [Shape(5, 3), Shape(3, 4), Shape(1, 4)],
                                                   seed: 11) { g, p in
            g.activation(kind, g.add(g.matmul(p[0], p[1]), p[2]))
        }
        #expect(mismatches == 0)
    }

    /// Only the bias needs a gradient: the fused kernel forms `f′ × upstream` in scratch memory.
    @Test(arguments: activations.indices)
    func fusedBiasOnly(_ index: Int) throws {
        let (kind, domain) = Self.activations[index]
        try GradientCheck().check("bias-only \(kind)", shapes: [Shape(1, 4)], domains: [domain], seed: 5) { g, p in
            let x = g.input("x", shape: Shape(6, 4))
            return g.activation(kind, g.add(g.sin(x), p[0]))
        }
    }
}
