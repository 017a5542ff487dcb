import Testing
import NNTensor

@Suite struct OptimizerStateTests {
    static let configs: [OptimizerConfig] = [
        OptimizerConfig(kind: .sgd, learningRate: 0.1),
        OptimizerConfig(kind: .momentum, learningRate: 0.05),
        OptimizerConfig(kind: .nesterov, learningRate: 0.05),
        OptimizerConfig(kind: .adam, learningRate: 0.01),
        OptimizerConfig(kind: .adamw, learningRate: 0.01),
        OptimizerConfig(kind: .rmsprop, learningRate: 0.01, momentum: 0.5),
        OptimizerConfig(kind: .adagrad, learningRate: 0.1, clip: 0.05),
    ]

    static let totalSteps = 40

    /// Runs `steps` of a `totalSteps` run on the net, starting from `state` when given; returns the weights.
    static func run(_ config: OptimizerConfig, steps: Range<Int>, net: TinyNet,
                    resumingFrom state: OptimizerState? = nil) throws -> (weights: [Float], state: OptimizerState) {
        let optimizer = try Optimizer(config, parameters: net.parameters)
        if let state { try optimizer.restore(state) }
        let schedule = LearningRateSchedule(.cosine(minLR: 0.001), warmup: 5)
        for step in steps {
            net.backward()
            optimizer.step(learningRate: schedule.learningRate(step: step, base: Float(config.learningRate),
                                                               totalSteps: totalSteps))
        }
        return (net.parameters.flatMap(\.value.array), optimizer.state)
    }

    @Test(arguments: configs)
    func resumingEqualsNeverHavingStopped(_ config: OptimizerConfig) throws {
        let straight = try Self.run(config, steps: 0..<Self.totalSteps, net: TinyNet.reference())
        let net = TinyNet.reference()
        let firstHalf = try Self.run(config, steps: 0..<20, net: net)
        // A fresh optimizer over the same weights, as after loading a checkpoint.
        let resumed = try Self.run(config, steps: 20..<Self.totalSteps, net: net, resumingFrom: firstHalf.state)
        #expect(resumed.weights == straight.weights)
        #expect(resumed.state == straight.state)
        #expect(straight.state.step == 40)
    }

    @Test func stateNamesTorchsBuffers() throws {
        let net = TinyNet.reference()
        let adam = try Optimizer(OptimizerConfig(kind: .adam), parameters: net.parameters)
        #expect(adam.state.buffers.keys.sorted().prefix(2) == ["0:W1:exp_avg", "0:W1:exp_avg_sq"])
        #expect(adam.state.buffers.count == 8)
        let sgd = try Optimizer(OptimizerConfig(kind: .sgd), parameters: net.parameters)
        #expect(sgd.state.buffers.isEmpty)
    }

    @Test func mismatchedStatesAreRejectedWithoutChange() throws {
        let net = TinyNet.reference()
        let adam = try Optimizer(OptimizerConfig(kind: .adam), parameters: net.parameters)
        let good = adam.state
        let sgd = try Optimizer(OptimizerConfig(kind: .momentum), parameters: net.parameters)
        #expect(throws: OptimizerStateError.kindMismatch(expected: .momentum, found: .adam)) {
            try sgd.restore(good)
        }
        var short = good
        short.buffers["1:b1:exp_avg"] = [1, 2]
        #expect(throws: OptimizerStateError.wrongCount("1:b1:exp_avg", expected: 3, found: 2)) {
            try adam.restore(short)
        }
        var missing = good
        missing.buffers["3:b2:exp_avg_sq"] = nil
        #expect(throws: OptimizerStateError.missingBuffer("3:b2:exp_avg_sq")) { try adam.restore(missing) }
        var extra = good
        extra.buffers["9:z:exp_avg"] = [0]
        extra.step = 5
        #expect(throws: OptimizerStateError.unexpectedBuffer("9:z:exp_avg")) { try adam.restore(extra) }
        var negative = good
        negative.step = -1
        #expect(throws: OptimizerStateError.negativeStep(-1)) { try adam.restore(negative) }
        #expect(adam.stepCount == 0)
    }
}

@Suite struct GradientClippingTests {
    func parameters(_ gradients: [[Float]]) -> [Parameter] {
        gradients.enumerated().map { index, values in
            let p = Parameter(name: "p\(index)", value: Tensor(shape: Shape(1, values.count)))
            for (i, v) in values.enumerated() { p.grad.data[i] = v }
            return p
        }
    }

    @Test func normIsOverAllParametersTogether() {
        // 3-4-12 across two tensors: ‖(3, 4)‖ = 5, ‖(5, 12)‖ = 13.
        let params = parameters([[3, 4], [12]])
        #expect(Optimizer.globalGradientNorm(params) == 13)
        let norm = Optimizer.clipGradientNorm(params, maxNorm: 6.5)
        #expect(norm == 13)
        let scale: Float = 6.5 / (13 + 1e-6)
        #expect(params[0].grad.array == [3 * scale, 4 * scale])
        #expect(params[1].grad.array == [12 * scale])
    }

    @Test func smallGradientsAreLeftAlone() {
        let values: [Float] = (0..<19).map { Float($0) * 0.01 }
        let params = parameters([values])
        Optimizer.clipGradientNorm(params, maxNorm: 100)
        #expect(params[0].grad.array == values)
    }

    @Test func clippingInsideStepBoundsTheUpdate() throws {
        let params = parameters([[300, -400]])
        let opt = try Optimizer(OptimizerConfig(kind: .sgd, learningRate: 1, clip: 1), parameters: params)
        opt.step()
        let moved = params[0].value.array
        #expect(abs(moved[0] - -0.6) < 1e-6 && abs(moved[1] - 0.8) < 1e-6)
    }
}
