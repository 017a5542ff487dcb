import Foundation
import Testing
import NNTensor

/// Every loss: values against a direct computation, gradients for prediction and target against finite differences.
@Suite struct LossGradientTests {
    static let losses: [Loss] = [.mse, .sse, .l1, .huber(delta: 1), .huber(delta: 0.3)]

    @Test(arguments: losses)
    func gradients(_ loss: Loss) throws {
        let mismatches = try GradientCheck().check("\(loss)", shapes: [Shape(5, 2), Shape(5, 2)], seed: 3) { g, p in
            g.loss(loss, prediction: g.tanh(p[0]), target: p[1])
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: losses)
    func values(_ loss: Loss) throws {
        let prediction: [Float] = [0.5, -1, 2, 0.25, 3, -0.1]
        let target: [Float] = [0, -1.5, 0.5, 0.25, -1, 0.2]
        let g = Graph()
        let p = g.input("p", shape: Shape(3, 2)), t = g.input("t", shape: Shape(3, 2))
        let l = g.loss(loss, prediction: p, target: t)
        let program = try CompiledGraph(graph: g, outputs: [], loss: l)
        program.buffer(for: p).copy(from: Tensor(shape: Shape(3, 2), values: prediction))
        program.buffer(for: t).copy(from: Tensor(shape: Shape(3, 2), values: target))
        program.forward()

        let errors = zip(prediction, target).map { Double($0 - $1) }
        let expected: Double
        switch loss {
        case .mse: expected = errors.map { $0 * $0 }.reduce(0, +) / 6
        case .sse: expected = errors.map { $0 * $0 }.reduce(0, +)
        case .l1: expected = errors.map(Swift.abs).reduce(0, +) / 6
        case let .huber(delta):
            let d = Double(delta)
            expected = errors.map { Swift.abs($0) < d ? 0.5 * $0 * $0 : d * (Swift.abs($0) - 0.5 * d) }
                .reduce(0, +) / 6
        case .crossEntropy:
            return  // not elementwise: CrossEntropyTests
        }
        #expect(Swift.abs(Double(program.value(of: l).data[0]) - expected) < 1e-6 * max(1, expected))
    }

    @Test func predictionAndTargetMustHaveOneShape() {
        let g = Graph()
        let l = g.loss(.mse, prediction: g.input("p", shape: Shape(3, 1)), target: g.input("t", shape: Shape(3, 2)))
        #expect(throws: GraphError.shapeMismatch(op: "loss", Shape(3, 1), Shape(3, 2))) {
            try CompiledGraph(graph: g, outputs: [], loss: l)
        }
    }
}
