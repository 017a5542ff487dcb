// MARK: - Checkpoint

/// Everything needed to resume a training session exactly where it stopped.
///
/// A checkpoint holds the recipe that built the session, the architecture it was trained with, every parameter,
/// the optimizer's state, the schedule's position, every random stream's counter and the data cursor — so
/// `train 1000; save; load; train 1000` ends with the same weights, bit for bit, as `train 2000`. Its file format
/// (version 2; version 1 is still read) is described in docs/formats.md; `encode()` and `decode(_:)` are exact
/// inverses.
public struct Checkpoint: Equatable, Sendable {
    /// The file format version this build writes.
    public static let formatVersion: UInt32 = 2
    /// Every version this build reads: 1 lacks the data signature.
    public static let readableVersions: ClosedRange<UInt32> = 1...2

    /// The recipe text of the session (its statements so far, as `:list` prints them).
    public var recipe: String
    /// Layer sizes, activations and bias flags, checked by `validate(against:)` before anything is restored.
    public var architecture: ArchitectureSignature
    /// Every trainable tensor, in the session's order.
    public var parameters: [NamedTensor]
    public var optimizer: OptimizerSnapshot
    /// The learning-rate schedule's step (it may differ from `iteration` after a schedule change).
    public var schedulePosition: UInt64
    /// Each named random stream's counter (words drawn so far), e.g. "init", "noise", "shuffle".
    public var rngCounters: [String: UInt64]
    public var dataCursor: DataCursor
    /// Training iterations completed.
    public var iteration: UInt64
    /// The recorded loss curve, for plots after a resume.
    public var lossHistory: [LossSample]
    /// What the network's inputs and outputs mean; nil in a version-1 file, which did not record it.
    public var data: DataSignature?

    public init(recipe: String, architecture: ArchitectureSignature, parameters: [NamedTensor],
                optimizer: OptimizerSnapshot, schedulePosition: UInt64, rngCounters: [String: UInt64],
                dataCursor: DataCursor, iteration: UInt64, lossHistory: [LossSample], data: DataSignature? = nil) {
        self.recipe = recipe
        self.architecture = architecture
        self.parameters = parameters
        self.optimizer = optimizer
        self.schedulePosition = schedulePosition
        self.rngCounters = rngCounters
        self.dataCursor = dataCursor
        self.iteration = iteration
        self.lossHistory = lossHistory
        self.data = data
    }

    /// Throws unless the checkpoint can resume a session of `expected`'s architecture: the architecture matches,
    /// every parameter is one of the model's (`layer2.weight`, …) and no tensor name appears twice in its list,
    /// every value is finite and no buffer of squares is negative. The file's checksum only proves it is the file
    /// that was written, not that a hand-made or re-sealed one makes sense.
    public func validate(against expected: ArchitectureSignature) throws {
        guard architecture == expected else {
            throw CheckpointError.architectureMismatch(expected: expected.description,
                                                       found: architecture.description)
        }
        let known = Set(expected.parameterNames)
        try Self.requireUniqueNames(parameters)
        try Self.requireUniqueNames(optimizer.buffers)
        if let stranger = parameters.first(where: { !known.contains($0.name) }) {
            throw CheckpointError.unknownTensor(stranger.name)
        }
        for tensor in parameters + optimizer.buffers {
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw CheckpointError.nonFiniteValue(name: tensor.name, index: index, value: tensor.values[index])
            }
        }
        for tensor in optimizer.buffers where Self.holdsSquares(tensor.name) {
            if let index = tensor.values.firstIndex(where: { $0 < 0 }) {
                throw CheckpointError.negativeSecondMoment(name: tensor.name, index: index, value: tensor.values[index])
            }
        }
    }

    private static func requireUniqueNames(_ tensors: [NamedTensor]) throws {
        var seen = Set<String>()
        for tensor in tensors where !seen.insert(tensor.name).inserted {
            throw CheckpointError.duplicateTensor(tensor.name)
        }
    }

    /// The optimizer buffers that accumulate squared gradients (NNTensor's buffer names), so are never negative.
    static let squareBufferSuffixes = [".exp_avg_sq", ".square_avg", ".sum"]

    private static func holdsSquares(_ name: String) -> Bool {
        squareBufferSuffixes.contains { name.hasSuffix($0) }
    }
}

// MARK: - Looking up tensors

extension Checkpoint {
    /// The values of parameter `name`, which must have exactly `shape`. Fetch every tensor before assigning any,
    /// so a failed load changes nothing.
    public func parameter(named name: String, shape: [Int]) throws -> [Float] {
        try Self.lookUp(name, shape: shape, in: parameters)
    }

    /// The values of optimizer buffer `name`, which must have exactly `shape`.
    public func optimizerBuffer(named name: String, shape: [Int]) throws -> [Float] {
        try Self.lookUp(name, shape: shape, in: optimizer.buffers)
    }

    private static func lookUp(_ name: String, shape: [Int], in tensors: [NamedTensor]) throws -> [Float] {
        guard let tensor = tensors.first(where: { $0.name == name }) else { throw CheckpointError.missingTensor(name) }
        guard tensor.shape == shape, tensor.values.count == NamedTensor.elementCount(of: shape) else {
            throw CheckpointError.shapeMismatch(name: name, expected: shape, found: tensor.shape)
        }
        return tensor.values
    }
}

