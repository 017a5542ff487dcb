import Foundation
import NNTensor

// MARK: - Checkpoints: save

extension Session {
    /// `save "file"`: writes everything the next `train` depends on, atomically (docs/formats.md).
    func saveCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        let resolved: String
        switch allowedPath(path, for: .write, at: pathRange(in: range)) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        let checkpoint: Checkpoint
        do { checkpoint = try makeCheckpoint() } catch {
            return .unsupportedExport("checkpoint", reason: "\(error)", at: range)
        }
        do { try checkpoint.write(to: resolved) } catch let error as FileWriteError {
            return .fileNotWritable(path, reason: "\(error.step): \(error.reason)", at: range)
        } catch {
            return .fileNotWritable(path, reason: "\(error)", at: range)
        }
        if !options.quiet { out.write(RunText.labelled("saved", "\(path) at iteration \(iterations)") + "\n") }
        return nil
    }

    /// The session's resumable state. Tensors are named by position (`layer2.weight`), not by the live
    /// parameters' names, which keep an edited layer's old name.
    func makeCheckpoint() throws -> Checkpoint {
        let names = Self.positionalNames(network.architecture)
        let parameters = zip(names, network.parameters).map { name, parameter in
            NamedTensor(name: name, shape: [parameter.value.shape.rows, parameter.value.shape.cols],
                        values: parameter.value.array)
        }
        // An optimizer the next `train` would replace (its statement changed since) is saved as a fresh one.
        let live = optimizerKey == spec.optimizerConfig ? optimizer : nil
        var buffers: [NamedTensor] = []
        if let live {
            for (key, values) in live.state.buffers {
                let parts = key.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3, let index = Int(parts[0]), names.indices.contains(index) else { continue }
                let shape = parameters[index].shape
                buffers.append(NamedTensor(name: "\(names[index]).\(parts[parts.count - 1])", shape: shape,
                                           values: values))
            }
            buffers.sort { $0.name < $1.name }
        }
        let step = UInt64(live?.stepCount ?? 0)
        return Checkpoint(
            recipe: source, architecture: try signature(of: network.architecture), parameters: parameters,
            optimizer: OptimizerSnapshot(kind: spec.optimizerConfig.kind.rawValue, step: step, buffers: buffers),
            schedulePosition: step,
            rngCounters: ["init": initStream.counter, "shuffle": shuffleStream.counter],
            dataCursor: DataCursor(epoch: 0, position: UInt64(batchCursor), permutationSeed: shuffleStream.seed,
                                   permutationCounter: shuffleStream.counter, permutation: permutation),
            iteration: UInt64(iterations),
            lossHistory: losses.enumerated().map { LossSample(iteration: UInt64($0.offset + 1), loss: $0.element) })
    }

    /// The key `Optimizer.state` files a buffer under: "<parameter index>:<parameter name>:<buffer>".
    static func stateKey(_ index: Int, _ parameter: Parameter, _ buffer: String) -> String {
        "\(index):\(parameter.name):\(buffer)"
    }

    /// `layer1.weight`, `layer1.bias`, … in the order of `Network.parameters`.
    static func positionalNames(_ architecture: Architecture) -> [String] {
        architecture.layers.enumerated().flatMap { position, layer in
            ["layer\(position + 1).weight"] + (layer.bias ? ["layer\(position + 1).bias"] : [])
        }
    }
}

// MARK: - Checkpoints: load

extension Session {
    /// `load "file"`: checks the whole file against the session's architecture and optimizer first, then
    /// restores all of it; any problem leaves the session exactly as it was.
    func loadCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        let resolved: String
        switch allowedPath(path, for: .read, at: pathRange(in: range)) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.read(from: resolved, limit: options.memoryBudget) } catch let error as FileReadError {
            if !FileManager.default.fileExists(atPath: resolved) { return .fileNotFound(path, at: range) }
            return .fileUnreadable(path, reason: error.reason, at: range)
        } catch {
            return .invalidCheckpoint(path, reason: "\(error)", at: range)
        }
        let plan: RestorePlan
        do { plan = try prepareRestore(checkpoint) } catch {
            return .invalidCheckpoint(path, reason: "\(error)", at: range)
        }
        // Fails only before it changes anything (an activation that does not compile).
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        network.restore(plan.parameters)
        if let state = plan.optimizer {
            do {
                let optimizer = try ensureOptimizer()
                try optimizer.restore(OptimizerState(
                    kind: state.kind, step: state.step,
                    buffers: Dictionary(uniqueKeysWithValues: state.buffers.map { buffer in
                        (Self.stateKey(buffer.index, network.parameters[buffer.index], buffer.name),
                         buffer.values)
                    })))
            } catch {
                optimizer = nil  // unreachable after the dry run in prepareRestore; never keep a half state
                return .invalidCheckpoint(path, reason: "\(error)", at: range)
            }
        } else {
            optimizer = nil
        }
        initStream = RandomStream(seed: plan.seed, stream: "init")
        initStream.counter = plan.initCounter
        shuffleStream = RandomStream(seed: plan.seed, stream: "shuffle")
        shuffleStream.counter = plan.shuffleCounter
        permutation = plan.permutation
        batchCursor = plan.batchCursor
        iterations = plan.iterations
        losses = plan.losses
        cachedReport = nil
        if !options.quiet {
            out.write(RunText.labelled("loaded", "\(path) at iteration \(iterations)") + "\n")
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
        let architecture = spec.architecture
        try checkpoint.validate(against: try signature(of: architecture))
        let names = Self.positionalNames(architecture)
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
                let key = Self.stateKey(buffer.index, standIns[buffer.index], buffer.name)
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

/// A checkpoint that decodes but does not fit the session.
struct RestoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
