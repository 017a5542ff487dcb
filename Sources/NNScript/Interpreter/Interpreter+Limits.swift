import Foundation

// MARK: - Memory: estimates before allocation

/// What a statement is about to allocate, for `Interpreter.checkMemory`.
struct MemoryNeeds {
    /// Training points held (nil: none yet).
    var samples: Int?
    /// The batch of a compiled training step (nil: no training graph).
    var trainingBatch: Int?
    /// Points of compiled forward passes (the report grid, `predict on`, holdout).
    var predictionPoints: [Int] = []
    /// Training losses recorded once the statement is done.
    var losses = 0
    /// The optimizer's state buffers exist.
    var optimizer = false
}

extension Interpreter {
    /// The estimate of `needs` for the set-up `spec`.
    func memoryEstimate(_ needs: MemoryNeeds, spec: SessionSpec) -> MemoryEstimate {
        var estimate = MemoryEstimate()
        let parameters = spec.parameterCount(for: dataShape(of: spec))
        if let samples = needs.samples {
            estimate.add("data (\(samples) points)", Double(samples) * MemoryCost.perSample)
        }
        estimate.add("weights and gradients", parameters * MemoryCost.perParameter)
        if needs.optimizer {
            let buffers = MemoryCost.optimizerBuffers(spec.optimizer.kind, options: spec.optimizer.options)
            estimate.add("\(spec.optimizer.kind.rawValue) state", parameters * buffers * MemoryCost.perFloat)
        }
        estimate.add("loss history (\(needs.losses) values)", Double(needs.losses) * MemoryCost.perLoss)
        // The set-up's check (after every statement) stops here: building the architecture costs a pass over the
        // layers, so a recipe of n layers would cost n².
        guard needs.trainingBatch != nil || !needs.predictionPoints.isEmpty else { return estimate }
        // Floats per point of each layer's forward pass: its matmul, bias and activation outputs.
        let layers = architecture(of: spec).layers
        let costs = ActivationCosts(environment: spec.environment)
        let layerFloats = layers.map { Double($0.outputs) * costs.buffers($0.activation) }
        let ends = Double(layers.first?.inputs ?? 1) + Double(layers.last?.outputs ?? 1)
        if let batch = needs.trainingBatch {
            // Training keeps every forward value for the backward pass, and a gradient beside each.
            let floats = ends + layerFloats.reduce(0, +)
            estimate.add("training buffers (batch \(batch))", Double(batch) * floats * 2 * MemoryCost.perFloat)
        }
        for points in needs.predictionPoints {
            // A forward pass alone frees each layer's values once the next has read them: the widest layer's
            // buffers and part of its neighbour's are alive at once. Plus the points and results as Doubles.
            let floats = ends + (layerFloats.max() ?? 0) * 1.5
            estimate.add("prediction buffers (\(points) points)",
                         Double(points) * (floats * MemoryCost.perFloat + 6 * 8))
        }
        return estimate
    }

    /// A located error when `needs` would pass the memory budget with `spec` (the session's own when nil);
    /// nil when it fits.
    func checkMemory(_ needs: MemoryNeeds, what: String, at range: SourceRange, spec: SessionSpec? = nil)
        -> Diagnostic?
    {
        let estimate = memoryEstimate(needs, spec: spec ?? self.spec)
        guard estimate.total > Double(options.memoryBudget) else { return nil }
        return .memoryBudgetExceeded(what, needed: estimate.total, budget: options.memoryBudget,
                                     parts: estimate.largestParts, at: range)
    }

    /// The samples the session's data holds or will hold (nil: no data, or CSV data not read yet).
    var plannedSamples: Int? {
        if let data = currentData { return data.count }
        switch spec.data {
        case .function(let dataSpec, _)?: return dataSpec.samples
        // Known before the set is generated, so its memory is judged before it is made.
        case .classification(_, _, let samples, _)?: return samples
        default: return nil
        }
    }

    /// The batch and the number of steps `train count unit` means for `samples` points (a Double: epochs can
    /// multiply to more than any Int).
    func trainingSteps(spec: SessionSpec, samples: Int, count: Int, unit: TrainUnit) -> (batch: Int, steps: Double) {
        let batch = max(1, min(spec.batch ?? samples, samples))
        let stepsPerEpoch = max(1, samples / batch)
        return (batch, unit == .epochs ? Double(count) * Double(stepsPerEpoch) : Double(count))
    }

    /// A located error when a `train` would run more steps than one statement may, or need more memory than the
    /// budget (its training buffers and the losses it records); nil when it may go ahead.
    func checkTraining(_ state: TrainingState, spec: SessionSpec, samples: Int, count: Int, unit: TrainUnit,
                       range: SourceRange) -> Diagnostic? {
        let (batch, steps) = trainingSteps(spec: spec, samples: samples, count: count, unit: unit)
        guard steps <= Double(Limits.trainCount.upperBound) else {
            return .trainingTooLong(steps, maximum: Limits.trainCount.upperBound, at: range)
        }
        let needs = MemoryNeeds(samples: samples, trainingBatch: batch, predictionPoints: [Interpreter.reportGridPoints],
                                losses: state.position.losses.count + Int(steps), optimizer: true)
        return checkMemory(needs, what: "training", at: range, spec: spec)
    }

