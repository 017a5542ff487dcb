import Foundation
import NNTensor

// MARK: - Running one statement

extension Session {
    /// Runs one checked statement; a returned diagnostic stops a script run (the REPL shows it and goes on).
    func execute(_ statement: CheckedStatement) -> Diagnostic? {
        let range = statement.range
        // Every file a statement names is judged before the statement does anything.
        if let (path, access) = statement.kind.fileAccess,
           case .failure(let refusal) = allowedPath(path, for: access, at: pathRange(in: range)) {
            return refusal
        }
        switch statement.kind {
        // MARK: Set-up
        case .seed(let seed):
            spec.seed = seed
            initStream = RandomStream(seed: seed, stream: "init")
            shuffleStream = RandomStream(seed: seed, stream: "shuffle")
            invalidateData()
        case .data(let dataSpec):
            spec.data = .function(dataSpec, range)
            invalidateData()
        case .dataCSV(let path):
            spec.data = .csv(path: path, pathRange(in: range))
            invalidateData()
        case .holdout(let interval, let samples):
            spec.holdout = (interval, samples)
            cachedReport = nil
        case .letBinding(let name, let value):
            spec.environment.constants[name] = value
        case .input(let size):
            spec.inputSize = size
        case .layer(let layer):
            spec.hidden.append(spec.makeLayer(layer))
        case .output(let output):
            spec.output = output
        case .activationDefinition(let name, let function):
            spec.environment.functions[name] = function
        case .insertLayer(let index, let layer):
            let position = min(max(index - 1, 0), spec.hidden.count)
            spec.hidden.insert(spec.makeLayer(layer), at: position)
        case .removeLayer(let index):
            guard spec.hidden.indices.contains(index - 1) else { return nil }
            spec.hidden.remove(at: index - 1)
        case .replaceLayer(let index, let layer):
            guard spec.hidden.indices.contains(index - 1) else { return nil }
            spec.hidden[index - 1].spec = layer
        case .loss(let loss):
            spec.loss = loss
            trainer = nil
        case .optimizer(let optimizer):
            spec.optimizer = optimizer
        case .schedule(let schedule):
            spec.schedule = schedule
        case .initScheme(let scheme):
            spec.initScheme = scheme
        case .batch(let size):
            spec.batch = size
            trainer = nil
        default:
            return performAction(statement)
        }
        return statement.kind.isSetUp ? checkSetUpMemory(at: range) : nil
    }

    /// Runs an action statement (the set-up ones are handled by `execute`).
    private func performAction(_ statement: CheckedStatement) -> Diagnostic? {
        let range = statement.range
        switch statement.kind {
        case .seed, .data, .dataCSV, .holdout, .letBinding, .input, .layer, .output, .activationDefinition,
             .insertLayer, .removeLayer, .replaceLayer, .loss, .optimizer, .schedule, .initScheme, .batch:
            break

        // MARK: Actions
        case .train(let count, let unit):
            lastTrain = (count, unit)
            return train(count: count, unit: unit, range: range)
        case .report:
            return report(range: range)
        case .plot(let kind, let file):
            return plot(kind, file: file, range: range)
        case .expect(let expectation):
            return expect(expectation, range: range)
        case .predict(let xs):
            return predict(xs, range: range)
        case .predictRange(let interval, let samples, let file):
            return predictRange(interval, samples: samples, file: file, range: range)
        case .print(_, let value):
            out.write(NumberFormat.short(value) + "\n")
        case .save(let path):
            return saveCheckpoint(path, range: range)
        case .load(let path):
            return loadCheckpoint(path, range: range)
        case .export(let format, let path):
            return export(format, path: path, range: range)
        case .compare(let variants):
            return compare(variants, range: range)
        case .meta:
            break  // the REPL handles meta-commands before they reach the session
        }
        return nil
    }

    func invalidateData() {
        dataSet = nil
        trainer = nil
        cachedReport = nil
    }

    // MARK: - Data and model on demand

    /// The session's data, generated (or read) when first needed after a change.
    func ensureData(range: SourceRange) -> Result<DataSet, Diagnostic> {
        if let dataSet { return .success(dataSet) }
        guard let source = spec.data else {
            return .failure(.missingDataAtRuntime(at: range))
        }
        let result: Result<DataSet, Diagnostic>
        switch source {
        case .function(let dataSpec, let dataRange):
            if let refusal = checkMemory(MemoryNeeds(samples: dataSpec.samples), what: "the data", at: range) {
                return .failure(refusal)
            }
            result = DataGenerator.generate(dataSpec, seed: spec.seed, range: dataRange)
        case .csv(let path, let pathRange):
            switch allowedPath(path, for: .read, at: pathRange) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let resolved):
                result = DataGenerator.readCSV(path: resolved, displayPath: path, range: pathRange,
                                               byteLimit: options.memoryBudget / 4)
            }
        }
        guard case .success(let data) = result else { return result }
        if let refusal = checkMemory(MemoryNeeds(samples: data.count), what: "the data", at: range) {
            return .failure(refusal)
        }
        dataSet = data
        return result
    }

    /// Brings the live network in line with the set-up, keeping every layer whose shape did not change.
    func ensureModel(range: SourceRange) -> Diagnostic? {
        let architecture = spec.architecture
        let compiler = ActivationCompiler(environment: spec.environment)
        for layer in architecture.layers {
            do { try compiler.validate(layer.activation) } catch {
                return .unsupportedActivationFunction(error.function, at: error.range)
            }
        }
        guard architecture != network.architecture || network.isEmpty else {
            return nil
        }
        if let refusal = checkMemory(MemoryNeeds(samples: plannedSamples, optimizer: true), what: "the model",
                                     at: range) {
            return refusal
        }
        let hadModel = !network.isEmpty
        let fresh = network.conform(to: architecture, rng: &initStream)
        trainer = nil
        predictors = [:]
        cachedReport = nil
        if hadModel && !options.quiet {
            let total = architecture.layers.count
            let names = fresh.map { $0 == total ? "output" : "\($0)" }
            let kept = total - fresh.count
            out.write(RunText.labelled("model", fresh.isEmpty
                ? "structure changed; every layer kept its weights"
                : "re-initialised layer\(fresh.count == 1 ? "" : "s") \(names.joined(separator: ", ")); "
                    + "\(kept) kept \(kept == 1 ? "its" : "their") weights") + "\n")
        }
        if optimizer.map({ Set($0.parameters.map(ObjectIdentifier.init)) })
            != Set(network.parameters.map(ObjectIdentifier.init)) {
            optimizer = nil
        }
        return nil
    }

    /// The optimizer for the current parameters and configuration; a new `optimizer` statement starts afresh.
    func ensureOptimizer() throws -> Optimizer {
        let config = spec.optimizerConfig
        if let optimizer, optimizerKey == config { return optimizer }
        let fresh = try Optimizer(config, parameters: network.parameters)
        optimizer = fresh
        optimizerKey = config
        return fresh
    }
}
