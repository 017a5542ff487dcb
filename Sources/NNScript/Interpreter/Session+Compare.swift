import NNTensor

// MARK: - Comparing set-ups

extension Session {
    /// `compare KIND ALT | ALT …`: trains each variant from scratch and prints a table and an overlay of their fits.
    func compare(_ variants: CompareVariants, range: SourceRange) -> Diagnostic? {
        switch comparison(of: variants, range: range) {
        case .failure(let diagnostic):
            return diagnostic
        case .success(let comparison):
            out.write(comparison.terminalText(width: options.width, color: options.color) + "\n")
            return nil
        }
    }

    /// The training budget of a comparison: the most recent `train` before it, else the default budget.
    var comparisonBudget: (count: Int, unit: TrainUnit) {
        lastTrain ?? (options.defaultBudget, .iterations)
    }

    /// Trains one copy of the current set-up per variant — same seed, same data, fresh weights from the same init
    /// draws — for `comparisonBudget`, leaving the session's own model, optimizer and losses untouched.
    ///
    /// A variant that diverges keeps its row (with what it reached and a note); any other runtime error stops the
    /// comparison and is returned.
    public func comparison(of variants: CompareVariants) -> Result<Comparison, Diagnostic> {
        comparison(of: variants, range: currentRange)
    }

    func comparison(of variants: CompareVariants, range: SourceRange) -> Result<Comparison, Diagnostic> {
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let grid = DataGenerator.grid(data.interval, count: Session.reportGridPoints)
        let target = data.spec.map { spec in grid.map { spec.target(at: $0) } }
        let variantSpecs = CompareVariantSpecs.apply(variants, to: spec)
        // Every variant's losses are kept for the table and plots; each variant checks its own training.
        let (_, steps) = trainingSteps(samples: data.count, count: comparisonBudget.count, unit: comparisonBudget.unit)
        let kept = MemoryNeeds(samples: data.count, losses: losses.count + Int(min(steps, 1e12)) * variantSpecs.count,
                               optimizer: true)
        if let refusal = checkMemory(kept, what: "this comparison", at: range) { return .failure(refusal) }
        var runs: [ComparedRun] = []
        interruptFlag.store(false, ordering: .relaxed)
        for (name, variantSpec) in variantSpecs {
            // Ctrl-C reaches this session, not the variant's: it stops the comparison before the next variant.
            if interruptFlag.load(ordering: .relaxed) { break }
            let child = variantSession(spec: variantSpec, data: data)
            var note: String?
            if let diagnostic = child.train(count: comparisonBudget.count, unit: comparisonBudget.unit, range: range) {
                guard diagnostic.id == .divergence else { return .failure(diagnostic) }
                note = diagnostic.message
            }
            runs.append(child.comparedRun(name: name, grid: grid, range: range, note: note))
        }
        return .success(Comparison(title: options.file, grid: grid, target: target,
                                   pointsX: data.xs.map(Double.init), pointsY: data.ys.map(Double.init), runs: runs))
    }

    /// A quiet session with `spec` and the parent's data, its random streams where a fresh run of the seed has them.
    private func variantSession(spec variantSpec: SessionSpec, data: DataSet) -> Session {
        var childOptions = options
        childOptions.quiet = true
        childOptions.isTerminal = false
        let child = Session(options: childOptions, output: StringOutput(), errors: StringOutput())
        child.source = source
        child.spec = variantSpec
        child.dataSet = data
        child.initStream = RandomStream(seed: variantSpec.seed, stream: "init")
        child.shuffleStream = RandomStream(seed: variantSpec.seed, stream: "shuffle")
        if comparisonBudget.unit == .iterations { child.plannedIterations = comparisonBudget.count }
        return child
    }

    /// The range runtime diagnostics of a comparison point at: the whole current source (a recipe's or a line's).
    private var currentRange: SourceRange { SourceRange.startOfFile(options.file) }

    // MARK: - This session as one run of a comparison

    /// This session's current model as a run of a comparison: its metrics, its fit on `grid` and its losses.
    public func comparedRun(name: String, grid: [Double]) -> ComparedRun {
        comparedRun(name: name, grid: grid, range: currentRange, note: nil)
    }

    /// The session's data: its x range and, for a function, its noiseless target and points (nil before `data`).
    public func comparisonFrame() -> (grid: [Double], target: [Double]?, pointsX: [Double], pointsY: [Double])? {
        guard case .success(let data) = ensureData(range: currentRange) else { return nil }
        let grid = DataGenerator.grid(data.interval, count: Session.reportGridPoints)
        return (grid, data.spec.map { spec in grid.map { spec.target(at: $0) } },
                data.xs.map(Double.init), data.ys.map(Double.init))
    }

    private func comparedRun(name: String, grid: [Double], range: SourceRange, note: String?) -> ComparedRun {
        var metrics: [String: Double] = ["seconds": trainSeconds]
        if let loss = losses.last { metrics["loss"] = loss }
        if case .success(let values) = reportValues(range: range), let fit = values.metrics {
            metrics["mse"] = fit.mse
            metrics["max_error"] = fit.maxError
            metrics["extrema"] = Double(fit.fitExtremaCount)
            metrics["target_extrema"] = Double(fit.targetExtremaCount)
        }
        let fit = (try? predictValues(grid, range: range).get()) ?? []
        return ComparedRun(name: name, metrics: metrics, fit: fit.allSatisfy(\.isFinite) ? fit : [],
                           losses: losses, note: note)
    }
}
