import Foundation
import NNTensor

// MARK: - Checkpoints: save

extension Interpreter {
    /// `save "file"`: writes everything the next `train` depends on, atomically (docs/formats.md).
    func saveCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        let resolved: String
        switch allowedPath(path, for: .write, at: pathRange(in: range)) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        let data: DataSignature
        switch dataSignature(range: range) {
        case .success(let signature): data = signature
        case .failure(let diagnostic): return diagnostic
        }
        let checkpoint: Checkpoint
        do { checkpoint = try makeCheckpoint(data: data) } catch {
            return .unsupportedExport("checkpoint", reason: "\(error)", at: range)
        }
        do { try checkpoint.write(to: resolved) } catch let error as FileWriteError {
            return .fileNotWritable(path, reason: "\(error.step): \(error.reason)", at: range)
        } catch {
            return .fileNotWritable(path, reason: "\(error)", at: range)
        }
        if !options.quiet { out.write(RunText.labelled("saved", "\(path) at iteration \(training.position.iterations)") + "\n") }
        return nil
    }

    /// The session's resumable state, from a memento of its training state. Tensors are named by position
    /// (`layer2.weight`), not by the live parameters' names, which keep an edited layer's old name.
    func makeCheckpoint(data: DataSignature? = nil) throws -> Checkpoint {
        let memento = training.memento
        let architecture = try signature(of: memento.architecture)
        let names = architecture.parameterNames
        let values = memento.layers.flatMap { layer in
            [(shape: [layer.inputs, layer.outputs], values: layer.weight)]
                + (layer.bias.map { [(shape: [1, layer.outputs], values: $0)] } ?? [])
        }
        let parameters = zip(names, values).map { name, parameter in
            NamedTensor(name: name, shape: parameter.shape, values: parameter.values)
        }
        // An optimizer the next `train` would replace (its statement changed since) is saved as a fresh one.
        let live = memento.optimizer.flatMap { $0.config == spec.optimizerConfig ? $0.state : nil }
        var buffers: [NamedTensor] = []
        if let live {
            for (key, values) in live.buffers {
                let parts = key.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3, let index = Int(parts[0]), names.indices.contains(index) else { continue }
                let shape = parameters[index].shape
                buffers.append(NamedTensor(name: "\(names[index]).\(parts[parts.count - 1])", shape: shape,
                                           values: values))
            }
            buffers.sort { $0.name < $1.name }
        }
        let step = UInt64(live?.step ?? 0)
        let position = memento.position
        return Checkpoint(
            recipe: source, architecture: architecture, parameters: parameters,
            optimizer: OptimizerSnapshot(kind: spec.optimizerConfig.kind.rawValue, step: step, buffers: buffers),
            schedulePosition: step,
            rngCounters: ["init": position.initStream.counter, "shuffle": position.shuffleStream.counter],
            dataCursor: DataCursor(epoch: 0, position: UInt64(position.batchCursor),
                                   permutationSeed: position.shuffleStream.seed,
                                   permutationCounter: position.shuffleStream.counter,
                                   permutation: position.permutation),
            iteration: UInt64(position.iterations),
            lossHistory: position.losses.enumerated().map {
                LossSample(iteration: UInt64($0.offset + 1), loss: $0.element)
            }, data: data)
    }

    /// What the session's network's inputs and outputs mean: the data's classes, the features, the normalisation.
    func dataSignature(range: SourceRange) -> Result<DataSignature, Diagnostic> {
        inputPipeline(spec: spec, range: range).map { pipeline in
            DataSignature(classes: dataShape(of: spec).classes, features: spec.features?.texts ?? [],
                          scaling: pipeline.scaling)
        }
    }

    /// The key `Optimizer.state` files a buffer under: "<parameter index>:<parameter name>:<buffer>".
    static func stateKey(_ index: Int, _ parameterName: String, _ buffer: String) -> String {
        "\(index):\(parameterName):\(buffer)"
    }
}

// MARK: - Checkpoints: load

