// MARK: - OptimizerKind

/// The optimizers of the language, each with PyTorch's update rule.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// `torch.optim.SGD` (plain unless a momentum is given).
    case sgd
    /// `torch.optim.SGD` with momentum (0.9 unless given).
    case momentum
    /// `torch.optim.SGD` with Nesterov momentum (0.9 unless given).
    case nesterov
    /// `torch.optim.Adam`.
    case adam
    /// `torch.optim.AdamW` (decoupled weight decay).
    case adamw
    /// `torch.optim.RMSprop` (not centred).
    case rmsprop
    /// `torch.optim.Adagrad`.
    case adagrad
}

// MARK: - OptimizerConfig

/// An optimizer's hyper-parameters. Options not given take PyTorch's defaults for the kind.
///
/// Options a kind does not use are kept but ignored (`beta1` for `sgd`, `alpha` for `adam`, …). They are Doubles,
/// like PyTorch's Python floats, because the update's scalar coefficients (`1 − β₁`, bias corrections) are computed
/// in double precision before they meet the Float32 tensors; doing the same keeps parity at the last bit.
public struct OptimizerConfig: Sendable, Equatable, Codable {
    public var kind: OptimizerKind
    /// The base learning rate; `Optimizer.step(learningRate:)` takes the scheduled one.
    public var learningRate: Double
    /// SGD's and RMSprop's momentum factor.
    public var momentum: Double
    /// SGD's momentum dampening (0 for Nesterov).
    public var dampening: Double
    /// Adam's first-moment decay.
    public var beta1: Double
    /// Adam's second-moment decay.
    public var beta2: Double
    /// The term added to denominators (Adam, RMSprop, Adagrad).
    public var eps: Double
    /// RMSprop's smoothing constant.
    public var alpha: Double
    /// L2 penalty added to the gradient; for `adamw`, decoupled decay of the weights.
    public var weightDecay: Double
    /// The maximum global gradient norm (`clip_grad_norm_`), or nil for no clipping.
    public var clip: Double?

    /// A configuration of `kind` with each option given, or PyTorch's default for it when nil.
    public init(kind: OptimizerKind, learningRate: Double? = nil, momentum: Double? = nil, dampening: Double? = nil,
                beta1: Double? = nil, beta2: Double? = nil, eps: Double? = nil, alpha: Double? = nil,
                weightDecay: Double? = nil, clip: Double? = nil) {
        let base = OptimizerConfig.defaults(for: kind)
        self.kind = kind
        self.learningRate = learningRate ?? base.learningRate
        self.momentum = momentum ?? base.momentum
        self.dampening = dampening ?? base.dampening
        self.beta1 = beta1 ?? base.beta1
        self.beta2 = beta2 ?? base.beta2
        self.eps = eps ?? base.eps
        self.alpha = alpha ?? base.alpha
        self.weightDecay = weightDecay ?? base.weightDecay
        self.clip = clip
    }

    private init(kind: OptimizerKind, learningRate: Double, momentum: Double = 0, eps: Double = 1e-8,
                 weightDecay: Double = 0) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = 0
        self.beta1 = 0.9
        self.beta2 = 0.999
        self.eps = eps
        self.alpha = 0.99
        self.weightDecay = weightDecay
        self.clip = nil
    }

    /// PyTorch's (≥ 2.x) defaults for `kind`.
    ///
    /// sgd lr 1e-3; momentum and nesterov: SGD lr 1e-3 with momentum 0.9; adam lr 1e-3, betas (0.9, 0.999),
    /// eps 1e-8; adamw as adam with weight decay 0.01; rmsprop lr 1e-2, alpha 0.99, eps 1e-8;
    /// adagrad lr 1e-2, eps 1e-10. Dampening 0, weight decay 0 and no clipping unless stated.
    public static func defaults(for kind: OptimizerKind) -> OptimizerConfig {
        switch kind {
        case .sgd: OptimizerConfig(kind: kind, learningRate: 1e-3)
        case .momentum, .nesterov: OptimizerConfig(kind: kind, learningRate: 1e-3, momentum: 0.9)
        case .adam: OptimizerConfig(kind: kind, learningRate: 1e-3)
        case .adamw: OptimizerConfig(kind: kind, learningRate: 1e-3, weightDecay: 1e-2)
        case .rmsprop: OptimizerConfig(kind: kind, learningRate: 1e-2)
        case .adagrad: OptimizerConfig(kind: kind, learningRate: 1e-2, eps: 1e-10)
        }
    }

    // MARK: - Validation

    /// Every problem with the options, empty when the configuration is usable. Never traps.
    public func validationErrors() -> [OptimizerConfigError] {
        var errors: [OptimizerConfigError] = []
        func require(_ ok: Bool, _ option: String, _ value: Double, _ requirement: String) {
            if !ok { errors.append(OptimizerConfigError(option: option, value: value, requirement: requirement)) }
        }
        require(learningRate.isFinite && learningRate > 0, "lr", learningRate, "a finite number > 0")
        require(momentum.isFinite && momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)")
        require(dampening.isFinite && dampening >= 0 && dampening <= 1, "dampening", dampening, "in [0, 1]")
        require(beta1.isFinite && beta1 >= 0 && beta1 < 1, "beta1", beta1, "in [0, 1)")
        require(beta2.isFinite && beta2 >= 0 && beta2 < 1, "beta2", beta2, "in [0, 1)")
        require(eps.isFinite && eps >= 0, "eps", eps, "a finite number ≥ 0")
        require(alpha.isFinite && alpha >= 0 && alpha < 1, "alpha", alpha, "in [0, 1)")
        require(weightDecay.isFinite && weightDecay >= 0, "weight_decay", weightDecay, "a finite number ≥ 0")
        if let clip {
            require(clip.isFinite && clip > 0, "clip", clip, "a finite number > 0")
        }
        if kind == .nesterov {
            // As torch.optim.SGD: Nesterov momentum needs a momentum and no dampening.
            require(momentum > 0, "momentum", momentum, "> 0 for nesterov")
            require(dampening == 0, "dampening", dampening, "0 for nesterov")
        }
        return errors
    }

    /// Throws the first validation error, if any.
    public func validate() throws {
        if let first = validationErrors().first { throw first }
    }
}

// MARK: - OptimizerConfigError

/// An optimizer option outside its allowed range.
public struct OptimizerConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The option's name as the language spells it (`lr`, `beta1`, `weight_decay`, …).
    public var option: String
    public var value: Double
    /// What the value must be, e.g. "in [0, 1)".
    public var requirement: String

    public var description: String { "\(option)=\(value) must be \(requirement)" }
}
