import Foundation
import NNTensor

// MARK: - Metrics, report, expectations

/// The numbers a report shows and `expect` checks, computed once per state of the weights.
struct ReportValues {
    var finalLoss: Double?
    var grid: [Double]
    var prediction: [Double]
    var truth: [Double]?
    var metrics: FitMetrics?
    /// The holdout's numbers (a `holdout` statement).
    var holdout: HoldoutMetrics?
    var parameters: Int
    /// Data of class targets: how the training rows are labelled.
    var classification: ClassificationMetrics?
    /// Data of several inputs or outputs with numeric targets: the fit at the training rows.
    var regression: RegressionMetrics?
    /// The rows the two above were computed over.
    var rows = 0

    /// The holdout's mean squared error (numeric targets).
    var holdoutMSE: Double? { holdout?.mse }
}

extension Interpreter {
    /// The points of the report grid over the data range.
    static let reportGridPoints = 2001

    /// The session network's first output at each x.
    func predictValues(_ xs: [Double], range: SourceRange) -> Result<[Double], Diagnostic> {
        predictValues(xs, of: training, spec: spec, range: range)
    }

    /// `state`'s network's first output at each x (a compiled forward pass per distinct count, reused).
    func predictValues(_ xs: [Double], of state: TrainingState, spec: SessionSpec, range: SourceRange)
        -> Result<[Double], Diagnostic>
    {
        guard !xs.isEmpty else {
            return ensureModel(state, spec: spec, range: range, announce: !options.quiet).map { .failure($0) }
                ?? .success([])
        }
        if spec.features != nil || spec.normalize {
            return predictRows(xs, points: xs.count, of: state, spec: spec, range: range).map { rows in
                (0..<xs.count).map { rows.values[$0 * rows.columns] }
            }
        }
        return predictor(points: xs.count, of: state, spec: spec, range: range).map { $0.predict(xs) }
    }

