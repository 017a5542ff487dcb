import Foundation

// MARK: - Optimizer

/// Updates parameters from their gradients by PyTorch's rule for the configured kind.
///
/// Every state buffer is allocated here, at init, so `step` allocates nothing; its loops are eight-lane SIMD.
/// One `step` = optional global-norm clipping of the gradients (in place, as `clip_grad_norm_`), then the update.
/// Weight decay is an L2 term added to the gradient (not written back to `grad`), decoupled for `adamw`.
public final class Optimizer {
    /// The validated configuration.
    public let config: OptimizerConfig
    /// The parameters, in the fixed order clipping sums their norms.
    public let parameters: [Parameter]
    /// The number of updates applied so far (torch's `step` state).
    public private(set) var stepCount = 0

    /// One parameter with its state buffers, in the order of `bufferNames`.
    struct Slot {
        let parameter: Parameter
        let buffers: [Tensor]
    }

    let slots: [Slot]
    /// The names of each parameter's state buffers, as torch names them.
    let bufferNames: [String]

    /// An optimizer over `parameters`; throws `OptimizerConfigError` when the configuration is invalid.
    public init(_ config: OptimizerConfig, parameters: [Parameter]) throws {
        try config.validate()
        self.config = config
        self.parameters = parameters
        let names = Optimizer.bufferNames(for: config)
        self.bufferNames = names
        self.slots = parameters.map { parameter in
            Slot(parameter: parameter, buffers: names.map { _ in Tensor(shape: parameter.value.shape) })
        }
    }

    static func bufferNames(for config: OptimizerConfig) -> [String] {
        switch config.kind {
        case .sgd, .momentum, .nesterov: config.momentum != 0 ? ["momentum_buffer"] : []
        case .adam, .adamw: ["exp_avg", "exp_avg_sq"]
        case .rmsprop: config.momentum > 0 ? ["square_avg", "momentum_buffer"] : ["square_avg"]
        case .adagrad: ["sum"]
        }
    }

    // MARK: - Step

    /// Applies one update with the base learning rate of the configuration.
    public func step() {
        step(learningRate: Float(config.learningRate))
    }

    /// Applies one update with `learningRate` (e.g. a schedule's value for this step).
    public func step(learningRate: Float) {
        if let maxNorm = config.clip {
            Optimizer.clipGradientNorm(parameters, maxNorm: Float(maxNorm))
        }
        let isFirstStep = stepCount == 0
        stepCount += 1
        let c = config
        let lr = Double(learningRate)
        let weightDecay = Float(c.weightDecay)
        // Adam's bias corrections, as torch computes them in Python from the step count.
        let biasCorrection1 = 1 - Foundation.pow(c.beta1, Double(stepCount))
        let biasCorrection2 = 1 - Foundation.pow(c.beta2, Double(stepCount))
        for slot in slots {
            let p = slot.parameter.value.data
            let g = UnsafePointer(slot.parameter.grad.data)
            let count = slot.parameter.value.count
            switch c.kind {
            case .sgd, .momentum, .nesterov:
                var kernel = SGDKernel(parameter: p, gradient: g, momentumBuffer: slot.buffers.first?.data,
                                       learningRate: learningRate, weightDecay: weightDecay,
                                       momentum: Float(c.momentum), oneMinusDampening: Float(1 - c.dampening),
                                       nesterov: c.kind == .nesterov, isFirstStep: isFirstStep)
                Lanes.run(&kernel, count: count)
            case .adam, .adamw:
                let decoupled = c.kind == .adamw
                var kernel = AdamKernel(parameter: p, gradient: g, firstMoment: slot.buffers[0].data,
                                        secondMoment: slot.buffers[1].data,
                                        decay: decoupled ? Float(1 - lr * c.weightDecay) : 1,
                                        weightDecay: decoupled ? 0 : weightDecay, oneMinusBeta1: Float(1 - c.beta1),
                                        beta2: Float(c.beta2), oneMinusBeta2: Float(1 - c.beta2),
                                        stepSize: Float(lr / biasCorrection1),
                                        biasCorrection2Sqrt: Float(biasCorrection2.squareRoot()), eps: Float(c.eps))
                Lanes.run(&kernel, count: count)
            case .rmsprop:
                var kernel = RMSpropKernel(parameter: p, gradient: g, squareAverage: slot.buffers[0].data,
                                           momentumBuffer: slot.buffers.count > 1 ? slot.buffers[1].data : nil,
                                           learningRate: learningRate, weightDecay: weightDecay,
                                           alpha: Float(c.alpha), oneMinusAlpha: Float(1 - c.alpha),
                                           eps: Float(c.eps), momentum: Float(c.momentum))
                Lanes.run(&kernel, count: count)
            case .adagrad:
                var kernel = AdagradKernel(parameter: p, gradient: g, sum: slot.buffers[0].data,
                                           learningRate: learningRate, weightDecay: weightDecay, eps: Float(c.eps))
                Lanes.run(&kernel, count: count)
            }
        }
    }

