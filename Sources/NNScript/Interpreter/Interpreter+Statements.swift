import Foundation
import NNTensor

// MARK: - Running one statement

extension Interpreter {
    /// Runs one checked statement; a returned diagnostic stops a script run (the REPL shows it and goes on).
    func execute(_ statement: CheckedStatement) -> Diagnostic? {
        // Every file a statement names is judged before the statement does anything.
        if let (path, access) = statement.kind.fileAccess,
           case .failure(let refusal) = allowedPath(path, for: access, at: pathRange(in: statement.range)) {
            return refusal
        }
        guard statement.kind.isSetUp else { return performAction(statement) }
        applySetUp(statement)
        return checkSetUpMemory(at: statement.range)
    }

    /// Records what a set-up statement says. Nothing derived needs clearing: the cache's keys notice.
    private func applySetUp(_ statement: CheckedStatement) {
        let range = statement.range
        switch statement.kind {
        case .seed(let seed):
            spec.seed = seed
            training.reseed(seed)
        case .data(let dataSpec): spec.data = .function(dataSpec, range)
        case .dataSet(let kind, let noise, let samples):
            spec.data = .classification(kind, noise: noise, samples: samples, range)
        case .dataCSV(let path, let targets): spec.data = .csv(path: path, targets: targets, pathRange(in: range))
        case .holdout(let intervals, let samples): spec.holdout = .points(intervals, samples: samples)
        case .holdoutCSV(let path): spec.holdout = .csv(path: path, pathRange(in: range))
        case .normalize: spec.normalize = true
        case .features(let features): spec.features = features
        case .letBinding(let name, let value): spec.environment.constants[name] = value
        case .input(let size): spec.inputSize = size
        case .layer(let layer): spec.hidden.append(spec.makeLayer(layer))
        case .output(let output): spec.output = output
        case .activationDefinition(let name, let function): spec.environment.functions[name] = function
        case .insertLayer(let index, let layer):
            let position = min(max(index - 1, 0), spec.hidden.count)
            spec.hidden.insert(spec.makeLayer(layer), at: position)
        case .removeLayer(let index):
            if spec.hidden.indices.contains(index - 1) { spec.hidden.remove(at: index - 1) }
        case .replaceLayer(let index, let layer):
            if spec.hidden.indices.contains(index - 1) { spec.hidden.replaceSpec(at: index - 1, with: layer) }
        case .loss(let loss): spec.loss = loss
        case .optimizer(let optimizer): spec.optimizer = optimizer
        case .schedule(let schedule): spec.schedule = schedule
        case .initScheme(let scheme): spec.initScheme = scheme
        case .batch(let size): spec.batch = size
        default: break  // actions: `isSetUp` is the one list of which is which
        }
    }

    /// Runs an action statement.
    private func performAction(_ statement: CheckedStatement) -> Diagnostic? {
        let range = statement.range
        switch statement.kind {
        case .train(let count, let unit):
            training.position.lastTrain = TrainBudget(count: count, unit: unit)
            return train(count: count, unit: unit, range: range)
        case .report:
            return report(range: range)
        case .plot(let kind, let file):
            return plot(kind, file: file, range: range)
        case .expect(let expectation):
            return expect(expectation, range: range)
        case .predict(let points):
            return predict(points, range: range)
        case .predictRange(let interval, let samples, let file):
            return predictRange(interval, samples: samples, file: file, range: range)
        case .predictCSV(let input, let output):
            return predictCSV(input, output: output, range: range)
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
        default:
            break  // set-up statements (`isSetUp`), and meta-commands, which the REPL handles before this
        }
        return nil
    }

    // MARK: - Data and model on demand

    /// The session's data, generated (or read) when first needed after a change of its statement or seed.
    func ensureData(range: SourceRange) -> Result<DataSet, Diagnostic> {
        guard let source = spec.data else { return .failure(.missingDataAtRuntime(at: range)) }
        let key = DataKey(source: source, seed: spec.seed)
        if let held = programs.data.value(for: key) { return .success(held) }
        // Made outside the cache's own access: making it estimates memory, which asks the data's shape.
        programs.data = Keyed()
        let made = makeData(source, range: range)
        if case .success(let data) = made { programs.data.store(data, for: key) }
        return made
    }

    /// The data held for the current data statement and seed, nil when it is not made yet.
    var currentData: DataSet? {
        spec.data.flatMap { programs.data.value(for: DataKey(source: $0, seed: spec.seed)) }
    }

