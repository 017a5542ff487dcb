import Foundation
import NNTensor

// MARK: - Training

extension Session {
    /// `train N [iterations|epochs]`: continues from the current weights.
    func train(count: Int, unit: TrainUnit, range: SourceRange) -> Diagnostic? {
        // Refused before the data is generated when its size is known already (CSV data: once it is read).
        if let samples = plannedSamples, let refusal = checkTraining(samples: samples, count: count, unit: unit,
                                                                     range: range) {
            return refusal
        }
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return diagnostic
        }
        if let refusal = checkTraining(samples: data.count, count: count, unit: unit, range: range) { return refusal }
        let (batch, steps) = trainingSteps(samples: data.count, count: count, unit: unit)
        let total = Int(steps)
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        let optimizer: Optimizer
        do { optimizer = try ensureOptimizer() } catch {
            return .invalidOptimizerAtRuntime("\(error)", at: range)
        }
        if trainer == nil || trainer?.batch != batch {
            do {
                trainer = try Trainer(network: network, batch: batch, loss: spec.runtimeLoss,
                                      activations: ActivationCompiler(environment: spec.environment))
            } catch {
                return .modelCompileFailed("\(error)", at: range)
            }
        }
        guard let trainer else { return nil }
        describeSetup(data: data, batch: batch)
        lintBeforeTraining(data: data, range: range)

        let baseLR = Float(spec.optimizerConfig.learningRate)
        let schedule = spec.runtimeSchedule
        let scheduleSpan = spec.schedule.total ?? max(plannedIterations ?? 0, optimizer.stepCount + total)
        let minibatch = batch < data.count
        if minibatch && permutation.count != data.count {
            permutation = Array(0..<data.count)
            shuffleStream.shuffle(&permutation)
            batchCursor = 0
        }
        losses.reserveCapacity(losses.count + total)
        interruptFlag.store(false, ordering: .relaxed)
        let clock = ContinuousClock()
        let start = clock.now
        var lastDraw = start
        var done = 0
        var divergedLoss: Float?
        data.xs.withUnsafeBufferPointer { xs in
            data.ys.withUnsafeBufferPointer { ys in
                // A full batch is the same every step: loaded once.
                if !minibatch { trainer.load(xs: xs.baseAddress!, ys: ys.baseAddress!, indices: nil, start: 0) }
                while done < total {
                    if minibatch {
                        if batchCursor + batch > data.count {
                            shuffleStream.shuffle(&permutation)
                            batchCursor = 0
                        }
                        permutation.withUnsafeBufferPointer { indices in
                            trainer.load(xs: xs.baseAddress!, ys: ys.baseAddress!, indices: indices.baseAddress!,
                                         start: batchCursor)
                        }
                        batchCursor += batch
                    }
                    let loss = trainer.step()
                    guard loss.isFinite else { divergedLoss = loss; break }
                    let rate = schedule.learningRate(step: optimizer.stepCount, base: baseLR, totalSteps: scheduleSpan)
                    optimizer.step(learningRate: rate)
                    losses.append(Double(loss))
                    done += 1
                    iterations += 1
                    if interruptFlag.load(ordering: .relaxed) { break }
                    if options.isTerminal && !options.quiet && done % 16 == 0 {
                        let now = clock.now
                        if now - lastDraw > .milliseconds(100) {
                            lastDraw = now
                            drawProgress(done: done, total: total, loss: Double(loss), since: start, clock: clock)
                        }
                    }
                }
            }
        }
        let elapsed = clock.now - start
        trainSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        cachedReport = nil
        let interrupted = interruptFlag.load(ordering: .relaxed)
        if !options.quiet {
            let progress = TrainingProgress(iteration: done, total: total, loss: losses.last ?? .nan,
                                            elapsedSeconds: elapsedSeconds(since: start, clock: clock))
            if options.isTerminal {
                out.write("\r" + RunText.progressBar(progress, width: options.width) + "\n")
            } else {
                out.write(RunText.trainingSummary(progress) + "\n")
            }
            if interrupted { out.write(RunText.labelled("", "interrupted at iteration \(done); weights kept") + "\n") }
        }
        if let divergedLoss {
            return .divergence(iteration: iterations + 1, loss: Double(divergedLoss), at: range)
        }
        if network.parameters.contains(where: { p in (0..<p.value.count).contains { !p.value.data[$0].isFinite } }) {
            return .divergence(iteration: iterations, loss: .nan, at: range)
        }
        lintAfterTraining(range: range)
        return nil
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
        let architecture = network.architecture
        let model = ModelOverview(
            inputs: architecture.inputs,
            layers: architecture.layers.map { LayerOverview(units: $0.outputs, activation: $0.activation.description) },
            parameters: architecture.parameterCount)
        let train = trainDescription(batchSize: batch < data.count ? batch : nil)
        let text = [RunText.data(data.description), RunText.model(model), RunText.train(train)]
            .joined(separator: "\n")
        guard text != describedSetup else { return }
        describedSetup = text
        if !self.options.quiet { out.write(text + "\n") }
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
                                loss: spec.loss.kind.rawValue, batchSize: batchSize, schedule: schedule)
    }
}
