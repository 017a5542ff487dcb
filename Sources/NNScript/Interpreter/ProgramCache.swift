import NNTensor

// MARK: - What a cached value was made from

/// What a compiled pass over the network was made from: the live parameters (by identity: training updates them in
/// place, which a compiled pass sees), the architecture (activations included) and the activation definitions.
struct ModelKey: Equatable {
    let parameters: [Parameter]
    let architecture: Architecture
    let environment: ExprEnvironment

    init(_ network: Network, environment: ExprEnvironment) {
        parameters = network.parameters
        architecture = network.architecture
        self.environment = environment
    }

    static func == (a: ModelKey, b: ModelKey) -> Bool {
        a.parameters.count == b.parameters.count && zip(a.parameters, b.parameters).allSatisfy { $0 === $1 }
            && a.architecture == b.architecture && a.environment == b.environment
    }
}

/// What a training step was compiled from.
struct TrainerKey: Equatable {
    let model: ModelKey
    let batch: Int
    let loss: Loss
}

/// What the data was made from: its statement and the seed (the data's random streams are drawn from it).
struct DataKey: Equatable {
    let source: DataSource
    let seed: UInt64
}

/// What the report's numbers were computed from: the model and its weights' bits, the data, the holdout, the
/// network's inputs and the loss (the holdout's loss is reported).
struct ReportKey: Equatable {
    let model: ModelKey
    let weightsSHA256: String
    let data: DataKey
    let holdout: HoldoutSource?
    let features: FeatureSpec?
    let normalize: Bool
    let loss: LossSpec?
}

// MARK: - The cache

/// One value and the key it was made from.
struct Keyed<Key: Equatable, Value> {
    private var entry: (key: Key, value: Value)?

    /// The value made from `key`, or a new one from `make` (the old value is dropped first, freeing its memory,
    /// and kept only when `make` succeeds).
    mutating func value<Failure: Error>(for key: Key, make: () -> Result<Value, Failure>) -> Result<Value, Failure> {
        if let entry, entry.key == key { return .success(entry.value) }
        entry = nil
        let made = make()
        if case .success(let value) = made { entry = (key, value) }
        return made
    }

    /// The value made from `key`, nil when there is none.
    func value(for key: Key) -> Value? {
        guard let entry, entry.key == key else { return nil }
        return entry.value
    }

    /// Keeps `value` as made from `key`, replacing what was held.
    mutating func store(_ value: Value, for key: Key) { entry = (key, value) }

    /// Any value held, whatever it was made from (for memory estimates).
    var current: Value? { entry?.value }
}

/// Everything derived from the set-up and the training state, each entry keyed by what it was made from, so a
/// change anywhere makes it stale without anyone clearing it: the data, the compiled training step, compiled
/// forward passes, and the report's numbers.
///
/// Not part of any memento: after an undo, entries whose key still matches are reused, the others are rebuilt.
final class ProgramCache {
    var data = Keyed<DataKey, DataSet>()
    var trainer = Keyed<TrainerKey, Trainer>()
    /// Compiled forward passes by point count, for one model.
    var predictors = Keyed<ModelKey, [Int: Predictor]>()
    /// The report's numbers, without the final loss (read from the training state each time).
    var report = Keyed<ReportKey, ReportValues>()
    /// The training rows as the network's inputs (features, normalize) and the pipeline that made them.
    var inputs = Keyed<InputsKey, NetworkInputs>()
    /// The holdout's rows (a `holdout` statement).
    var holdout = Keyed<HoldoutKey, DataSet>()
}
