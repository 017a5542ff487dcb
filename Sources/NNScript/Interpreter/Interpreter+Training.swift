import Foundation
import NNTensor

// MARK: - Training

/// A `train` made ready: the data, the batch, the compiled step and the optimizer it runs with.
struct PreparedTraining {
    let data: DataSet
    /// The training rows as the network's inputs (`data.inputs` unless `features` or `normalize` change them).
    let inputs: [Float]
    let batch: Int
    let steps: Int
    let trainer: Trainer
    let optimizer: Optimizer
}

extension Interpreter {
    /// `train N [iterations|epochs]`: continues from the current weights.
    func train(count: Int, unit: TrainUnit, range: SourceRange) -> Diagnostic? {
        let prepared: PreparedTraining
        switch prepareTraining(training, spec: spec, count: count, unit: unit, range: range,
                               announce: !options.quiet) {
        case .success(let p): prepared = p
        case .failure(let diagnostic): return diagnostic
        }
        describeSetup(data: prepared.data, batch: prepared.batch)
        lintBeforeTraining(data: prepared.data, range: range)
        if let diagnostic = runTraining(prepared, state: training, spec: spec, scheduleSpan: nil, range: range,
                                        showsProgress: !options.quiet) {
            return diagnostic
        }
        lintAfterTraining(range: range)
        return nil
    }