extension Interpreter {
    /// `load "file"`: checks the whole file against the session's architecture and optimizer first, then
    /// restores all of it; any problem leaves the session exactly as it was.
    func loadCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        let resolved: String
        // What is wrong with the file itself (missing, a FIFO, unreadable) is shown at its path, as `data csv` does.
        let pathRange = pathRange(in: range)
        switch allowedPath(path, for: .read, at: pathRange) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.read(from: resolved, limit: options.memoryBudget) } catch let error as FileReadError {
            if !FileManager.default.fileExists(atPath: resolved) { return .fileNotFound(path, at: pathRange) }
            return .fileUnreadable(path, reason: error.reason, at: pathRange)
        } catch {
            return .invalidCheckpoint(path, reason: "\(error)", at: range)
        }
        if let diagnostic = readTableIfAny(range: range) { return diagnostic }
        let session: DataSignature
        switch dataSignature(range: range) {
        case .success(let signature): session = signature
        case .failure(let diagnostic): return diagnostic
        }
        // A version-1 file records no classes: its classes are taken on trust, as that version's were.
        let saved = checkpoint.data ?? DataSignature(classes: session.classes, features: [], scaling: nil)
        if let mismatch = saved.mismatch(with: session) {
            return .invalidCheckpoint(path, reason: mismatch, at: range)
        }
        let plan: RestorePlan
        do { plan = try prepareRestore(checkpoint) } catch {
            return .invalidCheckpoint(path, reason: "\(error)", at: range)
        }
        // Fails only before it changes anything (an activation that does not compile).
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        training.restore(plan.memento(over: training.memento, config: spec.optimizerConfig))
        if plan.optimizer != nil && training.liveOptimizer(for: spec.optimizerConfig) == nil {
            // Unreachable after the dry run in prepareRestore; never keep a half state.
            return .invalidCheckpoint(path, reason: "the optimizer state does not fit", at: range)
        }
        if !options.quiet {
            out.write(RunText.labelled("loaded", "\(path) at iteration \(training.position.iterations)") + "\n")
        }
        return nil
    }

    /// Everything `load` assigns, checked and converted before the session changes.
    struct RestorePlan {
        struct Buffer {
            var index: Int
            var name: String
            var values: [Float]
        }

        struct OptimizerPlan {
            var kind: NNTensor.OptimizerKind
            var step: Int
            var buffers: [Buffer]
        }

        var parameters: [[Float]]
        var optimizer: OptimizerPlan?
        var seed: UInt64
        var initCounter: UInt64
        var shuffleCounter: UInt64
        var permutation: [Int]
        var batchCursor: Int
        var iterations: Int
        var losses: [Double]
    }

    /// Validates `checkpoint` against the set-up (architecture, tensor shapes, optimizer kind and buffers, data
    /// cursor) without touching the session.
    func prepareRestore(_ checkpoint: Checkpoint) throws -> RestorePlan {
        let architecture = architecture(of: spec)
        let expected = try signature(of: architecture)
        try checkpoint.validate(against: expected)
        // The signature's names are the checkpoint's, in the order of `Network.parameters`.
        let names = expected.parameterNames
        var shapes: [[Int]] = []
        for layer in architecture.layers {
            shapes.append([layer.inputs, layer.outputs])
            if layer.bias { shapes.append([1, layer.outputs]) }
        }
        let parameters = try zip(names, shapes).map { try checkpoint.parameter(named: $0, shape: $1) }

        let config = spec.optimizerConfig
        let saved = checkpoint.optimizer
        guard saved.kind == config.kind.rawValue else {
            throw RestoreError("the checkpoint was trained with \(saved.kind), the session uses \(config.kind.rawValue)")
        }
        var optimizerPlan: RestorePlan.OptimizerPlan?
        if saved.step > 0 || !saved.buffers.isEmpty {
            var buffers: [RestorePlan.Buffer] = []
            for tensor in saved.buffers {
                guard let dot = tensor.name.lastIndex(of: "."),
                      let index = names.firstIndex(of: String(tensor.name[..<dot])) else {
                    throw RestoreError("the optimizer buffer \"\(tensor.name)\" belongs to no parameter")
                }
                guard tensor.shape == shapes[index] else {
                    throw CheckpointError.shapeMismatch(name: tensor.name, expected: shapes[index], found: tensor.shape)
                }
                buffers.append(.init(index: index, name: String(tensor.name[tensor.name.index(after: dot)...]),
                                     values: tensor.values))
            }
            guard saved.step <= UInt64(Int.max / 2) else { throw RestoreError("the optimizer step is out of range") }
            let plan = RestorePlan.OptimizerPlan(kind: config.kind, step: Int(saved.step), buffers: buffers)
            // A dry run on stand-in parameters of the same names and shapes: restore checks kind, names, sizes.
            let standIns = zip(names, shapes).map { Parameter(name: $0, value: Tensor(shape: Shape($1[0], $1[1]))) }
            let dryRun = try Optimizer(config, parameters: standIns)
            var keyed: [String: [Float]] = [:]
            for buffer in buffers {
                let key = Self.stateKey(buffer.index, standIns[buffer.index].name, buffer.name)
                guard keyed.updateValue(buffer.values, forKey: key) == nil else {
                    throw RestoreError("the optimizer buffer \(key) appears twice")
                }
            }
            try dryRun.restore(OptimizerState(kind: plan.kind, step: plan.step, buffers: keyed))
            optimizerPlan = plan
        }

        guard let initCounter = checkpoint.rngCounters["init"],
              let shuffleCounter = checkpoint.rngCounters["shuffle"] else {
            throw RestoreError("the random stream counters \"init\" and \"shuffle\" are missing")
        }
        let cursor = checkpoint.dataCursor
        let order = cursor.permutation
        var seen = [Bool](repeating: false, count: order.count)
        for index in order {
            guard seen.indices.contains(index), !seen[index] else {
                throw RestoreError("the data order is not a permutation of 0..<\(order.count)")
            }
            seen[index] = true
        }
        guard cursor.position <= UInt64(order.count) else {
            throw RestoreError("the data cursor \(cursor.position) lies beyond the \(order.count) samples")
        }
        guard checkpoint.iteration <= UInt64(Int.max / 2) else { throw RestoreError("the iteration is out of range") }
        return RestorePlan(
            parameters: parameters, optimizer: optimizerPlan, seed: cursor.permutationSeed, initCounter: initCounter,
            shuffleCounter: shuffleCounter, permutation: order, batchCursor: Int(cursor.position),
            iterations: Int(checkpoint.iteration), losses: checkpoint.lossHistory.map(\.loss))
    }
}

