import CAllocationCounter
import Testing
import NNTensor

/// A compiled step — forward and backward — makes no heap allocation. Counted by interposing malloc & co
/// (CAllocationCounter) on the calling thread; Linux only.
@Suite struct AllocationTests {
    /// Allocations made by the calling thread while running `body`.
    static func allocations(_ body: () -> Void) -> Int {
        allocation_counter_start()
        body()
        return allocation_counter_stop()
    }

    /// Allocations of ten forward and backward passes, after a first one (first-use scratch).
    static func stepAllocations(_ program: CompiledGraph) -> Int {
        program.forward()
        program.backward()
        return allocations {
            for _ in 0..<10 {
                program.forward()
                program.backward()
            }
        }
    }

    #if os(Linux)
    @Test func counterSeesAllocations() {
        // The control: if interposition were not in effect, the no-allocation tests would pass vacuously.
        var kept: [Tensor] = []
        let count = Self.allocations { kept.append(Tensor(shape: Shape(3, 3))) }
        #expect(count >= 2)  // the object and its aligned storage
        #expect(kept.count == 1)
    }

    @Test func denseTrainingStepAllocatesNothing() throws {
        let graph = Graph()
        let x = graph.input("x", shape: Shape(64, 1)), y = graph.input("y", shape: Shape(64, 1))
        var h = x
        for (index, (width, kind)) in [(32, Activation.tanh), (16, .gelu), (8, .relu)].enumerated() {
            let layer = Dense(inputs: h.shape.cols, outputs: width, name: "l\(index)")
            layer.weight.value.fill(0.1)
            h = graph.dense(h, layer, activation: kind)
        }
        let prediction = graph.dense(h, Dense(inputs: 8, outputs: 1, name: "out"))
        let loss = graph.loss(.huber(delta: 1), prediction: prediction, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [prediction], loss: loss)
        program.buffer(for: x).fill(0.5)
        #expect(Self.stepAllocations(program) == 0)
    }

    @Test func aTableSizedStepOnTwoThreadsAllocatesNothing() throws {
        // 400 rows of 30 columns, 32 tanh units, 2 class logits: the first layer's product and its weight gradient
        // each run their two 16-column halves on the two threads (a closure's captures there would be boxed).
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        let graph = Graph()
        let x = graph.input("x", shape: Shape(400, 30)), y = graph.input("y", shape: Shape(400, 1))
        let hidden = Dense(inputs: 30, outputs: 32, name: "h"), output = Dense(inputs: 32, outputs: 2, name: "o")
        hidden.weight.value.fill(0.01)
        output.weight.value.fill(0.02)
        let logits = graph.dense(graph.dense(x, hidden, activation: .tanh), output)
        let loss = graph.loss(.crossEntropy, prediction: logits, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [logits], loss: loss)
        program.buffer(for: x).fill(0.5)
        Parallel.threadCount = 2
        #expect(Self.stepAllocations(program) == 0)
    }

    @Test func expressionGraphStepAllocatesNothing() throws {
        // Broadcasts that need scratch memory, shared operands, reductions, constants.
        let graph = Graph()
        let x = graph.input("x", shape: Shape(50, 4))
        let w = graph.parameter(Parameter(name: "w", value: Tensor(shape: Shape(1, 4), repeating: 0.3)))
        let s = graph.parameter(Parameter(name: "s", value: Tensor(shape: .scalar, repeating: 2)))
        let u = graph.mul(graph.sigmoid(graph.mul(x, w)), graph.div(x, s))
        let v = graph.sub(u, graph.mean(u))
        let loss = graph.add(graph.sum(graph.pow(v, 2)), graph.mul(graph.constant(0.5), graph.mean(graph.abs(u))))
        let program = try CompiledGraph(graph: graph, outputs: [u], loss: loss)
        program.buffer(for: x).fill(0.25)
        #expect(Self.stepAllocations(program) == 0)
    }
    #endif
}
