import NNTensor

// MARK: - What the set-up statements describe

/// Where the session's data comes from.
enum DataSource: Equatable {
    case function(DataSpec, SourceRange)
    /// A built-in classification set (nil noise: its default).
    case classification(ClassificationKind, noise: Double?, samples: Int, SourceRange)
    /// A table; no targets named: the last column.
    case csv(path: String, targets: [Identifier], SourceRange)

    /// The shape of the rows, when the statement tells it; nil for a table (known once it is read).
    var declaredShape: DataShape? {
        switch self {
        case .function(let spec, _): return spec.shape
        case .classification(let kind, _, _, _): return kind.shape
        case .csv: return nil
        }
    }
}

/// Rows the network is judged on but never trained on.
enum HoldoutSource: Equatable {
    /// `holdout on [A, B] … samples N`: points of the noiseless target (an evenly spaced grid for one input,
    /// uniform random points from the `holdout` stream for several).
    case points([Interval], samples: Int)
    /// `holdout csv "test.csv"`: a table with the training table's columns.
    case csv(path: String, SourceRange)
}

/// A hidden layer as the recipe describes it, with the identity that lets edits keep its weights.
struct HiddenLayer: Equatable {
    var id: Int
    var spec: LayerSpec
}

/// Everything the set-up statements have said so far: a value, so a REPL step can be undone by restoring it.
struct SessionSpec: Equatable {
    var seed: UInt64 = 0
    var data: DataSource?
    var holdout: HoldoutSource?
    /// `normalize`: the network's inputs are standardised with the training rows' statistics.
    var normalize = false
    /// `features …`: the network's inputs as expressions of the raw ones.
    var features: FeatureSpec?
    var inputSize: Int?
    var hidden = HiddenLayers()
    var output: OutputSpec?
    /// nil: the default for the data's targets (mse for numbers, cross_entropy for classes).
    var loss: LossSpec?
    var optimizer = OptimizerSpec(kind: .adam)
    var schedule = ScheduleSpec(shape: .constant)
    var initScheme: InitScheme = .default
    var batch: Int?
    var environment = ExprEnvironment()
    var nextLayerID = 1
    /// The id of the output layer (stable, so re-sizing hidden layers keeps it when its shape holds).
    let outputID = 0

    static func == (a: SessionSpec, b: SessionSpec) -> Bool {
        a.seed == b.seed && a.data == b.data && a.holdout == b.holdout && a.normalize == b.normalize
            && a.features == b.features && a.inputSize == b.inputSize && a.hidden == b.hidden
            && a.output == b.output && a.loss == b.loss && a.optimizer == b.optimizer && a.schedule == b.schedule
            && a.initScheme == b.initScheme && a.batch == b.batch && a.environment == b.environment
    }

    mutating func makeLayer(_ spec: LayerSpec) -> HiddenLayer {
        defer { nextLayerID += 1 }
        return HiddenLayer(id: nextLayerID, spec: spec)
    }

    /// The architecture for data of `shape`: its inputs (unless `input` says), hidden layers, the output (linear,
    /// one unit per output or class, unless stated).
    func architecture(for shape: DataShape) -> Architecture {
        var layers: [Architecture.Layer] = []
        var width = inputSize ?? networkInputs(shape)
        for layer in hidden.layers {
            layers.append(Architecture.Layer(
                id: layer.id, inputs: width, outputs: layer.spec.size, bias: layer.spec.bias,
                activation: layer.spec.activation, initScheme: layer.spec.initScheme ?? initScheme))
            width = layer.spec.size
        }
        let out = output ?? OutputSpec(size: nil, activation: .builtin(.linear, parameter: nil))
        layers.append(Architecture.Layer(
            id: outputID, inputs: width, outputs: out.size ?? shape.networkOutputs, bias: out.bias,
            activation: out.activation,
            initScheme: out.initScheme ?? initScheme))
        return Architecture(layers: layers)
    }

    /// The number of weights and biases of `architecture(for: shape)`, without building it (constant time: the
    /// set-up's memory check asks after every statement).
    func parameterCount(for shape: DataShape) -> Double {
        let out = output ?? OutputSpec(size: nil, activation: .builtin(.linear, parameter: nil))
        let outputs = Double(out.size ?? shape.networkOutputs), inputs = Double(inputSize ?? networkInputs(shape))
        let outputLayer = Double(hidden.last?.spec.size ?? inputSize ?? networkInputs(shape)) * outputs
            + (out.bias ? outputs : 0)
        guard let first = hidden.first else { return outputLayer }
        return inputs * Double(first.spec.size) + hidden.interiorParameters + outputLayer
    }

    /// The network's input width for data of `shape`: one per feature, else one per input column.
    func networkInputs(_ shape: DataShape) -> Int { features?.expressions.count ?? shape.inputCount }

    /// The loss for data of `shape`: the stated one, else the default for its targets.
    func lossSpec(for shape: DataShape) -> LossSpec {
        loss ?? LossSpec(kind: shape.isClassification ? .crossEntropy : .mse)
    }

    /// The runtime's loss for data of `shape`.
    func runtimeLoss(for shape: DataShape) -> Loss {
        let loss = lossSpec(for: shape)
        switch loss.kind {
        case .crossEntropy: return .crossEntropy
        case .mse: return .mse
        case .sse: return .sse
        case .l1: return .l1
        case .huber: return .huber(delta: Float(loss.delta ?? 1))
        }
    }

    /// The runtime's optimizer configuration: the recipe's options, PyTorch's defaults for the rest.
    var optimizerConfig: OptimizerConfig {
        let o = optimizer.options
        let kind = NNTensor.OptimizerKind(rawValue: optimizer.kind.rawValue) ?? .adam
        return OptimizerConfig(kind: kind, learningRate: o[.lr], momentum: o[.momentum], beta1: o[.beta1],
                               beta2: o[.beta2], eps: o[.eps], alpha: o[.alpha], weightDecay: o[.weightDecay],
                               clip: o[.clip])
    }

    /// The runtime's schedule.
    var runtimeSchedule: LearningRateSchedule {
        switch schedule.shape {
        case .constant: return LearningRateSchedule(.constant, warmup: schedule.warmup)
        case .step(let every, let gamma): return LearningRateSchedule(.step(every: every, gamma: gamma), warmup: schedule.warmup)
        case .exponential(let gamma): return LearningRateSchedule(.exponential(gamma: gamma), warmup: schedule.warmup)
        case .cosine(let minLR): return LearningRateSchedule(.cosine(minLR: minLR), warmup: schedule.warmup)
        }
    }
}
