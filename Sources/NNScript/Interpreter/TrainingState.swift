import NNTensor

// MARK: - What training changes

/// A `train` statement's budget, as written (`train 5000`, `train 3 epochs`).
struct TrainBudget: Equatable {
    var count: Int
    var unit: TrainUnit
}

/// Where training stands, apart from the weights and the optimizer: a value, copied whole into every memento.
struct TrainingPosition: Equatable {
    /// The random streams of the initial weights and of the mini-batch order (the data's own streams are drawn
    /// afresh from the seed each time it is made).
    var initStream: RandomStream
    var shuffleStream: RandomStream
    /// The mini-batch order of the current epoch and the position in it (drawn from the shuffle stream).
    var permutation: [Int] = []
    var batchCursor = 0
    var iterations = 0
    var trainSeconds = 0.0
    var losses: [Double] = []
    /// The most recent `train` statement's budget: a `compare` trains each variant for as long.
    var lastTrain: TrainBudget?

    /// The position of a fresh run of `seed`: nothing drawn, nothing trained.
    init(seed: UInt64) {
        initStream = RandomStream(seed: seed, stream: "init")
        shuffleStream = RandomStream(seed: seed, stream: "shuffle")
    }
}

/// The training state of one model: the live network, its optimizer, and where training stands.
///
/// This is everything `train` changes and the only place it lives. `TrainingMemento` is its one copy, used by
/// undo/redo, `save`/`load` (checkpoints are converted from and to it), `:reset` (a fresh memento) and `compare`
/// (each variant trains a state made from a fresh memento of the same seed).
final class TrainingState {
    let network = Network()
    /// Owned by `optimizer(for:)`: replaced when the configuration or the parameters change.
    private(set) var optimizer: Optimizer?
    var position: TrainingPosition

    init(seed: UInt64 = 0) {
        position = TrainingPosition(seed: seed)
    }

    convenience init(_ memento: TrainingMemento) {
        self.init()
        restore(memento)
    }

    /// Back to a fresh run of `seed` (the `seed` statement): new random streams, the rest kept.
    func reseed(_ seed: UInt64) {
        let fresh = TrainingPosition(seed: seed)
        position.initStream = fresh.initStream
        position.shuffleStream = fresh.shuffleStream
    }

    /// Makes the network match `architecture`, keeping every layer whose shape holds (fresh ones are drawn from
    /// the init stream). Returns the 1-based positions of re-initialised layers, nil when nothing changed.
    func conform(to architecture: Architecture) -> [Int]? {
        guard architecture != network.architecture || network.isEmpty else { return nil }
        return network.conform(to: architecture, rng: &position.initStream)
    }

    /// The optimizer for the current parameters and `config`; a new configuration or new parameters start afresh.
    func optimizer(for config: OptimizerConfig) throws -> Optimizer {
        if let live = liveOptimizer(for: config) { return live }
        let fresh = try Optimizer(config, parameters: network.parameters)
        optimizer = fresh
        return fresh
    }

    /// The optimizer the next `train` continues with, nil when it would start afresh.
    func liveOptimizer(for config: OptimizerConfig) -> Optimizer? {
        guard let optimizer, optimizer.config == config,
              optimizer.parameters.count == network.parameters.count,
              zip(optimizer.parameters, network.parameters).allSatisfy({ $0 === $1 }) else { return nil }
        return optimizer
    }

    // MARK: - Mementos

    /// A copy of the whole state.
    var memento: TrainingMemento {
        let layers = network.layers.map { layer in
            TrainingMemento.Layer(
                id: layer.id, name: TrainingState.denseName(of: layer.dense), inputs: layer.dense.inputs,
                outputs: layer.dense.outputs, activation: layer.activation, weight: layer.dense.weight.value.array,
                bias: layer.dense.bias?.value.array)
        }
        let saved = optimizer.flatMap { liveOptimizer(for: $0.config) }
            .map { TrainingMemento.SavedOptimizer(config: $0.config, state: $0.state) }
        return TrainingMemento(layers: layers, architecture: network.architecture, optimizer: saved,
                               position: position)
    }

    /// Puts the state back as `memento` found it: new parameter tensors holding the saved values, and an
    /// optimizer over them with the saved state.
    func restore(_ memento: TrainingMemento) {
        let layers = memento.layers.map { saved in
            let dense = Dense(inputs: saved.inputs, outputs: saved.outputs, bias: saved.bias != nil, name: saved.name)
            TrainingState.copy(saved.weight, into: dense.weight)
            if let bias = dense.bias, let values = saved.bias { TrainingState.copy(values, into: bias) }
            return NetworkLayer(id: saved.id, dense: dense, activation: saved.activation)
        }
        network.replace(layers: layers, architecture: memento.architecture)
        optimizer = nil
        if let saved = memento.optimizer,
           let rebuilt = try? Optimizer(saved.config, parameters: network.parameters),
           (try? rebuilt.restore(saved.state)) != nil {
            optimizer = rebuilt
        }
        position = memento.position
    }

    /// The name a `Dense` was made with, recovered from its weight's name ("layer2.weight" → "layer2").
    static func denseName(of dense: Dense) -> String {
        let name = dense.weight.name
        return name.hasSuffix(".weight") ? String(name.dropLast(".weight".count)) : name
    }

    private static func copy(_ values: [Float], into parameter: Parameter) {
        guard !values.isEmpty, values.count == parameter.value.count else { return }
        values.withUnsafeBufferPointer { parameter.value.data.update(from: $0.baseAddress!, count: values.count) }
    }
}

/// A copy of a `TrainingState`: restoring it gives back the same weights, optimizer state, random streams and
/// batch order, so the same statements after it give the same bits. Equal mementos are the same state.
struct TrainingMemento: Equatable {
    /// One layer of the live network, with copies of its parameter values.
    struct Layer: Equatable {
        var id: Int
        /// The `Dense` name its parameters carry (optimizer state is keyed by them).
        var name: String
        var inputs: Int
        var outputs: Int
        var activation: ActivationSpec
        var weight: [Float]
        var bias: [Float]?

        /// Equal bit for bit (a NaN weight equals itself).
        static func == (a: Layer, b: Layer) -> Bool {
            func same(_ x: [Float]?, _ y: [Float]?) -> Bool {
                guard let x, let y else { return x == nil && y == nil }
                return x.elementsEqual(y) { $0.bitPattern == $1.bitPattern }
            }
            return a.id == b.id && a.name == b.name && a.inputs == b.inputs && a.outputs == b.outputs
                && a.activation == b.activation && same(a.weight, b.weight) && same(a.bias, b.bias)
        }
    }

    /// The optimizer's configuration and state (kept only while it belongs to the saved parameters).
    struct SavedOptimizer: Equatable {
        var config: OptimizerConfig
        var state: OptimizerState
    }

    var layers: [Layer]
    var architecture: Architecture
    var optimizer: SavedOptimizer?
    var position: TrainingPosition

    /// The state of a fresh run of `seed`: no weights yet, nothing trained.
    static func fresh(seed: UInt64) -> TrainingMemento {
        TrainingMemento(layers: [], architecture: Architecture(layers: []), optimizer: nil,
                        position: TrainingPosition(seed: seed))
    }

    /// The bytes the memento's own copies take (weights, optimizer state, losses, batch order).
    var approximateBytes: Int {
        let weights = layers.reduce(0) { $0 + $1.weight.count + ($1.bias?.count ?? 0) } * 4
        let state = optimizer?.state.buffers.values.reduce(0) { $0 + $1.count * 4 } ?? 0
        return weights + state + position.losses.count * 8 + position.permutation.count * 8
    }
}
