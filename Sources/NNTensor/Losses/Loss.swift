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
        if case .crossEntropy = loss { return forwardCrossEntropy() }
        let p = a.data, t = b.data, count = a.count
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            var block = SIMD8<Float>()
            for lane in 0..<8 { block[lane] = loss.term(p[i + lane] - t[i + lane]) }
            lanes += block
            i += 8
        }
        var tail: Float = 0
        while i < count {
            tail += loss.term(p[i] - t[i])
            i += 1
        }
        output.data[0] = (lanes.sum() + tail) / loss.normaliser(count: count)
    }

    /// `dprediction = g · term′(d) / N`, and `dtarget = −dprediction` when the target needs a gradient.
    func backwardLoss(_ loss: Loss) {
        guard let g = outputGrad else { return }
        if case .crossEntropy = loss { return backwardCrossEntropy(scale: g[0]) }
        let p = a.data, t = b.data, scale = g[0] / loss.normaliser(count: a.count)
        let dp = aGrad, dt = bGrad, accumulateP = accumulateA, accumulateT = accumulateB
        Chunking.forEach(count: a.count) { start, count in
            for i in start..<(start + count) {
                let value = scale * loss.slope(p[i] - t[i])
                if let dp { store(value, dp, i, accumulate: accumulateP) }
                if let dt { store(-value, dt, i, accumulate: accumulateT) }
            }
        }
    }
}
