/// The named things of the language, each a closed set. `Vocabulary` lists them all in one place.

/// Built-in activations. Three take an optional parameter: `leaky_relu(a)`, `elu(a)`, `sin(w0)`.
public enum Activation: String, CaseIterable, Sendable, Hashable {
    case linear, tanh, sigmoid, relu
    case leakyRelu = "leaky_relu"
    case elu, gelu, softplus, sin, swish

    /// The name of the optional parameter, or nil when the activation takes none.
    public var parameterName: String? {
        switch self {
        case .leakyRelu: return "a"  // negative slope
        case .elu: return "a"  // alpha
        case .sin: return "w0"  // frequency, as in SIREN
        default: return nil
        }
    }

    /// The parameter's value when it is left out (PyTorch's defaults; `sin` is plain `sin(x)`).
    public var defaultParameter: Double? {
        switch self {
        case .leakyRelu: return 0.01
        case .elu: return 1
        case .sin: return 1
        default: return nil
        }
    }
}

/// Weight initialisation schemes (`init NAME`, `init=NAME`).
public enum InitScheme: String, CaseIterable, Sendable, Hashable {
    /// PyTorch `nn.Linear`'s: uniform ±1/√fan_in for weights and biases.
    case `default`
    /// The seed's: standard normal.
    case randn
    case xavier
    case xavierNormal = "xavier_normal"
    case he
    case heNormal = "he_normal"
    case lecun
    case siren
}

/// Optimizers (`optimizer NAME [options]`).
public enum OptimizerKind: String, CaseIterable, Sendable, Hashable {
    case sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad

    /// The options this optimizer accepts (all optional; defaults are PyTorch's and the runtime's business).
    public var allowedOptions: [OptimizerOption] {
        switch self {
        case .sgd: return [.lr, .weightDecay, .clip]
        case .momentum, .nesterov: return [.lr, .momentum, .weightDecay, .clip]
        case .adam, .adamw: return [.lr, .beta1, .beta2, .eps, .weightDecay, .clip]
        case .rmsprop: return [.lr, .alpha, .eps, .momentum, .weightDecay, .clip]
        case .adagrad: return [.lr, .eps, .weightDecay, .clip]
        }
    }
}

/// Optimizer options and the values each accepts.
public enum OptimizerOption: String, CaseIterable, Sendable, Hashable {
    case lr, momentum, beta1, beta2, eps, alpha
    case weightDecay = "weight_decay"
    /// Global gradient-norm clipping threshold.
    case clip

    /// The valid values.
    public var requirement: ValueRequirement {
        switch self {
        case .lr, .eps, .clip: return .positive
        case .momentum, .weightDecay: return .nonNegative
        case .beta1, .beta2, .alpha: return .unitInterval
        }
    }
}

/// A range of valid values for an option or parameter.
public enum ValueRequirement: Sendable, Hashable {
    /// `> 0`
    case positive
    /// `>= 0`
    case nonNegative
    /// `0 <= v < 1`
    case unitInterval
    /// any finite number
    case any

    /// Whether `value` is valid.
    public func accepts(_ value: Double) -> Bool {
        switch self {
        case .positive: return value > 0
        case .nonNegative: return value >= 0
        case .unitInterval: return value >= 0 && value < 1
        case .any: return value.isFinite
        }
    }

    /// How messages phrase it: `lr must be > 0`.
    public var description: String {
        switch self {
        case .positive: return "> 0"
        case .nonNegative: return ">= 0"
        case .unitInterval: return "in [0, 1)"
        case .any: return "finite"
        }
    }
}

/// Losses (`loss NAME`); `huber` takes `delta=D` (default 1).
public enum LossKind: String, CaseIterable, Sendable, Hashable {
    /// Mean squared error.
    case mse
    /// Summed squared error, the seed's `sum((y_pred - y)^2)`.
    case sse
    /// Mean absolute error.
    case l1
    case huber
    /// Softmax over the outputs and the negative log-likelihood of each row's class: the default for class targets.
    case crossEntropy = "cross_entropy"
}

/// Learning-rate schedules (`schedule NAME [options]`), each with an optional `warmup=N`.
public enum ScheduleKind: String, CaseIterable, Sendable, Hashable {
    case constant, step, exponential, cosine

    /// The options this schedule accepts, besides `warmup`.
    public var allowedOptions: [String] {
        switch self {
        case .constant: return []
        case .step: return ["every", "gamma"]
        case .exponential: return ["gamma"]
        case .cosine: return ["min_lr", "total"]
        }
    }
}

/// The metrics `report` shows and `expect` tests.
public enum Metric: String, CaseIterable, Sendable, Hashable {
    /// The training loss after the last step.
    case loss
    /// Mean squared error against the noiseless target on a dense grid.
    case mse
    /// Largest |fit - target| on the dense grid.
    case maxError = "max_error"
    /// Number of local extrema of the fit over the data range.
    case extrema
    /// Number of local extrema of the noiseless target.
    case targetExtrema = "target_extrema"
    /// Mean squared error on the holdout points.
    case holdoutMSE = "holdout_mse"
    /// Number of trainable parameters.
    case parameters
    /// The fraction of training rows whose most likely class is their label (class targets).
    case accuracy
    /// The coefficient of determination, 1 − SSE/SST, over every output (numeric targets).
    case r2
    /// The loss over the holdout rows (`holdout csv`, `holdout on`).
    case holdoutLoss = "holdout_loss"
    /// R² over the holdout rows.
    case holdoutR2 = "holdout_r2"
    /// Accuracy over the holdout rows (class targets).
    case holdoutAccuracy = "holdout_accuracy"
}

/// `train N iterations|epochs`.
public enum TrainUnit: String, CaseIterable, Sendable, Hashable {
    case iterations, epochs
}

/// `plot fit|loss`.
public enum PlotKind: String, CaseIterable, Sendable, Hashable {
    case fit, loss
}

/// `export onnx|pytorch`.
public enum ExportFormat: String, CaseIterable, Sendable, Hashable {
    case onnx, pytorch
}

/// What `compare` varies: one set-up statement (`layers` varies the activation of every hidden layer).
public enum CompareKind: String, CaseIterable, Sendable, Hashable {
    case optimizer, loss, `init`, schedule, batch, output, layers
}

/// REPL commands (`:name`).
public enum MetaCommand: String, CaseIterable, Sendable, Hashable {
    case help, show, list, undo, redo, reset, save, load, quit

    /// The command a typed name means: its own name or an unlisted short form (`:h`, `:q`, `:exit`).
    public init?(named name: String) {
        switch name {
        case "h": self = .help
        case "q", "exit": self = .quit
        default: self.init(rawValue: name)
        }
    }

    /// What may follow the command.
    public var argument: MetaArgumentKind {
        switch self {
        case .help: return .optionalTopic
        case .save, .load: return .file
        default: return .none
        }
    }
}

/// The argument a REPL command takes.
public enum MetaArgumentKind: Sendable, Hashable {
    case none, optionalTopic, file
}
