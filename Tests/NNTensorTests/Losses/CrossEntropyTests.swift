import Foundation
import Testing
import NNTensor

/// Cross-entropy: PyTorch's values and gradients, finite differences, invalid labels, shapes, and a network trained
/// with it against PyTorch's (CrossEntropyReference, written by cross_entropy_reference.py).
@Suite struct CrossEntropyTests {
    /// The loss and logit gradient of one reference case, with the logits a parameter and the labels an input.
    static func lossAndGradient(logits: [Float], labels: [Float], rows: Int, classes: Int) throws
        -> (loss: Float, gradient: [Float]) {
        let z = Parameter(name: "z", value: Tensor(shape: Shape(rows, classes), values: logits))
        let graph = Graph()
        let target = graph.input("labels", shape: Shape(rows, 1))
        let loss = graph.loss(.crossEntropy, prediction: graph.parameter(z), target: target)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        program.buffer(for: target).copy(from: Tensor(shape: Shape(rows, 1), values: labels))
        program.forward()
        program.backward()
        return (program.value(of: loss).data[0], z.grad.array)
    }

    @Test(arguments: CrossEntropyReference.cases)
    func matchesPyTorch(_ reference: CrossEntropyReference.Case) throws {
        let (loss, gradient) = try Self.lossAndGradient(logits: reference.logits, labels: reference.labels,
                                                         rows: reference.rows, classes: reference.classes)
        #expect(abs(loss - reference.loss) <= 2e-6 * max(1, abs(reference.loss)), "\(loss) vs torch \(reference.loss)")
        #expect(gradient.count == reference.gradient.count)
        for (index, (mine, torch)) in zip(gradient, reference.gradient).enumerated() {
            #expect(abs(mine - torch) <= 1e-6 + 1e-5 * abs(torch), "d/dz[\(index)]: \(mine) vs torch \(torch)")
        }
    }

    @Test func gradientsOfANetworkMatchFiniteDifferences() throws {
        // 2-6-4 tanh with linear logits over 21 rows (a partial group of sixteen lanes), labels of every class.
        var draws = GradientCheck.Draws(state: 7)
        let layers = [Dense(inputs: 2, outputs: 6, name: "l0"), Dense(inputs: 6, outputs: 4, name: "l1")]
        for p in layers.flatMap(\.parameters) {
            for i in 0..<p.value.count { p.value.data[i] = draws.uniform(-1, 1) }
        }
        let rows = 21
        let graph = Graph()
        let x = graph.input("x", shape: Shape(rows, 2)), labels = graph.input("labels", shape: Shape(rows, 1))
        let logits = graph.dense(graph.dense(x, layers[0], activation: .tanh), layers[1])
        let loss = graph.loss(.crossEntropy, prediction: logits, target: labels)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        for i in 0..<rows * 2 { program.buffer(for: x).data[i] = draws.uniform(-2, 2) }
        for r in 0..<rows { program.buffer(for: labels).data[r] = Float(r * 5 % 4) }

        var checked = 0
        for d in GradientCheck.differences(program, objective: loss, parameters: layers.flatMap(\.parameters),
                                           step: 1e-2) {
            let numeric = Float(d.numeric)
            #expect(abs(numeric - d.analytic) <= 2e-4 + 1e-2 * max(abs(numeric), abs(d.analytic)),
                    "d/d\(d.parameter.name)[\(d.index)]: backward \(d.analytic), finite difference \(numeric)")
            if abs(d.analytic) > 1e-3 { checked += 1 }
        }
        #expect(checked > 20)  // the gradients were not all (near) zero
    }

    @Test func aLabelThatIsNoClassGivesNaNForItsRowOnly() throws {
        let logits: [Float] = [0.5, -0.5, 1, 2, 0, -1, 0.25, 0.25, 0.25, 1, 1, 1]
        for bad: Float in [3, -1, 0.5, .nan] {
            let (loss, gradient) = try Self.lossAndGradient(logits: logits, labels: [0, bad, 2, 1], rows: 4,
                                                             classes: 3)
            #expect(loss.isNaN, "label \(bad)")
            #expect(gradient[3..<6].allSatisfy { $0.isNaN }, "label \(bad)")
            #expect((gradient[0..<3] + gradient[6...]).allSatisfy { $0.isFinite }, "label \(bad)")
        }
    }

    @Test func theTargetIsOneLabelColumn() {
        for target in [Shape(5, 3), Shape(5, 2), Shape(4, 1)] {
            let graph = Graph()
            let loss = graph.loss(.crossEntropy, prediction: graph.input("z", shape: Shape(5, 3)),
                                  target: graph.input("labels", shape: target))
            #expect(throws: GraphError.shapeMismatch(op: "loss", Shape(5, 3), target)) {
                try CompiledGraph(graph: graph, outputs: [], loss: loss)
            }
        }
        // An elementwise loss still wants the prediction's own shape.
        let graph = Graph()
        let loss = graph.loss(.mse, prediction: graph.input("z", shape: Shape(5, 3)),
                              target: graph.input("y", shape: Shape(5, 1)))
        #expect(throws: GraphError.shapeMismatch(op: "loss", Shape(5, 3), Shape(5, 1))) {
            try CompiledGraph(graph: graph, outputs: [], loss: loss)
        }
    }

    @Test func aNetworkTrainedWithAdamMatchesPyTorch() throws {
        let reference = CrossEntropyReference.self
        let shapes = [Shape(2, 5), Shape(1, 5), Shape(5, 3), Shape(1, 3)]
        let parameters = zip(shapes, reference.initialParameters).enumerated().map { index, pair in
            Parameter(name: "p\(index)", value: Tensor(shape: pair.0, values: pair.1))
        }
        let rows = reference.labels.count
        let graph = Graph()
        let x = graph.input("x", shape: Shape(rows, 2)), labels = graph.input("labels", shape: Shape(rows, 1))
        let p = parameters.map(graph.parameter)
        let hidden = graph.tanh(graph.add(graph.matmul(x, p[0]), p[1]))
        let loss = graph.loss(.crossEntropy, prediction: graph.add(graph.matmul(hidden, p[2]), p[3]), target: labels)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        program.buffer(for: x).copy(from: Tensor(shape: Shape(rows, 2), values: reference.inputs))
        program.buffer(for: labels).copy(from: Tensor(shape: Shape(rows, 1), values: reference.labels))
        let optimizer = try Optimizer(OptimizerConfig(kind: .adam, learningRate: Double(reference.learningRate)),
                                      parameters: program.parameters)

        program.forward()
        #expect(abs(program.value(of: loss).data[0] - reference.initialLoss) <= 1e-6 * reference.initialLoss)
        for _ in 0..<reference.trainingSteps {
            program.forward()
            program.backward()
            optimizer.step()
        }
        program.forward()
        let actual = parameters.flatMap(\.value.array), expected = reference.finalParameters.flatMap { $0 }
        let exact = reference.finalParametersFloat64.flatMap { $0 }.map { Float($0) }
        #expect(maxRelativeError(actual, expected) < 1e-4, "\(actual) vs torch \(expected)")
        #expect(maxRelativeError(actual, exact) < 1e-4)
        #expect(maxRelativeError([program.value(of: loss).data[0]], [reference.finalLoss]) < 1e-4)
        // It trained, so the comparison covered changing values.
        #expect(reference.finalLoss < 0.5 * reference.initialLoss)
        #expect(maxRelativeError(actual, reference.initialParameters.flatMap { $0 }) > 1e-2)
    }
}
