import NNTensor

// MARK: - Set-up lints

extension Interpreter {
    /// Before training: first-layer saturation and an output activation that cannot reach the targets.
    func lintBeforeTraining(data: DataSet, range: SourceRange) {
        let network = training.network
        guard let first = network.layers.first else { return }
        let k = data.shape.inputCount
        let inputRanges = (0..<k).map { column in
            let values = stride(from: column, to: data.inputs.count, by: k).map { Double(data.inputs[$0]) }
            return (values.min() ?? 0)...(values.max() ?? 0)
        }
        if network.layers.count > 1, case .builtin(let activation, _) = first.activation,
           let lint = SetupLints.inputSaturation(
               activation: activation.rawValue, inputRanges: inputRanges,
               weights: first.dense.weight.value.array.map(Double.init),
               biases: first.dense.bias?.value.array.map(Double.init) ?? []) {
            emit(lint, range: range)
        }
        // Class targets are labels, not values an output reaches: no range to compare with.
        if !data.shape.isClassification, let last = network.layers.last,
           case .builtin(let activation, _) = last.activation,
           let reach = Interpreter.outputReach(activation) {
            let lo = Double(data.targets.min() ?? 0), hi = Double(data.targets.max() ?? 0)
            if let lint = SetupLints.outputRange(activation: activation.rawValue, outputLower: reach.lowerBound,
                                                 outputUpper: reach.upperBound, targetMin: lo, targetMax: hi) {
                emit(lint, range: range)
            }
        }
    }

    /// After training: plain gradient descent whose loss barely moves, or oscillates.
    func lintAfterTraining(range: SourceRange) {
        guard spec.optimizer.kind == .sgd else { return }
        let losses = training.position.losses
        let window = min(1000, losses.count / 3)
        let name = "sgd lr=\(NumberFormat.short(spec.optimizerConfig.learningRate))"
        if let lint = SetupLints.lossBarelyMoves(losses: losses, window: window, optimizer: name)
            ?? SetupLints.lossOscillates(losses: losses, window: window, optimizer: name) {
            emit(lint, range: range)
        }
    }

    private func emit(_ lint: SetupLint, range: SourceRange) {
        guard ledger.printedLints.insert(lint.message).inserted else { return }
        warn(.setupLint(lint.message, advice: lint.advice, at: range))
    }

    /// The open range an output activation can produce, for the ones that are bounded.
    static func outputReach(_ activation: Activation) -> ClosedRange<Double>? {
        switch activation {
        case .tanh: return -1...1
        case .sigmoid: return 0...1
        case .relu, .softplus: return 0...Double.greatestFiniteMagnitude
        case .sin: return -1...1
        default: return nil
        }
    }
}
