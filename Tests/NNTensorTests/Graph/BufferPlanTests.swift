import Testing
import NNTensor

/// The compiled graph's memory plan reuses buffers whose lifetimes have ended, without changing results.
@Suite struct BufferPlanTests {
    /// A deep tanh net on a batch of `batch`: returns the program, its loss node and the first layer.
    static func deepNet(batch: Int) throws -> (CompiledGraph, Node, Node, Node) {
        let graph = Graph()
        let x = graph.input("x", shape: Shape(batch, 1)), y = graph.input("y", shape: Shape(batch, 1))
        var h = x
        for (index, width) in [16, 16, 16, 16, 1].enumerated() {
            let layer = Dense(inputs: h.shape.cols, outputs: width, name: "l\(index)")
            for i in 0..<layer.weight.value.count { layer.weight.value.data[i] = Float((i * 7 + index) % 11) / 11 - 0.45 }
            h = graph.dense(h, layer, activation: width == 1 ? .linear : .tanh)
        }
        let loss = graph.loss(.mse, prediction: h, target: y)
        return (try CompiledGraph(graph: graph, outputs: [h], loss: loss), x, y, loss)
    }

    @Test func deepNetReusesMemory() throws {
        let (program, _, _, _) = try Self.deepNet(batch: 100)
        // Five layers of matmul results, activations and their gradients: far fewer slots than buffers.
        #expect(program.memory.slotCount < program.memory.bufferCount)
        #expect(program.memory.arenaBytes < program.memory.requestedBytes)
    }

    @Test func inferenceGraphKeepsOnlyLiveValues() throws {
        let graph = Graph()
        let x = graph.input("x", shape: Shape(200, 1))
        var h = x
        for index in 0..<6 { h = graph.dense(h, Dense(inputs: h.shape.cols, outputs: 32, name: "l\(index)"),
                                             activation: .sigmoid) }
        let program = try CompiledGraph(graph: graph, outputs: [h])
        // Each layer's matmul result and activation: at most three are alive at once.
        #expect(program.memory.slotCount <= 3)
        #expect(program.memory.arenaBytes <= 3 * 200 * 32 * 4)
    }

    @Test func repeatedStepsGiveIdenticalResults() throws {
        let (program, x, y, loss) = try Self.deepNet(batch: 50)
        for i in 0..<50 {
            program.buffer(for: x).data[i] = Float(i) / 10 - 2
            program.buffer(for: y).data[i] = Float(i % 7) / 7
        }
        program.forward()
        program.backward()
        let first = (program.value(of: loss).array, program.parameters.map(\.grad.array))
        program.forward()
        program.backward()
        #expect(program.value(of: loss).array == first.0)
        #expect(program.parameters.map(\.grad.array) == first.1)
    }
}
