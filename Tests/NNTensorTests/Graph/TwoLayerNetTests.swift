import Foundation
import Testing
import NNTensor

/// A 1 → hidden tanh → 1 linear net with mse, compared with a hand-written forward and backward pass in Double.
@Suite struct TwoLayerNetTests {
    static let batch = 37, hidden = 5

    /// Deterministic, varied values in about [-1, 1].
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(Foundation.sin(Double($0 * 7 + seed * 13) * 0.37 + Double(seed))) }
    }

    struct Net {
        let first = Dense(inputs: 1, outputs: hidden, name: "l1")
        let second = Dense(inputs: hidden, outputs: 1, name: "l2")
        let graph = Graph()
        let x: Node, y: Node, prediction: Node, loss: Node

        init() {
            x = graph.input("x", shape: Shape(batch, 1))
            y = graph.input("y", shape: Shape(batch, 1))
            let h = graph.dense(x, first, activation: .tanh)
            prediction = graph.dense(h, second)
            loss = graph.loss(.mse, prediction: prediction, target: y)
            for (index, p) in (first.parameters + second.parameters).enumerated() {
                p.value.copy(from: Tensor(shape: p.value.shape, values: values(p.value.count, seed: index + 3)))
            }
        }
    }

    @Test func gradientsMatchHandWrittenBackprop() throws {
        let net = Net()
        let program = try CompiledGraph(graph: net.graph, outputs: [net.prediction], loss: net.loss)
        let xs = Self.values(Self.batch, seed: 1).map { $0 * 3 }, ys = Self.values(Self.batch, seed: 2)
        program.buffer(for: net.x).copy(from: Tensor(shape: Shape(Self.batch, 1), values: xs))
        program.buffer(for: net.y).copy(from: Tensor(shape: Shape(Self.batch, 1), values: ys))
        program.forward()
        program.backward()

        // The same net by hand, in Double.
        let w1 = net.first.weight.value.array.map(Double.init), b1 = net.first.bias!.value.array.map(Double.init)
        let w2 = net.second.weight.value.array.map(Double.init), b2 = Double(net.second.bias!.value.array[0])
        let n = Self.batch, hidden = Self.hidden
        var loss = 0.0
        var gw1 = [Double](repeating: 0, count: hidden), gb1 = gw1, gw2 = gw1, gb2 = 0.0
        var predictions: [Double] = []
        for i in 0..<n {
            let h = (0..<hidden).map { Foundation.tanh(Double(xs[i]) * w1[$0] + b1[$0]) }
            let p = zip(h, w2).map(*).reduce(0, +) + b2
            predictions.append(p)
            let d = p - Double(ys[i])
            loss += d * d / Double(n)
            let dp = 2 * d / Double(n)
            gb2 += dp
            for j in 0..<hidden {
                gw2[j] += dp * h[j]
                let dz = dp * w2[j] * (1 - h[j] * h[j])
                gb1[j] += dz
                gw1[j] += dz * Double(xs[i])
            }
        }

        func close(_ got: [Float], _ want: [Double]) -> Bool {
            zip(got, want).allSatisfy { Swift.abs(Double($0) - $1) <= 1e-5 + 1e-4 * Swift.abs($1) }
        }
        #expect(close(program.value(of: net.loss).array, [loss]))
        #expect(close(program.value(of: net.prediction).array, predictions))
        #expect(close(net.first.weight.grad.array, gw1))
        #expect(close(net.first.bias!.grad.array, gb1))
        #expect(close(net.second.weight.grad.array, gw2))
        #expect(close(net.second.bias!.grad.array, [gb2]))
    }

    @Test func backwardOverwritesGradients() throws {
        let net = Net()
        let program = try CompiledGraph(graph: net.graph, outputs: [net.prediction], loss: net.loss)
        program.buffer(for: net.x).fill(0.5)
        program.buffer(for: net.y).fill(-0.25)
        program.forward()
        program.backward()
        let once = net.first.weight.grad.array
        program.forward()
        program.backward()
        #expect(net.first.weight.grad.array == once)
        #expect(once.contains { $0 != 0 })
    }

    @Test func graphsOfDifferentBatchesShareParameters() throws {
        let net = Net()
        let training = try CompiledGraph(graph: net.graph, outputs: [net.prediction], loss: net.loss)
        let grid = Graph()
        let gridX = grid.input("x", shape: Shape(3, 1))
        let gridOut = grid.dense(grid.dense(gridX, net.first, activation: .tanh), net.second)
        let plotting = try CompiledGraph(graph: grid, outputs: [gridOut])
        #expect(plotting.parameters.count == 4)
        #expect(plotting.parameters.allSatisfy { p in training.parameters.contains { $0 === p } })

        plotting.buffer(for: gridX).copy(from: Tensor(shape: Shape(3, 1), values: [0.1, 0.2, 0.3]))
        plotting.forward()
        let before = plotting.value(of: gridOut).array
        net.second.bias!.value.data[0] += 1
        plotting.forward()
        let after = plotting.value(of: gridOut).array
        #expect(zip(before, after).allSatisfy { Swift.abs($1 - $0 - 1) < 1e-6 })
    }

    @Test func shapeMismatchIsAThrownError() {
        let g = Graph()
        let x = g.input("x", shape: Shape(4, 3))
        let w = g.parameter(Parameter(name: "w", value: Tensor(shape: Shape(2, 5))))
        let out = g.tanh(g.matmul(x, w))
        #expect(throws: GraphError.shapeMismatch(op: "matmul", Shape(4, 3), Shape(2, 5))) {
            try CompiledGraph(graph: g, outputs: [out])
        }
        let bias = g.parameter(Parameter(name: "b", value: Tensor(shape: Shape(1, 4))))
        #expect(throws: GraphError.self) { try CompiledGraph(graph: g, outputs: [g.add(x, bias)]) }
        #expect(throws: GraphError.lossNotScalar(Shape(4, 3))) { try CompiledGraph(graph: g, outputs: [], loss: x) }
    }
}
