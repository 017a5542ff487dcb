// MARK: - Losses

/// A loss between a prediction and a target of the same shape, reduced to a scalar as PyTorch's defaults do.
public enum Loss: Hashable, Sendable {
    /// Mean of squared errors.
    case mse
    /// Sum of squared errors.
    case sse
    /// Mean of absolute errors.
    case l1
    /// Mean Huber loss: `½d²` where `|d| < delta`, else `delta·(|d| − ½delta)`.
    case huber(delta: Float)

    /// The divisor of the summed per-element terms.
    func normaliser(count: Int) -> Float {
        self == .sse ? 1 : Float(count)
    }

    /// The per-element term for error `d = prediction − target`.
    @inline(__always)
    func term(_ d: Float) -> Float {
        switch self {
        case .mse, .sse: return d * d
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
        case .l1: return d > 0 ? 1 : d < 0 ? -1 : 0
        case let .huber(delta): return d >= delta ? delta : d <= -delta ? -delta : d
        }
    }
}

extension Kernel {
    /// The loss value, summed in a fixed order: per-element terms in blocks of eight lanes, like `fixedOrderSum`.
    func forwardLoss(_ loss: Loss) {
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