    /// Every output of `state`'s network at `points` points whose raw coordinates `inputs` holds, row-major (the
    /// features and the normalisation are applied here, as to the training rows).
    func predictRows(_ inputs: [Double], points: Int, of state: TrainingState, spec: SessionSpec,
                     range: SourceRange) -> Result<(values: [Double], columns: Int), Diagnostic> {
        let pipeline: InputPipeline
        switch inputPipeline(spec: spec, range: range) {
        case .success(let p): pipeline = p
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let networkInputs = pipeline.isIdentity ? inputs : pipeline.apply(inputs, rows: points)
        return predictor(points: points, of: state, spec: spec, range: range).map { $0.predictRows(networkInputs) }
    }

    /// The compiled forward pass of `state`'s network for `count` points (one per distinct count, reused).
    private func predictor(points count: Int, of state: TrainingState, spec: SessionSpec, range: SourceRange)
        -> Result<Predictor, Diagnostic>
    {
        if let diagnostic = ensureModel(state, spec: spec, range: range, announce: !options.quiet) {
            return .failure(diagnostic)
        }
        let key = ModelKey(state.network, environment: spec.environment)
        var passes = programs.predictors.value(for: key) ?? [:]
        if let cached = passes[count] { return .success(cached) }
        let needs = MemoryNeeds(samples: plannedSamples, trainingBatch: programs.trainer.current?.batch,
                                predictionPoints: passes.keys.sorted() + [count],
                                losses: state.position.losses.count,
                                optimizer: state.liveOptimizer(for: spec.optimizerConfig) != nil)
        if let refusal = checkMemory(needs, what: "predicting at \(count) points", at: range, spec: spec) {
            return .failure(refusal)
        }
        // Keep the report grid's pass and at most two others: each holds buffers for all of its points.
        if passes.count > 2 { passes = passes.filter { $0.key == Interpreter.reportGridPoints } }
        let predictor: Predictor
        do {
            predictor = try Predictor(network: state.network, count: count,
                                      activations: ActivationCompiler(environment: spec.environment))
        } catch {
            return .failure(.modelCompileFailed("\(error)", at: range))
        }
        passes[count] = predictor
        programs.predictors.store(passes, for: key)
        return .success(predictor)
    }

    /// Every report number for the session's current weights.
    func reportValues(range: SourceRange) -> Result<ReportValues, Diagnostic> {
        reportValues(of: training, spec: spec, range: range)
    }

    /// Computes (or reuses) every report number for `state`'s current weights.
    func reportValues(of state: TrainingState, spec: SessionSpec, range: SourceRange)
        -> Result<ReportValues, Diagnostic>
    {
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if let diagnostic = ensureModel(state, spec: spec, range: range, announce: !options.quiet) {
            return .failure(diagnostic)
        }
        guard let source = spec.data else { return .failure(.missingDataAtRuntime(at: range)) }
        let key = ReportKey(model: ModelKey(state.network, environment: spec.environment),
                            weightsSHA256: state.network.weightsSHA256, data: DataKey(source: source, seed: spec.seed),
                            holdout: spec.holdout, features: spec.features, normalize: spec.normalize,
                            loss: spec.loss)
        let values = programs.report.value(for: key) {
            computeReport(state, spec: spec, data: data, range: range)
        }
        // The final loss is read afresh: it is not what the report's other numbers were computed from.
        return values.map { values in
            var values = values
            values.finalLoss = state.position.losses.last
            return values
        }
    }

    private func computeReport(_ state: TrainingState, spec: SessionSpec, data: DataSet, range: SourceRange)
        -> Result<ReportValues, Diagnostic>
    {
        guard data.shape.isScalar else { return computeRowReport(state, spec: spec, data: data, range: range) }
        let grid = DataGenerator.grid(data.interval, count: Interpreter.reportGridPoints)
        let prediction: [Double]
        switch predictValues(grid, of: state, spec: spec, range: range) {
        case .success(let p): prediction = p
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let truth = data.spec.map { spec in grid.map { spec.target(at: $0) } }
        let metrics = truth.flatMap { try? FitMetrics.compute(grid: grid, prediction: prediction, truth: $0) }
        return holdoutMetrics(state, spec: spec, data: data, range: range).map { holdout in
            ReportValues(finalLoss: nil, grid: grid, prediction: prediction, truth: truth, metrics: metrics,
                         holdout: holdout, parameters: state.network.architecture.parameterCount)
        }
    }

    /// `report`: how good the fit is and why.
    func report(range: SourceRange) -> Diagnostic? {
        let values: ReportValues
        switch reportValues(range: range) {
        case .success(let v): values = v
        case .failure(let diagnostic): return diagnostic
        }
        guard let data = currentData else { return nil }
        guard data.shape.isScalar else {
            out.write(rowReportText(values, data: data) + "\n")
            return writePicture(data, values: values, file: nil, scatterHeight: 8, range: range)
        }
        let plot = FitPlotData(title: options.file, grid: values.grid, target: values.truth, fit: values.prediction,
                               pointsX: data.inputs.map(Double.init), pointsY: data.targets.map(Double.init))
        let report = RunReport(finalLoss: values.finalLoss, metrics: values.metrics, holdoutMSE: values.holdoutMSE,
                               losses: training.position.losses, plot: plot)
        out.write(RunText.report(report, width: options.width, plotHeight: 8, color: options.color) + "\n")
        return nil
    }

    /// The value of a metric for `expect` and the JSON summary.
    func metricValue(_ metric: Metric, range: SourceRange) -> Result<Double, Diagnostic> {
        if metric == .parameters {
            _ = ensureModel(range: range)
            return .success(Double(architecture(of: spec).parameterCount))
        }
        if let problem = metricProblem(metric, range: range) { return .failure(problem) }
        let values: ReportValues
        switch reportValues(range: range) {
        case .success(let v): values = v
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let value: Double?
        switch metric {
        case .loss: value = values.finalLoss
        case .mse: value = values.regression?.totalMSE ?? values.metrics?.mse
        case .r2: value = values.regression?.totalR2 ?? values.scalarR2
        case .accuracy: value = values.classification?.accuracy(rows: values.rows)
        case .maxError: value = values.metrics?.maxError
        case .extrema: value = values.metrics.map { Double($0.fitExtremaCount) }
        case .targetExtrema: value = values.metrics.map { Double($0.targetExtremaCount) }
        case .holdoutMSE: value = values.holdoutMSE
        case .holdoutLoss: value = values.holdout?.loss
        case .holdoutR2: value = values.holdout?.r2
        case .holdoutAccuracy: value = values.holdout?.accuracy
        case .parameters: value = Double(values.parameters)
        }
        guard let value else { return .failure(.metricUnavailable(metric.rawValue, at: range)) }
        return .success(value)
    }

    /// `expect METRIC OP VALUE`: a failed expectation fails the run but does not stop it.
    func expect(_ expectation: Expectation, range: SourceRange) -> Diagnostic? {
        let actual: Double
        switch metricValue(expectation.metric, range: range) {
        case .success(let v): actual = v
        case .failure(let diagnostic): return diagnostic
        }
        let expected: Double
        let valueText: String
        switch expectation.value {
        case .number(let number):
            expected = number
            valueText = NumberFormat.short(number)
        case .metric(let other):
            switch metricValue(other, range: range) {
            case .success(let v): expected = v
            case .failure(let diagnostic): return diagnostic
            }
            valueText = other.rawValue
        }
        let passed = expectation.comparison.holds(actual, expected)
        let text = "\(expectation.metric.rawValue) \(expectation.comparison.rawValue) \(valueText)"
        var actualText = "\(expectation.metric.rawValue) = \(NumberFormat.short(actual))"
        if case .metric(let other) = expectation.value { actualText += ", \(other.rawValue) = \(NumberFormat.short(expected))" }
        let outcome = ExpectationOutcome(text: text, passed: passed, actual: passed ? nil : actualText)
        if passed {
            ledger.expectationsPassed += 1
        } else {
            ledger.expectationsFailed += 1
            ledger.failures.append("expect \(text) (\(actualText))")
        }
        if !options.quiet || !passed {
            out.write(RunText.expectations([outcome], width: options.width) + "\n")
        }
        if !passed { warn(.expectationFailed(text, actual: actualText, at: range)) }
        return nil
    }

    // MARK: - Predictions

    /// `predict X, …`: one line per input.
    func predict(_ points: [[Double]], range: SourceRange) -> Diagnostic? {
        if let diagnostic = readTableIfAny(range: range) { return diagnostic }
        let shape = dataShape(of: spec)
        if !shape.isScalar || points.contains(where: { $0.count != 1 }) {
            return predictPoints(points, shape: shape, range: range)
        }
        return predict(points.map { $0[0] }, range: range)
    }

    /// `predict X, …` of one input: one line per point.
    func predict(_ xs: [Double], range: SourceRange) -> Diagnostic? {
        switch predictValues(xs, range: range) {
        case .failure(let diagnostic): return diagnostic
        case .success(let ys):
            for (x, y) in zip(xs, ys) {
                out.write("predict x = \(NumberFormat.short(x)) → \(String(format: "%.6g", y))\n")
            }
            return nil
        }
    }

    /// `predict on [A, B] samples N ["file.csv"]`: evenly spaced predictions, printed or written as CSV.
    func predictRange(_ interval: Interval, samples: Int, file: String?, range: SourceRange) -> Diagnostic? {
        if let diagnostic = readTableIfAny(range: range) { return diagnostic }
        let shape = dataShape(of: spec)
        guard shape.isScalar else {
            return .targetMismatch("'predict on [A, B]' spaces points of one input; this data has " + shape.summary,
                                   at: range, notes: ["predict points of every input: predict (0.5, 1.2), (1, -2)"])
        }
        let xs = DataGenerator.grid(interval, count: samples)
        switch predictValues(xs, range: range) {
        case .failure(let diagnostic): return diagnostic
        case .success(let ys):
            guard let file else { return predict(xs, range: range) }
            let text = PredictionCSV.render(inputs: xs.map { [$0] }, outputs: ys.map { [$0] })
            return writeFile(text, to: file, range: range, what: "predictions")
        }
    }

    /// Writes a text file atomically, saying where it went.
    func writeFile(_ text: String, to file: String, range: SourceRange, what: String) -> Diagnostic? {
        let resolved: String
        switch allowedPath(file, for: .write, at: pathRange(in: range)) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        do {
            try AtomicFile.write(text, to: resolved)
        } catch {
            return .fileNotWritable(file, reason: "\(error)", at: range)
        }
        if !options.quiet { out.write(RunText.labelled("wrote", "\(file) (\(what))") + "\n") }
        return nil
    }

    // MARK: - Plots

    /// `plot fit|loss ["file.svg"]`.
    func plot(_ kind: PlotKind, file: String?, range: SourceRange) -> Diagnostic? {
        switch kind {
        case .loss:
            if let file {
                return writeFile(SVGPlot.loss(title: options.file, losses: training.position.losses), to: file, range: range,
                                 what: "loss plot")
            }
            out.write(TerminalPlot.loss(training.position.losses, width: options.width, height: 12, color: options.color) + "\n")
        case .fit:
            let values: ReportValues
            switch reportValues(range: range) {
            case .success(let v): values = v
            case .failure(let diagnostic): return diagnostic
            }
            let data = currentData
            if let data, !data.shape.isScalar {
                return writePicture(data, values: values, file: file, scatterHeight: 16, range: range)
            }
            let plot = FitPlotData(title: options.file, grid: values.grid, target: values.truth,
                                   fit: values.prediction, pointsX: data?.inputs.map(Double.init) ?? [],
                                   pointsY: data?.targets.map(Double.init) ?? [])
            if let file {
                return writeFile(SVGPlot.fit(plot), to: file, range: range, what: "fit plot")
            }
            out.write(TerminalPlot.fit(plot, width: options.width, height: 16, color: options.color) + "\n")
        }
        return nil
    }
}
