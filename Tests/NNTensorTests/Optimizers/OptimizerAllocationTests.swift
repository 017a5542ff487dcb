import CAllocationCounter
import Testing
import NNTensor

/// `Optimizer.step` allocates nothing: every state buffer is made at init. Counted by CAllocationCounter's malloc
/// interposition on the calling thread (Linux only; the runtime's AllocationTests hold the control that the counter
/// sees allocations at all).
@Suite struct OptimizerAllocationTests {
    static func allocations(_ body: () -> Void) -> Int {
        allocation_counter_start()
        body()
        return allocation_counter_stop()
    }

    #if os(Linux)
    @Test(arguments: OptimizerKind.allCases)
    func stepAllocatesNothing(_ kind: OptimizerKind) throws {
        // Sizes with SIMD tails, clipping and weight decay: every branch of the update.
        let parameters = [Shape(17, 9), Shape(1, 9), Shape(9, 1)].enumerated().map { index, shape in
            let p = Parameter(name: "p\(index)", value: Tensor(shape: shape, repeating: 0.5))
            p.grad.fill(0.25)
            return p
        }
        let config = OptimizerConfig(kind: kind, momentum: kind == .rmsprop ? 0.5 : nil, weightDecay: 0.01, clip: 0.1)
        let optimizer = try Optimizer(config, parameters: parameters)
        let schedule = LearningRateSchedule(.cosine(minLR: 1e-4), warmup: 2)
        optimizer.step(learningRate: 0.01)
        let count = Self.allocations {
            for step in 1..<20 {
                optimizer.step(learningRate: schedule.learningRate(step: step, base: 0.01, totalSteps: 20))
            }
        }
        #expect(count == 0)
        #expect(optimizer.stepCount == 20)
    }

    @Test func fullTrainingStepAllocatesNothing() throws {
        // Forward, backward and an Adam update over a compiled 1-16-16-1 tanh net.
        let graph = Graph()
        let x = graph.input("x", shape: Shape(32, 1)), y = graph.input("y", shape: Shape(32, 1))
        var rng = RandomStream(seed: 7, stream: "init")
        var layers: [Dense] = []
        var h = x
        for width in [16, 16, 1] {
            let layer = Dense(inputs: h.shape.cols, outputs: width, name: "l\(layers.count)")
            Initializer.fill(layer.weight.value, scheme: .default, fanIn: layer.inputs, fanOut: width, rng: &rng)
            if let bias = layer.bias {
                Initializer.fill(bias.value, scheme: .default, fanIn: layer.inputs, fanOut: width, rng: &rng,
                                 role: .bias)
            }
            h = graph.dense(h, layer, activation: width == 1 ? .linear : .tanh)
            layers.append(layer)
        }
        let loss = graph.loss(.mse, prediction: h, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [h], loss: loss)
        var data = RandomStream(seed: 7, stream: "data-x")
        let inputs = program.buffer(for: x)
        data.fillUniform(UnsafeMutableBufferPointer(start: inputs.data, count: inputs.count), low: -1, high: 9)
        program.buffer(for: y).fill(0.3)
        let optimizer = try Optimizer(OptimizerConfig(kind: .adam, learningRate: 1e-2),
                                      parameters: layers.flatMap(\.parameters))
        program.forward()
        program.backward()
        optimizer.step()
        let before = program.value(of: loss)[0, 0]
        let count = Self.allocations {
            for _ in 0..<20 {
                program.forward()
                program.backward()
                optimizer.step()
            }
        }
        program.forward()
        #expect(count == 0)
        #expect(program.value(of: loss)[0, 0] < before)
    }
    #endif
}
