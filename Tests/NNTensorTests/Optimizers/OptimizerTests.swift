import Testing
import NNTensor

@Suite struct OptimizerTests {
    /// A parameter of `count` elements with value `x` and gradient `g` everywhere (count > 8 covers SIMD and tail).
    func parameter(_ x: Float, grad g: Float, count: Int = 11) -> Parameter {
        let p = Parameter(name: "w", value: Tensor(shape: Shape(1, count), repeating: x))
        p.grad.fill(g)
        return p
    }

    @Test func sgdStepsAgainstTheGradient() throws {
        let p = parameter(1, grad: 0.5)
        let opt = try Optimizer(OptimizerConfig(kind: .sgd, learningRate: 0.1), parameters: [p])
        opt.step()
        #expect(p.value.array.allSatisfy { $0 == 1 - 0.1 * 0.5 })
        opt.step(learningRate: 1)
        #expect(p.value.array.allSatisfy { $0 == 0.95 - 0.5 })
        #expect(opt.stepCount == 2)
    }

    @Test func momentumAccumulatesVelocity() throws {
        let p = parameter(0, grad: 1)
        let opt = try Optimizer(OptimizerConfig(kind: .momentum, learningRate: 1), parameters: [p])
        opt.step()   // v = 1
        opt.step()   // v = 0.9 + 1
        #expect(p.value.array.allSatisfy { abs($0 - -2.9) < 1e-6 })
    }

    @Test func adamFirstStepMovesByTheLearningRate() throws {
        // With bias correction the first Adam step is lr · g/(|g| + eps) ≈ lr · sign(g).
        let p = parameter(2, grad: -3)
        let opt = try Optimizer(OptimizerConfig(kind: .adam, learningRate: 0.01), parameters: [p])
        opt.step()
        #expect(p.value.array.allSatisfy { abs($0 - 2.01) < 1e-6 })
    }

    @Test func defaultsArePyTorchs() {
        #expect(OptimizerConfig.defaults(for: .sgd).learningRate == 1e-3)
        #expect(OptimizerConfig.defaults(for: .nesterov).momentum == 0.9)
        #expect(OptimizerConfig.defaults(for: .adamw).weightDecay == 0.01)
        #expect(OptimizerConfig.defaults(for: .adam).beta2 == 0.999)
        #expect(OptimizerConfig.defaults(for: .rmsprop).learningRate == 1e-2)
        #expect(OptimizerConfig.defaults(for: .rmsprop).alpha == 0.99)
        #expect(OptimizerConfig.defaults(for: .adagrad).eps == 1e-10)
        #expect(OptimizerConfig(kind: .adam, learningRate: 0.5).eps == 1e-8)
    }

    @Test func invalidOptionsAreErrorsNotTraps() {
        let bad = OptimizerConfig(kind: .adam, learningRate: -1, beta1: 1, eps: .nan, clip: 0)
        #expect(bad.validationErrors().map(\.option) == ["lr", "beta1", "eps", "clip"])
        #expect(throws: OptimizerConfigError.self) { try Optimizer(bad, parameters: []) }
        #expect(OptimizerConfig(kind: .nesterov, momentum: 0).validationErrors().map(\.option) == ["momentum"])
        #expect(OptimizerConfig(kind: .rmsprop).validationErrors().isEmpty)
    }
}