    /// Checks a `train` of `state` with `spec` against the limits, then makes its data, model, optimizer and
    /// compiled step (reusing what the cache holds for them).
    func prepareTraining(_ state: TrainingState, spec: SessionSpec, count: Int, unit: TrainUnit,
                         range: SourceRange, announce: Bool) -> Result<PreparedTraining, Diagnostic> {
        // Refused before the data is generated when its size is known already (CSV data: once it is read).
        if let samples = plannedSamples, let refusal = checkTraining(
            state, spec: spec, samples: samples, count: count, unit: unit, range: range) {
            return .failure(refusal)
        }
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if let refusal = checkTraining(state, spec: spec, samples: data.count, count: count, unit: unit,
                                       range: range) {
            return .failure(refusal)
        }
        let inputs: [Float]
        switch networkInputs(spec: spec, range: range) {
        case .success(let made): inputs = made.rows
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let (batch, steps) = trainingSteps(spec: spec, samples: data.count, count: count, unit: unit)
        if let diagnostic = ensureModel(state, spec: spec, range: range, announce: announce) {
            return .failure(diagnostic)
        }
        let optimizer: Optimizer
        do { optimizer = try state.optimizer(for: spec.optimizerConfig) } catch {
            return .failure(.invalidOptimizerAtRuntime("\(error)", at: range))
        }
        let loss = spec.runtimeLoss(for: data.shape)
        let key = TrainerKey(model: ModelKey(state.network, environment: spec.environment), batch: batch, loss: loss)
        let compiled = programs.trainer.value(for: key) { () -> Result<Trainer, Diagnostic> in
            do {
                return .success(try Trainer(network: state.network, batch: batch, loss: loss,
                                            activations: ActivationCompiler(environment: spec.environment)))
            } catch {
                return .failure(.modelCompileFailed("\(error)", at: range))
            }
        }
        return compiled.map { PreparedTraining(data: data, inputs: inputs, batch: batch, steps: Int(steps), trainer: $0,
                                               optimizer: optimizer) }
    }

    /// Runs a prepared `train` on `state`: the loop, then its summary line when `showsProgress`; Ctrl-C stops it
    /// after the current step when `stopsOnInterrupt`. The schedule
    /// spans `scheduleSpan` steps when given (a `compare` variant's budget), else the optimizer's steps so far
    /// plus this statement's, known when it starts, so a REPL session (which cannot see its future statements)
    /// and its saved recipe train alike.
    func runTraining(_ prepared: PreparedTraining, state: TrainingState, spec: SessionSpec, scheduleSpan: Int?,
                     range: SourceRange, showsProgress: Bool, stopsOnInterrupt: Bool = true) -> Diagnostic? {
        let (data, batch, total, trainer, optimizer) = (prepared.data, prepared.batch, prepared.steps,
                                                        prepared.trainer, prepared.optimizer)
        let baseLR = Float(spec.optimizerConfig.learningRate)
        let schedule = spec.runtimeSchedule
        let span = spec.schedule.total ?? max(scheduleSpan ?? 0, optimizer.stepCount + total)
        let minibatch = batch < data.count
        // The loop works on a local copy of the position (written back below): nothing else reads it meanwhile.
        var position = state.position
        defer { state.position = position }
        if minibatch && position.permutation.count != data.count {
            position.permutation = Array(0..<data.count)
            position.shuffleStream.shuffle(&position.permutation)
            position.batchCursor = 0
        }
        position.losses.reserveCapacity(position.losses.count + total)
        if stopsOnInterrupt { interruptFlag.store(false, ordering: .relaxed) }
        let clock = ContinuousClock()
        let start = clock.now
        var lastDraw = start
        var done = 0
        var divergedLoss: Float?
        prepared.inputs.withUnsafeBufferPointer { xs in
            data.targets.withUnsafeBufferPointer { ys in
                // A full batch is the same every step: loaded once.
                if !minibatch { trainer.load(xs: xs.baseAddress!, ys: ys.baseAddress!, indices: nil, start: 0) }
                while done < total {
                    if minibatch {
                        if position.batchCursor + batch > data.count {
                            position.shuffleStream.shuffle(&position.permutation)
                            position.batchCursor = 0
                        }
                        position.permutation.withUnsafeBufferPointer { indices in
                            trainer.load(xs: xs.baseAddress!, ys: ys.baseAddress!, indices: indices.baseAddress!,
                                         start: position.batchCursor)
                        }
                        position.batchCursor += batch
                    }
                    let loss = trainer.step()
                    guard loss.isFinite else { divergedLoss = loss; break }
                    let rate = schedule.learningRate(step: optimizer.stepCount, base: baseLR, totalSteps: span)
                    optimizer.step(learningRate: rate)
                    position.losses.append(Double(loss))
                    done += 1
                    position.iterations += 1
                    if stopsOnInterrupt && interruptFlag.load(ordering: .relaxed) { break }
                    if showsProgress && options.isTerminal && done % 16 == 0 {
                        let now = clock.now
                        if now - lastDraw > .milliseconds(100) {
                            lastDraw = now
                            drawProgress(done: done, total: total, loss: Double(loss), since: start, clock: clock)
                        }
                    }
                }
            }
        }
        position.trainSeconds += elapsedSeconds(since: start, clock: clock)
        let interrupted = stopsOnInterrupt && interruptFlag.load(ordering: .relaxed)
        if showsProgress {
            let progress = TrainingProgress(iteration: done, total: total, loss: position.losses.last ?? .nan,
                                            elapsedSeconds: elapsedSeconds(since: start, clock: clock))
            if options.isTerminal {
                out.write("\r" + RunText.progressBar(progress, width: options.width) + "\n")
            } else {
                out.write(RunText.trainingSummary(progress) + "\n")
            }
            if interrupted { out.write(RunText.labelled("", "interrupted at iteration \(done); weights kept") + "\n") }
        }
        if let divergedLoss {
            return divergence(iteration: position.iterations + 1, loss: Double(divergedLoss), at: range, spec: spec)
        }
        if state.network.parameters.contains(where: { p in
            (0..<p.value.count).contains { !p.value.data[$0].isFinite }
        }) {
            return divergence(iteration: position.iterations, loss: .nan, at: range, spec: spec)
        }
        return nil
    }

    /// The divergence error, advising only what `spec` does not already do.
    private func divergence(iteration: Int, loss: Double, at range: SourceRange, spec: SessionSpec) -> Diagnostic {
        var diagnostic = Diagnostic.divergence(iteration: iteration, loss: loss, at: range)
        var advice = ["a smaller learning rate than lr=\(NumberFormat.short(spec.optimizerConfig.learningRate))"]
        if spec.optimizer.kind != .adam {
            advice.append("'optimizer adam'")
        } else if spec.optimizer.options[.clip] == nil {
            advice.append("gradient clipping ('clip=1' on the optimizer line)")
        }
        diagnostic.notes = ["try " + advice.joined(separator: ", or ")]
        return diagnostic
    }

    private func elapsedSeconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private func drawProgress(done: Int, total: Int, loss: Double, since start: ContinuousClock.Instant,
                              clock: ContinuousClock) {
        let progress = TrainingProgress(iteration: done, total: total, loss: loss,
                                        elapsedSeconds: elapsedSeconds(since: start, clock: clock))
        out.write("\r" + RunText.progressBar(progress, width: options.width))
    }

    /// The `data`, `model` and `train` lines, printed before training whenever the set-up changed.
    private func describeSetup(data: DataSet, batch: Int) {
        let architecture = training.network.architecture
        let model = ModelOverview(
            inputs: architecture.inputs,
            layers: architecture.layers.map { LayerOverview(units: $0.outputs, activation: $0.activation.description) },
            parameters: architecture.parameterCount)
        let train = trainDescription(batchSize: batch < data.count ? batch : nil)
        var lines = [RunText.data(data.description), RunText.model(model), RunText.train(train)]
        if let inputs = inputsDescription { lines.insert(RunText.labelled("inputs", inputs), at: 1) }
        let text = lines.joined(separator: "\n")
        guard text != ledger.describedSetup else { return }
        ledger.describedSetup = text
        if !self.options.quiet { out.write(text + "\n") }
    }

    /// What `features` and `normalize` make of the inputs, for the run header: `features x1, x2, x1 * x2 ·
    /// normalized with the training rows' mean and std`; nil when the network reads the raw inputs.
    var inputsDescription: String? {
        var parts: [String] = []
        if let features = spec.features { parts.append("features " + features.texts.joined(separator: ", ")) }
        if spec.normalize { parts.append("normalized with the training rows' mean and std") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The optimizer, schedule, loss and batch as the `train` line shows them (nil batch: full batch).
    func trainDescription(batchSize: Int?) -> TrainDescription {
        let config = spec.optimizerConfig
        var options: [TrainDescription.Option] = [TrainDescription.Option(name: "lr", value: config.learningRate)]
        for (option, value) in spec.optimizer.options.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where option != .lr {
            options.append(TrainDescription.Option(name: option.rawValue, value: value))
        }
        let schedule: String? = spec.schedule.shape == .constant && spec.schedule.warmup == 0 ? nil
            : spec.schedule.recipeText
        return TrainDescription(optimizer: spec.optimizer.kind.rawValue, options: options,
                                loss: spec.lossSpec(for: dataShape(of: spec)).kind.rawValue, batchSize: batchSize,
                                schedule: schedule)
    }
}