    // MARK: - Clipping

    /// The L2 norm of all gradients together, as `clip_grad_norm_` computes it: each gradient's norm in Float,
    /// then the norm of those norms, over `parameters` in order.
    public static func globalGradientNorm(_ parameters: [Parameter]) -> Float {
        var sumOfNormSquares: Float = 0
        for parameter in parameters {
            let norm = Lanes.sumOfSquares(parameter.grad.data, count: parameter.grad.count).squareRoot()
            sumOfNormSquares += norm * norm
        }
        return sumOfNormSquares.squareRoot()
    }

    /// Scales every gradient by min(1, maxNorm / (norm + 1e-6)), as `torch.nn.utils.clip_grad_norm_`; returns the
    /// norm before clipping.
    @discardableResult
    public static func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
        let norm = globalGradientNorm(parameters)
        let coefficient = min(maxNorm / (norm + 1e-6), 1)
        for parameter in parameters {
            Lanes.scale(parameter.grad.data, count: parameter.grad.count, by: coefficient)
        }
        return norm
    }

    // MARK: - Checkpoints

    /// The step count and a copy of every state buffer, named "<index>:<parameter name>:<buffer>".
    public var state: OptimizerState {
        var buffers: [String: [Float]] = [:]
        for (index, slot) in slots.enumerated() {
            for (name, tensor) in zip(bufferNames, slot.buffers) {
                buffers[Optimizer.stateKey(index, slot.parameter, name)] = tensor.array
            }
        }
        return OptimizerState(kind: config.kind, step: stepCount, buffers: buffers)
    }

    /// Restores a saved state; throws, changing nothing, unless its kind, buffer names and sizes all match.
    public func restore(_ state: OptimizerState) throws {
        guard state.kind == config.kind else {
            throw OptimizerStateError.kindMismatch(expected: config.kind, found: state.kind)
        }
        guard state.step >= 0 else { throw OptimizerStateError.negativeStep(state.step) }
        var expected = Set<String>()
        for (index, slot) in slots.enumerated() {
            for name in bufferNames {
                let key = Optimizer.stateKey(index, slot.parameter, name)
                expected.insert(key)
                guard let values = state.buffers[key] else { throw OptimizerStateError.missingBuffer(key) }
                guard values.count == slot.parameter.value.count else {
                    throw OptimizerStateError.wrongCount(key, expected: slot.parameter.value.count,
                                                         found: values.count)
                }
            }
        }
        if let extra = state.buffers.keys.sorted().first(where: { !expected.contains($0) }) {
            throw OptimizerStateError.unexpectedBuffer(extra)
        }
        for (index, slot) in slots.enumerated() {
            for (name, tensor) in zip(bufferNames, slot.buffers) {
                let values = state.buffers[Optimizer.stateKey(index, slot.parameter, name)] ?? []
                for (offset, value) in values.enumerated() { tensor.data[offset] = value }
            }
        }
        stepCount = state.step
    }

    static func stateKey(_ index: Int, _ parameter: Parameter, _ buffer: String) -> String {
        "\(index):\(parameter.name):\(buffer)"
    }
}