    /// The memory check of a set-up statement: the data and the weights it implies, without training buffers
    /// (a later `batch` may still shrink those).
    func checkSetUpMemory(at range: SourceRange) -> Diagnostic? {
        checkMemory(MemoryNeeds(samples: plannedSamples, optimizer: true), what: "this set-up", at: range)
    }
}

/// How many batch-sized buffers each activation adds to a layer's forward pass: the matmul's output and the fused
/// bias-and-activation's, for a built-in one. User activations cost one buffer per operation of their body, calls
/// of other activations expanded. Measured against the process's peak memory, the estimates are 1.4–1.5 times it.
struct ActivationCosts {
    let environment: ExprEnvironment
    private var memo: [String: Double] = [:]

    init(environment: ExprEnvironment) {
        self.environment = environment
    }

    func buffers(_ activation: ActivationSpec) -> Double {
        switch activation {
        case .builtin: return 2
        case .custom(let name):
            var memo = self.memo
            return 2 + bodyCost(name, memo: &memo, depth: 0)
        }
    }

    private func bodyCost(_ name: String, memo: inout [String: Double], depth: Int) -> Double {
        if let known = memo[name] { return known }
        guard depth < 64, let function = environment.functions[name] else { return 1 }
        let cost = nodes(function.body, memo: &memo, depth: depth)
        memo[name] = cost
        return cost
    }

    private func nodes(_ expr: Expr, memo: inout [String: Double], depth: Int) -> Double {
        guard depth < 256 else { return 1 }
        switch expr.kind {
        case .number, .variable: return 0
        case .negate(let operand): return 1 + nodes(operand, memo: &memo, depth: depth + 1)
        case .binary(_, let lhs, let rhs):
            return 1 + nodes(lhs, memo: &memo, depth: depth + 1) + nodes(rhs, memo: &memo, depth: depth + 1)
        case .call(let name, _, let arguments):
            let inner = arguments.reduce(0.0) { $0 + nodes($1, memo: &memo, depth: depth + 1) }
            let callee = environment.functions[name] != nil ? bodyCost(name, memo: &memo, depth: depth + 1) : 1
            return inner + callee
        }
    }
}

// MARK: - Files: every path a statement names goes through the policy

extension Interpreter {
    /// The real path a statement may use for `access` to `path`, or a refusal located at `range` (the path string,
    /// from `pathRange(in:)`).
    func allowedPath(_ path: String, for access: PathPolicy.Access, at range: SourceRange)
        -> Result<String, Diagnostic>
    {
        switch pathPolicy.resolve(path, for: access) {
        case .success(let resolved):
            return .success(resolved)
        case .failure(let refusal):
            return .failure(.pathNotAllowed(refusal, interactive: options.file == Session.interactiveFile, at: range))
        }
    }

    /// The range of the path string in a statement (the statement's range when it cannot be found).
    func pathRange(in statement: SourceRange) -> SourceRange {
        stringRange(in: statement) ?? statement
    }

    /// The range of the first string literal inside `range` of the current source, quotes included (nil when the
    /// statement spans lines or holds no string).
    func stringRange(in range: SourceRange) -> SourceRange? {
        let bytes = Array(source.utf8)
        let start = min(max(range.start.offset, 0), bytes.count), end = min(max(range.end.offset, start), bytes.count)
        guard let open = bytes[start..<end].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        var close = open + 1
        while close < end, bytes[close] != UInt8(ascii: "\"") {
            if bytes[close] == UInt8(ascii: "\n") { return nil }
            close += bytes[close] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard close < end else { return nil }
        func position(_ offset: Int) -> SourcePosition? {
            let between = bytes[start..<offset]
            guard !between.contains(UInt8(ascii: "\n")) else { return nil }
            let scalars = String(decoding: between, as: UTF8.self).unicodeScalars.count
            return SourcePosition(line: range.start.line, column: range.start.column + scalars, offset: offset)
        }
        guard let from = position(open), let to = position(close + 1) else { return nil }
        return SourceRange(file: range.file, start: from, end: to)
    }
}

extension CheckedStatement.Kind {
    /// The file a statement reads or writes, if any: every such statement is listed here, so none escapes the rule.
    var fileAccess: (path: String, access: PathPolicy.Access)? {
        switch self {
        case .dataCSV(let path, _), .holdoutCSV(let path), .load(let path), .predictCSV(let path, _):
            return (path, .read)
        case .save(let path), .export(_, let path): return (path, .write)
        case .plot(_, let file?), .predictRange(_, _, let file?): return (file, .write)
        default: return nil
        }
    }
}
