import Testing
import NNTensor

/// Training gives bit-identical results for any thread count and on every run: elementwise work is cut into fixed
/// chunks, and every sum (column sums for bias gradients, losses, reductions) runs in a fixed order.
@Suite struct DeterminismTests {
    /// The loss after each of `steps` plain gradient-descent steps, and the final parameters, with `threads` threads.
    /// The batch and widths give several elementwise chunks and several column blocks.
    static func train(threads: Int, steps: Int = 4) throws -> (losses: [Float], parameters: [[Float]]) {
        let saved = Parallel.threadCount
        Parallel.threadCount = threads
        defer { Parallel.threadCount = saved }

        let batch = 400
        let graph = Graph()
        let x = graph.input("x", shape: Shape(batch, 1)), y = graph.input("y", shape: Shape(batch, 1))
        var h = x
        for (index, (width, kind)) in [(160, Activation.tanh), (24, .gelu), (1, .linear)].enumerated() {
            let layer = Dense(inputs: h.shape.cols, outputs: width, name: "l\(index)")
            for i in 0..<layer.weight.value.count {
                layer.weight.value.data[i] = (Float((i * 37 + index * 11) % 101) / 101 - 0.5) * 0.3
            }
            layer.bias!.value.fill(0.01 * Float(index))
            h = graph.dense(h, layer, activation: kind)
        }
        // A user-style expression on top: broadcasts of a learnt scale, a reduction.
        let scale = graph.parameter(Parameter(name: "scale", value: Tensor(shape: .scalar, repeating: 1.5)))
        let output = graph.add(graph.mul(h, scale), graph.mul(graph.constant(0.1), graph.mean(h)))
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [output], loss: loss)
        for i in 0..<batch {
            let v = Float(i) / Float(batch) * 10 - 1
            program.buffer(for: x).data[i] = v
            program.buffer(for: y).data[i] = sinApproximation(v) / 2.5
        }

        var losses: [Float] = []
        for _ in 0..<steps {
            program.forward()
            program.backward()
            losses.append(program.value(of: loss).data[0])
            for p in program.parameters {
                for i in 0..<p.value.count { p.value.data[i] -= 0.02 * p.grad.data[i] }
            }
        }
        return (losses, program.parameters.map(\.value.array))
    }

    /// A polynomial stand-in for sin on [-1, 9], so targets are exact across platforms.
    static func sinApproximation(_ x: Float) -> Float {
        let t = (x - 4) / 5
        return t - t * t * t / 2
    }

    @Test func oneAndTwoThreadsAgreeBitForBit() throws {
        let one = try Self.train(threads: 1)
        let two = try Self.train(threads: 2)
        #expect(one.losses.map(\.bitPattern) == two.losses.map(\.bitPattern))
        #expect(one.parameters.map { $0.map(\.bitPattern) } == two.parameters.map { $0.map(\.bitPattern) })
        // The net actually trained, so the comparison covered changing values.
        #expect(one.losses.last! < one.losses.first!)
    }

    @Test func repeatedRunsAgreeBitForBit() throws {
        let first = try Self.train(threads: 2)
        let second = try Self.train(threads: 2)
        #expect(first.losses.map(\.bitPattern) == second.losses.map(\.bitPattern))
        #expect(first.parameters.map { $0.map(\.bitPattern) } == second.parameters.map { $0.map(\.bitPattern) })
    }
}
