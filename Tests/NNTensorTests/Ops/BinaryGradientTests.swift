import Testing
import NNTensor

/// Arithmetic with every broadcast, matmul with every transpose, reductions, and shared operands, against
/// central finite differences.
@Suite struct BinaryGradientTests {
    static let operators: [(String, @Sendable (Graph, Node, Node) -> Node)] = [
        ("add", { $0.add($1, $2) }), ("sub", { $0.sub($1, $2) }),
        ("mul", { $0.mul($1, $2) }), ("div", { $0.div($1, $2) }),
        ("minimum", { $0.minimum($1, $2) }), ("maximum", { $0.maximum($1, $2) }),
    ]
    /// Operand shape pairs: same shape, a bias row, a column, a scalar, on either side.
    static let shapePairs: [(Shape, Shape)] = [
        (Shape(4, 3), Shape(4, 3)), (Shape(4, 3), Shape(1, 3)), (Shape(1, 3), Shape(4, 3)),
        (Shape(4, 3), Shape(4, 1)), (Shape(4, 1), Shape(4, 3)), (Shape(4, 3), Shape(1, 1)),
        (Shape(1, 1), Shape(4, 3)), (Shape(1, 3), Shape(4, 1)),
    ]

    @Test(arguments: operators.indices, shapePairs.indices)
    func broadcastingArithmetic(_ op: Int, _ pair: Int) throws {
        let (name, f) = Self.operators[op]
        let (left, right) = Self.shapePairs[pair]
        // Denominators stay away from zero.
        let domains: [GradientCheck.Domain] = [.standard, name == "div" ? .positive : .standard]
        let mismatches = try GradientCheck().check("\(name) \(left) \(right)", shapes: [left, right],
                                                   domains: domains, seed: UInt64(op * 10 + pair + 1)) { g, p in
            f(g, p[0], p[1])
        }
        #expect(mismatches == 0)
    }

    @Test func constantsOnEitherSide() throws {
        try GradientCheck().check("2·x − x/4 + 1/x", shapes: [Shape(3, 2)], domains: [.positive]) { g, p in
            let x = p[0]
            return g.add(g.sub(g.mul(g.constant(2), x), g.div(x, g.constant(4))), g.div(g.constant(1), x))
        }
    }

    @Test func computedExponentAndTies() throws {
        try GradientCheck().check("pow(a, b)", shapes: [Shape(3, 2), Shape(3, 2)], domains: [.positive]) { g, p in
            g.pow(p[0], p[1])
        }
        // max(x, x): the gradient is split in half on each side, so the total is exactly the upstream gradient.
        try GradientCheck().check("max(x, x)", shapes: [Shape(2, 2)]) { g, p in g.maximum(p[0], p[0]) }
    }

    @Test func sharedOperandsAccumulate() throws {
        // x·x, x·sigmoid(x) (a user-defined swish), and one node consumed by three ops.
        try GradientCheck().check("x*x", shapes: [Shape(3, 3)]) { g, p in g.mul(p[0], p[0]) }
        try GradientCheck().check("x*sigmoid(x)", shapes: [Shape(3, 3)]) { g, p in g.mul(p[0], g.sigmoid(p[0])) }
        try GradientCheck().check("fan-out", shapes: [Shape(3, 3), Shape(1, 3)]) { g, p in
            let h = g.tanh(g.add(p[0], p[1]))
            return g.add(g.mul(h, h), g.sub(g.exp(h), h))
        }
    }

    @Test(arguments: [false, true], [false, true])
    func matmul(_ transposeA: Bool, _ transposeB: Bool) throws {
        let a = transposeA ? Shape(3, 4) : Shape(4, 3)
        let b = transposeB ? Shape(5, 3) : Shape(3, 5)
        let mismatches = try GradientCheck().check("matmul \(transposeA) \(transposeB)", shapes: [a, b]) { g, p in
            g.matmul(p[0], p[1], transposeA: transposeA, transposeB: transposeB)
        }
        #expect(mismatches == 0)
    }

    @Test func reductions() throws {
        try GradientCheck().check("sum", shapes: [Shape(4, 3)]) { g, p in g.sum(g.tanh(p[0])) }
        try GradientCheck().check("mean", shapes: [Shape(4, 3)]) { g, p in g.mean(g.mul(p[0], p[0])) }
        try GradientCheck().check("columnSum", shapes: [Shape(4, 3)]) { g, p in g.columnSum(g.sin(p[0])) }
        // A reduction broadcast back over a matrix: x − mean(x).
        try GradientCheck().check("x - mean(x)", shapes: [Shape(4, 3)]) { g, p in
            g.pow(g.sub(p[0], g.mean(p[0])), 2)
        }
    }
}
