// MARK: - Lanes

/// Eight-lane SIMD loops over Float buffers. The tail (fewer than eight elements) goes through the same body with
/// the missing lanes zero, so each update rule is written once.
enum Lanes {
    typealias Vector = SIMD8<Float>

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, _ offset: Int, _ lanes: Int) -> Vector {
        if lanes == Vector.scalarCount {
            return UnsafeRawPointer(pointer + offset).loadUnaligned(as: Vector.self)
        }
        var vector = Vector()
        for lane in 0..<lanes { vector[lane] = pointer[offset + lane] }
        return vector
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>, _ offset: Int, _ lanes: Int) -> Vector {
        load(UnsafePointer(pointer), offset, lanes)
    }

    @inline(__always)
    static func store(_ vector: Vector, _ pointer: UnsafeMutablePointer<Float>, _ offset: Int, _ lanes: Int) {
        if lanes == Vector.scalarCount {
            UnsafeMutableRawPointer(pointer + offset).storeBytes(of: vector, as: Vector.self)
        } else {
            for lane in 0..<lanes { pointer[offset + lane] = vector[lane] }
        }
    }

    /// Calls `body(offset, lanes)` over `0..<count` in chunks of eight, then once for the tail.
    @inline(__always)
    static func forEach(count: Int, _ body: (Int, Int) -> Void) {
        var offset = 0
        while offset + Vector.scalarCount <= count {
            body(offset, Vector.scalarCount)
            offset += Vector.scalarCount
        }
        if offset < count { body(offset, count - offset) }
    }

    /// Σ x² over the buffer, in Float as torch's `vector_norm` of a Float32 tensor.
    static func sumOfSquares(_ pointer: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = Vector()
        forEach(count: count) { offset, lanes in
            let x = load(pointer, offset, lanes)
            accumulator = accumulator.addingProduct(x, x)
        }
        return accumulator.sum()
    }

    /// x *= factor over the buffer.
    static func scale(_ pointer: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        forEach(count: count) { offset, lanes in
            store(load(pointer, offset, lanes) * factor, pointer, offset, lanes)
        }
    }
}

// MARK: - Update rules

/// PyTorch's per-parameter update rules over raw buffers, one function per family. The scalar coefficients are
/// computed by the caller in Double, as torch computes them in Python, and arrive here rounded to Float.
enum UpdateRules {
    /// `torch.optim.SGD`: L2 decay into the gradient, optional (Nesterov) momentum with dampening.
    /// On the first step the momentum buffer is the gradient itself, as torch clones it.
    static func sgd(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                    momentumBuffer: UnsafeMutablePointer<Float>?, count: Int, learningRate: Float,
                    weightDecay: Float, momentum: Float, oneMinusDampening: Float, nesterov: Bool,
                    isFirstStep: Bool) {
        Lanes.forEach(count: count) { i, n in
            let weight = Lanes.load(p, i, n)
            var direction = Lanes.load(g, i, n)
            if weightDecay != 0 { direction = direction.addingProduct(weightDecay, weight) }
            if let buffer = momentumBuffer {
                var velocity = Lanes.load(buffer, i, n)
                velocity = isFirstStep ? direction : (velocity * momentum).addingProduct(oneMinusDampening, direction)
                Lanes.store(velocity, buffer, i, n)
                direction = nesterov ? direction.addingProduct(momentum, velocity) : velocity
            }
            Lanes.store(weight.addingProduct(-learningRate, direction), p, i, n)
        }
    }

    /// `torch.optim.Adam` / `AdamW` (not amsgrad). `decay` multiplies the weights first (AdamW's 1 − lr·wd, or 1);
    /// `weightDecay` is Adam's L2 term (0 for AdamW).
    static func adam(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                     firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
                     count: Int, decay: Float, weightDecay: Float, oneMinusBeta1: Float, beta2: Float,
                     oneMinusBeta2: Float, stepSize: Float, biasCorrection2Sqrt: Float, eps: Float) {
        Lanes.forEach(count: count) { i, n in
            var weight = Lanes.load(p, i, n)
            if decay != 1 { weight *= decay }
            var gradient = Lanes.load(g, i, n)
            if weightDecay != 0 { gradient = gradient.addingProduct(weightDecay, weight) }
            var mean = Lanes.load(m, i, n)
            mean = mean.addingProduct(oneMinusBeta1, gradient - mean)
            let variance = Lanes.load(v, i, n) * beta2 + oneMinusBeta2 * gradient * gradient
            let denominator = variance.squareRoot() / biasCorrection2Sqrt + eps
            Lanes.store(mean, m, i, n)
            Lanes.store(variance, v, i, n)
            Lanes.store(weight + -stepSize * (mean / denominator), p, i, n)
        }
    }

    /// `torch.optim.RMSprop` (not centred), with optional momentum.
    static func rmsprop(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                        squareAverage s: UnsafeMutablePointer<Float>, momentumBuffer: UnsafeMutablePointer<Float>?,
                        count: Int, learningRate: Float, weightDecay: Float, alpha: Float, oneMinusAlpha: Float,
                        eps: Float, momentum: Float) {
        Lanes.forEach(count: count) { i, n in
            let weight = Lanes.load(p, i, n)
            var gradient = Lanes.load(g, i, n)
            if weightDecay != 0 { gradient = gradient.addingProduct(weightDecay, weight) }
            let square = Lanes.load(s, i, n) * alpha + oneMinusAlpha * gradient * gradient
            Lanes.store(square, s, i, n)
            let average = square.squareRoot() + eps
            if let buffer = momentumBuffer {
                let velocity = Lanes.load(buffer, i, n) * momentum + gradient / average
                Lanes.store(velocity, buffer, i, n)
                Lanes.store(weight.addingProduct(-learningRate, velocity), p, i, n)
            } else {
                Lanes.store(weight + -learningRate * (gradient / average), p, i, n)
            }
        }
    }

    /// `torch.optim.Adagrad` (no learning-rate decay, initial accumulator 0).
    static func adagrad(parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                        sum s: UnsafeMutablePointer<Float>, count: Int, learningRate: Float, weightDecay: Float,
                        eps: Float) {
        Lanes.forEach(count: count) { i, n in
            let weight = Lanes.load(p, i, n)
            var gradient = Lanes.load(g, i, n)
            if weightDecay != 0 { gradient = gradient.addingProduct(weightDecay, weight) }
            let sum = Lanes.load(s, i, n) + gradient * gradient
            Lanes.store(sum, s, i, n)
            Lanes.store(weight + -learningRate * (gradient / (sum.squareRoot() + eps)), p, i, n)
        }
    }
}
