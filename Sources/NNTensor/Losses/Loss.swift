// MARK: - Losses

/// A loss between a prediction and a target, reduced to a scalar as PyTorch's defaults do. The elementwise losses
/// take a target of the prediction's shape; `crossEntropy` takes one class label per row.
public enum Loss: Hashable, Sendable {
    /// Mean of squared errors.
    case mse
    /// Sum of squared errors.
    case sse
    /// Mean of absolute errors.
    case l1
    /// Mean Huber loss: `½d²` where `|d| < delta`, else `delta·(|d| − ½delta)`.
    case huber(delta: Float)
    /// Softmax over the prediction's columns (the logits of `K` classes) and the negative log-likelihood of each
    /// row's class, averaged over the rows: PyTorch's `nn.CrossEntropyLoss`. The target is `[rows, 1]` of labels
    /// `0 … K−1` held as Floats; a label that is not one of those makes the loss (and its row's gradient) NaN.
    case crossEntropy

    /// Whether `target` fits `prediction` for this loss: the same shape, or one label column for `crossEntropy`.
    public func accepts(prediction: Shape, target: Shape) -> Bool {
        self == .crossEntropy ? target == Shape(prediction.rows, 1) : target == prediction
    }

    /// The divisor of the summed per-element terms.
    func normaliser(count: Int) -> Float {
        self == .sse ? 1 : Float(count)
    }

    /// The per-element term for error `d = prediction − target` (NaN for `crossEntropy`, which is not elementwise
    /// and has kernels of its own).
    @inline(__always)
    func term(_ d: Float) -> Float {
        switch self {
        case .mse, .sse: return d * d
        case .crossEntropy: return .nan
        case .l1: return Swift.abs(d)
        case let .huber(delta):
            let size = Swift.abs(d)
            return size < delta ? 0.5 * d * d : delta * (size - 0.5 * delta)
        }
    }

    /// The derivative of the per-element term with respect to `d` (PyTorch's: 0 at `d = 0` for l1).
    @inline(__always)
    func slope(_ d: Float) -> Float {
        switch self {
        case .mse, .sse: return 2 * d
        case .crossEntropy: return .nan
        case .l1: return d > 0 ? 1 : d < 0 ? -1 : 0
        case let .huber(delta): return d >= delta ? delta : d <= -delta ? -delta : d
        }
    }
}

extension Kernel {
    /// The loss value, summed in a fixed order: per-element terms in blocks of eight lanes, like `fixedOrderSum`.
    func forwardLoss(_ loss: Loss) {
        switch loss {
        case .crossEntropy: forwardCrossEntropy()
        // A constant loss in each closure, so its switch folds away and the loop is specialised (a switch per
        // element cost more than the arithmetic).
        case .mse: forwardElementwise(loss) { Loss.mse.term($0) }
        case .sse: forwardElementwise(loss) { Loss.sse.term($0) }
        case .l1: forwardElementwise(loss) { Loss.l1.term($0) }
        case let .huber(delta): forwardElementwise(loss) { Loss.huber(delta: delta).term($0) }
        }
    }

    @inline(__always)
    private func forwardElementwise(_ loss: Loss, _ term: (Float) -> Float) {
        let p = a.data, t = b.data, count = a.count
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            var block = SIMD8<Float>()
            for lane in 0..<8 { block[lane] = term(p[i + lane] - t[i + lane]) }
            lanes += block
            i += 8
        }
        var tail: Float = 0
        while i < count {
            tail += term(p[i] - t[i])
            i += 1
        }
        output.data[0] = (lanes.sum() + tail) / loss.normaliser(count: count)
    }

    /// `dprediction = g · term′(d) / N`, and `dtarget = −dprediction` when the target needs a gradient.
    func backwardLoss(_ loss: Loss) {
        guard let g = outputGrad else { return }
        let scale = g[0] / loss.normaliser(count: a.count)
        switch loss {
        case .crossEntropy: backwardCrossEntropy(scale: g[0])
        case .mse: backwardElementwise(scale: scale) { Loss.mse.slope($0) }
        case .sse: backwardElementwise(scale: scale) { Loss.sse.slope($0) }
        case .l1: backwardElementwise(scale: scale) { Loss.l1.slope($0) }
        case let .huber(delta): backwardElementwise(scale: scale) { Loss.huber(delta: delta).slope($0) }
        }
    }

    @inline(__always)
    private func backwardElementwise(scale: Float, _ slope: (Float) -> Float) {
        let p = a.data, t = b.data
        let dp = aGrad, dt = bGrad, accumulateP = accumulateA, accumulateT = accumulateB
        Chunking.forEach(count: a.count) { start, count in
            if let dp, dt == nil, !accumulateP {
                // The usual case (a target that is data), a loop without tests.
                for i in start..<(start + count) { dp[i] = scale * slope(p[i] - t[i]) }
                return
            }
            for i in start..<(start + count) {
                let value = scale * slope(p[i] - t[i])
                if let dp { store(value, dp, i, accumulate: accumulateP) }
                if let dt { store(-value, dt, i, accumulate: accumulateT) }
            }
        }
    }
}