// MARK: - Parts

/// What a network's inputs and outputs mean beyond their count: its class names, the features that make its inputs
/// and the standardisation applied to them. Weights of the right shapes are still wrong for another of these.
public struct DataSignature: Equatable, Sendable {
    /// The class names in label order; nil for numeric targets.
    public var classes: [String]?
    /// The `features` expressions' texts (empty: the raw inputs).
    public var features: [String]
    /// `normalize`'s statistics, one mean and one std per network input; nil without `normalize`.
    public var scaling: InputScaling?

    public init(classes: [String]?, features: [String], scaling: InputScaling?) {
        self.classes = classes
        self.features = features
        self.scaling = scaling
    }

    /// Why a network of `self` cannot stand in for one of `session`, nil when it can (bit-for-bit statistics).
    public func mismatch(with session: DataSignature) -> String? {
        if classes != session.classes {
            func named(_ classes: [String]?) -> String {
                classes.map { "the classes " + DataShape.list($0) } ?? "numeric targets"
            }
            return "the checkpoint was trained on \(named(classes)); this data has \(named(session.classes))"
        }
        if features != session.features {
            func named(_ features: [String]) -> String {
                features.isEmpty ? "no features" : "features " + features.joined(separator: ", ")
            }
            return "the checkpoint was trained with \(named(features)); this recipe has \(named(session.features))"
        }
        func bits(_ scaling: InputScaling?) -> [UInt64]? {
            scaling.map { ($0.mean + $0.std).map(\.bitPattern) }
        }
        if bits(scaling) != bits(session.scaling) {
            if scaling == nil { return "the checkpoint's inputs were not normalized; this recipe has 'normalize'" }
            if session.scaling == nil {
                return "the checkpoint's inputs were normalized; add 'normalize' before 'load'"
            }
            return "the checkpoint's inputs were normalized with other statistics (other training rows)"
        }
        return nil
    }
}

/// A named tensor: a parameter or an optimizer state buffer, row-major.
public struct NamedTensor: Equatable, Sendable {
    public var name: String
    /// Dimensions, e.g. `[1, 32]`; the product is `values.count`.
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// The product of the dimensions, or nil if one is negative or the product overflows.
    public static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard dimension >= 0, !overflow else { return nil }
            count = product
        }
        return count
    }

    /// Bit-for-bit equality, so a NaN or -0 survives a round trip visibly (Float's `==` says NaN ≠ NaN).
    public static func == (lhs: NamedTensor, rhs: NamedTensor) -> Bool {
        lhs.name == rhs.name && lhs.shape == rhs.shape && lhs.values.map(\.bitPattern) == rhs.values.map(\.bitPattern)
    }
}

/// An optimizer's complete state.
public struct OptimizerSnapshot: Equatable, Sendable {
    /// The optimizer's name as the language spells it: "sgd", "adam", …
    public var kind: String
    /// Updates applied so far (Adam's bias correction depends on it).
    public var step: UInt64
    /// Scalar state, if any, e.g. a running product.
    public var scalars: [String: Double]
    /// Per-parameter state buffers, e.g. "layer1.weight.m", "layer1.weight.v".
    public var buffers: [NamedTensor]

    public init(kind: String, step: UInt64, scalars: [String: Double] = [:], buffers: [NamedTensor]) {
        self.kind = kind
        self.step = step
        self.scalars = scalars
        self.buffers = buffers
    }

    /// Bit-for-bit on the scalars, like `NamedTensor`.
    public static func == (lhs: OptimizerSnapshot, rhs: OptimizerSnapshot) -> Bool {
        lhs.kind == rhs.kind && lhs.step == rhs.step && lhs.buffers == rhs.buffers
            && lhs.scalars.mapValues(\.bitPattern) == rhs.scalars.mapValues(\.bitPattern)
    }
}

/// Where mini-batch sampling stands: which epoch, how far into it, and how to rebuild the epoch's permutation.
public struct DataCursor: Equatable, Sendable {
    public var epoch: UInt64
    /// Samples of the current permutation already used.
    public var position: UInt64
    /// The seed of the stream that shuffles the data.
    public var permutationSeed: UInt64
    /// That stream's counter when the checkpoint was written.
    public var permutationCounter: UInt64
    /// The current epoch's order of the samples, stored whole (empty for full batch training): the session
    /// reshuffles the previous order each epoch, so the order depends on every earlier epoch, not on one counter.
    public var permutation: [Int]

    public init(epoch: UInt64, position: UInt64, permutationSeed: UInt64, permutationCounter: UInt64,
                permutation: [Int] = []) {
        self.epoch = epoch
        self.position = position
        self.permutationSeed = permutationSeed
        self.permutationCounter = permutationCounter
        self.permutation = permutation
    }

    /// Full batch training, or nothing trained yet.
    public static let start = DataCursor(epoch: 0, position: 0, permutationSeed: 0, permutationCounter: 0)
}

/// One point of the loss curve.
public struct LossSample: Equatable, Sendable {
    public var iteration: UInt64
    public var loss: Double

    public init(iteration: UInt64, loss: Double) {
        self.iteration = iteration
        self.loss = loss
    }

    public static func == (lhs: LossSample, rhs: LossSample) -> Bool {
        lhs.iteration == rhs.iteration && lhs.loss.bitPattern == rhs.loss.bitPattern
    }
}
