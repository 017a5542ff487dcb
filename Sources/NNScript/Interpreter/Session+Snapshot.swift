import NNTensor

// MARK: - Snapshots

/// Everything that defines a session at one moment, copied: restoring it gives back the same session, weights,
/// optimizer state and random streams included, so `:undo` followed by the same statements gives the same bits.
///
/// Caches (the trainer, predictors, the report) are not kept: they are rebuilt from the state on demand.
struct SessionSnapshot {
    /// One layer of the live network, with copies of its parameter values.
    struct Layer {
        var id: Int
        /// The `Dense` name its parameters carry (optimizer state is keyed by them).
        var name: String
        var inputs: Int
        var outputs: Int
        var activation: ActivationSpec
        var weight: [Float]
        var bias: [Float]?
    }

    var spec: SessionSpec
    var checker: Checker
    var layers: [Layer]
    var architecture: Architecture
    var optimizer: (config: OptimizerConfig, state: OptimizerState)?
    var initStream: RandomStream
    var shuffleStream: RandomStream
    var permutation: [Int]
    var batchCursor: Int
    var losses: [Double]
    var iterations: Int
    var trainSeconds: Double
    var dataSet: DataSet?
    var describedSetup: String?
    var printedLints: Set<String>
    var expectationsPassed: Int
    var expectationsFailed: Int
    var failureTexts: [String]
    var recipe: [RecipeEntry]
}

extension SessionSnapshot {
    /// The bytes the snapshot's own copies take (weights, optimizer state, losses, batch order); the data is shared
    /// with the live session and not counted.
    var approximateBytes: Int {
        let weights = layers.reduce(0) { $0 + $1.weight.count + ($1.bias?.count ?? 0) } * 4
        let state = optimizer?.state.buffers.values.reduce(0) { $0 + $1.count * 4 } ?? 0
        return weights + state + losses.count * 8 + permutation.count * 8
    }
}

extension Session {
    /// A copy of the session's state.
    func snapshot() -> SessionSnapshot {
        let layers = network.layers.map { layer in
            SessionSnapshot.Layer(
                id: layer.id, name: Session.denseName(of: layer.dense), inputs: layer.dense.inputs,
                outputs: layer.dense.outputs, activation: layer.activation, weight: layer.dense.weight.value.array,
                bias: layer.dense.bias?.value.array)
        }
        var savedOptimizer: (config: OptimizerConfig, state: OptimizerState)?
        if let optimizer, let optimizerKey, Session.sameParameters(optimizer.parameters, network.parameters) {
            savedOptimizer = (config: optimizerKey, state: optimizer.state)
        }
        return SessionSnapshot(
            spec: spec, checker: checker, layers: layers, architecture: network.architecture,
            optimizer: savedOptimizer, initStream: initStream, shuffleStream: shuffleStream,
            permutation: permutation, batchCursor: batchCursor, losses: losses, iterations: iterations,
            trainSeconds: trainSeconds, dataSet: dataSet, describedSetup: describedSetup,
            printedLints: printedLints, expectationsPassed: expectationsPassed,
            expectationsFailed: expectationsFailed, failureTexts: failureTexts, recipe: interactive.recipe)
    }

    /// Puts the session back as `snapshot` found it: new parameter tensors holding the saved values, and an
    /// optimizer over them with the saved state.
    func restore(_ snapshot: SessionSnapshot) {
        spec = snapshot.spec
        checker = snapshot.checker
        let layers = snapshot.layers.map { saved in
            let dense = Dense(inputs: saved.inputs, outputs: saved.outputs, bias: saved.bias != nil, name: saved.name)
            Session.copy(saved.weight, into: dense.weight)
            if let bias = dense.bias, let values = saved.bias { Session.copy(values, into: bias) }
            return NetworkLayer(id: saved.id, dense: dense, activation: saved.activation)
        }
        network.replace(layers: layers, architecture: snapshot.architecture)
        optimizer = nil
        optimizerKey = nil
        if let saved = snapshot.optimizer,
           let rebuilt = try? Optimizer(saved.config, parameters: network.parameters),
           (try? rebuilt.restore(saved.state)) != nil {
            optimizer = rebuilt
            optimizerKey = saved.config
        }
        initStream = snapshot.initStream
        shuffleStream = snapshot.shuffleStream
        permutation = snapshot.permutation
        batchCursor = snapshot.batchCursor
        losses = snapshot.losses
        iterations = snapshot.iterations
        trainSeconds = snapshot.trainSeconds
        dataSet = snapshot.dataSet
        describedSetup = snapshot.describedSetup
        printedLints = snapshot.printedLints
        expectationsPassed = snapshot.expectationsPassed
        expectationsFailed = snapshot.expectationsFailed
        failureTexts = snapshot.failureTexts
        interactive.recipe = snapshot.recipe
        trainer = nil
        predictors = [:]
        cachedReport = nil
    }

    // MARK: - Helpers

    /// The name a `Dense` was made with, recovered from its weight's name ("layer2.weight" → "layer2").
    static func denseName(of dense: Dense) -> String {
        let name = dense.weight.name
        return name.hasSuffix(".weight") ? String(name.dropLast(".weight".count)) : name
    }

    static func sameParameters(_ a: [Parameter], _ b: [Parameter]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 === $1 }
    }

    private static func copy(_ values: [Float], into parameter: Parameter) {
        guard !values.isEmpty, values.count == parameter.value.count else { return }
        values.withUnsafeBufferPointer { parameter.value.data.update(from: $0.baseAddress!, count: values.count) }
    }
}