extension Interpreter.RestorePlan {
    /// `current` (the training state of the session's model, made to the set-up's architecture) with the
    /// checkpoint's weights, optimizer state (under `config`) and position; its seconds and last budget stay.
    func memento(over current: TrainingMemento, config: OptimizerConfig) -> TrainingMemento {
        var memento = current
        var values = parameters.makeIterator()
        for index in memento.layers.indices {
            memento.layers[index].weight = values.next() ?? memento.layers[index].weight
            if memento.layers[index].bias != nil { memento.layers[index].bias = values.next() }
        }
        memento.optimizer = optimizer.map { plan in
            var buffers: [String: [Float]] = [:]
            for buffer in plan.buffers {
                let name = Interpreter.parameterName(buffer.index, in: memento.layers)
                buffers[Interpreter.stateKey(buffer.index, name, buffer.name)] = buffer.values
            }
            return TrainingMemento.SavedOptimizer(
                config: config, state: OptimizerState(kind: plan.kind, step: plan.step, buffers: buffers))
        }
        memento.position.initStream = RandomStream(seed: seed, stream: "init")
        memento.position.initStream.counter = initCounter
        memento.position.shuffleStream = RandomStream(seed: seed, stream: "shuffle")
        memento.position.shuffleStream.counter = shuffleCounter
        memento.position.permutation = permutation
        memento.position.batchCursor = batchCursor
        memento.position.iterations = iterations
        memento.position.losses = losses
        return memento
    }
}

extension Interpreter {
    /// The name of parameter `index` (in `Network.parameters` order) of a network with `layers`:
    /// "layer2.weight", as its `Dense` named it.
    static func parameterName(_ index: Int, in layers: [TrainingMemento.Layer]) -> String {
        var remaining = index
        for layer in layers {
            if remaining == 0 { return layer.name + ".weight" }
            remaining -= 1
            if layer.bias != nil {
                if remaining == 0 { return layer.name + ".bias" }
                remaining -= 1
            }
        }
        return ""
    }
}

/// A checkpoint that decodes but does not fit the session.
struct RestoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
