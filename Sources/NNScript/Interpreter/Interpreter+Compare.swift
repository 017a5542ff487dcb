import NNTensor

// MARK: - Comparing set-ups

extension Interpreter {
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
    var comparisonBudget: TrainBudget {
        training.position.lastTrain ?? TrainBudget(count: options.defaultBudget, unit: .iterations)
    }

    /// Trains one copy of the current set-up per variant — same seed, same data, fresh weights from the same init
    /// draws — for `comparisonBudget`, leaving the session's own training state untouched.
    ///
    /// A variant that diverges keeps its row (with what it reached and a note); any other runtime error stops the
    /// comparison and is returned.
    func comparison(of variants: CompareVariants, range: SourceRange) -> Result<Comparison, Diagnostic> {
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        // Data that is not 1-D has no curve to overlay: its variants compare on the table and the loss curves.
        let grid = data.shape.isScalar ? DataGenerator.grid(data.interval, count: Interpreter.reportGridPoints) : []
        let target = data.spec.map { spec in grid.map { spec.target(at: $0) } }
        let variantSpecs = CompareVariantSpecs.apply(variants, to: spec)
        let budget = comparisonBudget
        // Every variant's losses are kept for the table and plots; each variant checks its own training.
        let (_, steps) = trainingSteps(spec: spec, samples: data.count, count: budget.count, unit: budget.unit)
        let kept = MemoryNeeds(samples: data.count,
                               losses: training.position.losses.count + Int(min(steps, 1e12)) * variantSpecs.count,
                               optimizer: true)
        if let refusal = checkMemory(kept, what: "this comparison", at: range) { return .failure(refusal) }
        var runs: [ComparedRun] = []
        interruptFlag.store(false, ordering: .relaxed)
        for (name, variantSpec) in variantSpecs {
            // Ctrl-C stops the comparison before the next variant; a variant, once started, trains to its end.
            if interruptFlag.load(ordering: .relaxed) { break }
            // A copy of a fresh run's training state: the init draws and batch order a fresh run of the seed has.
            let state = TrainingState(.fresh(seed: variantSpec.seed))
            var note: String?
            if let diagnostic = train(variant: state, spec: variantSpec, budget: budget, range: range) {
                guard diagnostic.id == .divergence else { return .failure(diagnostic) }
                note = diagnostic.message
            }
            runs.append(comparedRun(name: name, state: state, spec: variantSpec, grid: grid, range: range,
                                    note: note))
        }
        let (pointsX, pointsY) = data.shape.isScalar
            ? (data.inputs.map(Double.init), data.targets.map(Double.init)) : ([], [])
        return .success(Comparison(title: options.file, grid: grid, target: target, pointsX: pointsX,
                                   pointsY: pointsY, runs: runs))
    }

    /// Trains a variant's state quietly, its schedule spanning the whole budget.
    private func train(variant state: TrainingState, spec: SessionSpec, budget: TrainBudget,
                       range: SourceRange) -> Diagnostic? {
        switch prepareTraining(state, spec: spec, count: budget.count, unit: budget.unit, range: range,
                               announce: false) {
        case .failure(let diagnostic):
            return diagnostic
        case .success(let prepared):
            return runTraining(prepared, state: state, spec: spec,
                               scheduleSpan: budget.unit == .iterations ? budget.count : nil, range: range,
                               showsProgress: false, stopsOnInterrupt: false)
        }
    }

    /// The range runtime diagnostics of a comparison point at: the whole current source (a recipe's or a line's).
    var currentRange: SourceRange { SourceRange.startOfFile(options.file) }

    // MARK: - This session as one run of a comparison

    /// The session's current model as a run of a comparison: its metrics, its fit on `grid` and its losses.
    func comparedRun(name: String, grid: [Double]) -> ComparedRun {
        comparedRun(name: name, state: training, spec: spec, grid: grid, range: currentRange, note: nil)
    }

    /// The session's data: its x range and, for a function, its noiseless target and points (nil before `data`;
    /// empty for data that is not 1-D, whose runs compare on their metrics and losses alone).
    func comparisonFrame() -> (grid: [Double], target: [Double]?, pointsX: [Double], pointsY: [Double])? {
        guard case .success(let data) = ensureData(range: currentRange) else { return nil }
        guard data.shape.isScalar else { return ([], nil, [], []) }
        let grid = DataGenerator.grid(data.interval, count: Interpreter.reportGridPoints)
        return (grid, data.spec.map { spec in grid.map { spec.target(at: $0) } },
                data.inputs.map(Double.init), data.targets.map(Double.init))
    }

    private func comparedRun(name: String, state: TrainingState, spec: SessionSpec, grid: [Double],
                             range: SourceRange, note: String?) -> ComparedRun {
        let losses = state.position.losses
        var metrics: [String: Double] = ["seconds": state.position.trainSeconds]
        if let loss = losses.last { metrics["loss"] = loss }
        if case .success(let values) = reportValues(of: state, spec: spec, range: range) {
            if let fit = values.metrics {
                metrics["mse"] = fit.mse
                metrics["max_error"] = fit.maxError
                metrics["extrema"] = Double(fit.fitExtremaCount)
                metrics["target_extrema"] = Double(fit.targetExtremaCount)
            }
            if let classification = values.classification {
                metrics["accuracy"] = classification.accuracy(rows: values.rows)
            }
            if let regression = values.regression {
                metrics["mse"] = regression.totalMSE
                metrics["r2"] = regression.totalR2
            }
        }
        let fit = (try? predictValues(grid, of: state, spec: spec, range: range).get()) ?? []
        return ComparedRun(name: name, metrics: metrics, fit: fit.allSatisfy(\.isFinite) ? fit : [],
                           losses: losses, note: note)
    }
}