    private func makeData(_ source: DataSource, range: SourceRange) -> Result<DataSet, Diagnostic> {
        let result: Result<DataSet, Diagnostic>
        switch source {
        case .function(let dataSpec, let dataRange):
            if let refusal = checkMemory(MemoryNeeds(samples: dataSpec.samples), what: "the data", at: range) {
                return .failure(refusal)
            }
            result = DataGenerator.generate(dataSpec, seed: spec.seed, range: dataRange)
        case .classification(let kind, let noise, let samples, let dataRange):
            if let refusal = checkMemory(MemoryNeeds(samples: samples), what: "the data", at: range) {
                return .failure(refusal)
            }
            result = DataGenerator.classificationData(kind, samples: samples, noise: noise, seed: spec.seed,
                                                      range: dataRange)
        case .csv(let path, let targets, let pathRange):
            switch allowedPath(path, for: .read, at: pathRange) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let resolved):
                result = DataGenerator.readCSV(path: resolved, displayPath: path, targets: targets,
                                               range: pathRange, byteLimit: options.memoryBudget / 4)
            }
        }
        guard case .success(let data) = result else { return result }
        if let mismatch = shapeProblem(data.shape, range: source.range) { return .failure(mismatch) }
        if let refusal = checkMemory(MemoryNeeds(samples: data.count), what: "the data", at: range) {
            return .failure(refusal)
        }
        return result
    }

    /// Brings the session's network in line with its set-up, keeping every layer whose shape did not change.
    func ensureModel(range: SourceRange) -> Diagnostic? {
        ensureModel(training, spec: spec, range: range, announce: !options.quiet)
    }

    /// Brings `state`'s network in line with `spec`; `announce` says which layers were re-initialised.
    func ensureModel(_ state: TrainingState, spec: SessionSpec, range: SourceRange, announce: Bool) -> Diagnostic? {
        // A table's columns decide the model's inputs and outputs: it is read first.
        if let diagnostic = readTableIfAny(range: range) { return diagnostic }
        let architecture = architecture(of: spec)
        let compiler = ActivationCompiler(environment: spec.environment)
        for layer in architecture.layers {
            do { try compiler.validate(layer.activation) } catch {
                return .unsupportedActivationFunction(error.function, at: error.range)
            }
        }
        guard architecture != state.network.architecture || state.network.isEmpty else { return nil }
        if let refusal = checkMemory(MemoryNeeds(samples: plannedSamples, optimizer: true), what: "the model",
                                     at: range, spec: spec) {
            return refusal
        }
        let hadModel = !state.network.isEmpty
        guard let fresh = state.conform(to: architecture), hadModel, announce else { return nil }
        out.write(RunText.labelled("model", Interpreter.structureChange(fresh: fresh,
                                                                         layers: architecture.layers.count)) + "\n")
        return nil
    }
}

extension Interpreter {
    /// What a structure edit did to the weights, naming the layers kept: "re-initialised layers 1, 2; the output
    /// kept its weights" (`fresh`: the 1-based positions re-initialised, of `layers`, the last being the output).
    static func structureChange(fresh: [Int], layers total: Int) -> String {
        guard !fresh.isEmpty else { return "structure changed; every layer kept its weights" }
        let names = fresh.map { $0 == total ? "output" : "\($0)" }
        let text = "re-initialised layer\(fresh.count == 1 ? "" : "s") \(names.joined(separator: ", "))"
        let kept = (1...max(total, 1)).filter { !fresh.contains($0) }.map { $0 == total ? "the output" : "layer \($0)" }
        guard let last = kept.last else { return text }
        let list = kept.count == 1 ? last : kept.dropLast().joined(separator: ", ") + " and " + last
        return text + "; \(list) kept \(kept.count == 1 ? "its" : "their") weights"
    }
}

extension CheckedStatement.Kind {
    /// Whether the statement can change the session (its set-up, weights or training position) rather than only
    /// show or write something: the REPL's undo steps (`Session.undo`).
    var changesSession: Bool {
        switch self {
        case .train, .load: return true
        case .report, .plot, .expect, .predict, .predictRange, .predictCSV, .print, .save, .export, .compare, .meta:
            return false
        default: return isSetUp
        }
    }

    /// Whether the statement describes the set-up (data, model, training configuration) rather than acting: the
    /// one list of which is which (`Interpreter.execute`, `:reset` and the recipe follow it).
    var isSetUp: Bool {
        switch self {
        case .seed, .data, .dataSet, .dataCSV, .holdout, .holdoutCSV, .normalize, .features, .letBinding, .input, .layer, .output, .activationDefinition,
             .insertLayer, .removeLayer, .replaceLayer, .loss, .optimizer, .schedule, .initScheme, .batch:
            return true
        case .train, .report, .plot, .expect, .predict, .predictRange, .predictCSV, .print, .save, .load, .export,
             .compare, .meta:
            return false
        }
    }
}
