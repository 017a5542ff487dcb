// MARK: - Update rules

// PyTorch's per-parameter update rules as SIMD kernels, one per family. The scalar coefficients are computed by the
// caller in Double, as torch computes them in Python, and arrive here rounded to Float. The order of operations
// follows torch's CPU kernels (`add(alpha:)` is a fused multiply-add, `addcmul` is `self + (value·t1)·t2`), so the
// results agree to the last bits rather than merely to the maths.

/// `torch.optim.SGD`: L2 decay into the gradient, optional (Nesterov) momentum with dampening.
/// On the first step the momentum buffer is the gradient itself, as torch clones it.
struct SGDKernel: LaneKernel {
    let parameter: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let momentumBuffer: UnsafeMutablePointer<Float>?
    let learningRate: Float
    let weightDecay: Float
    let momentum: Float
    let oneMinusDampening: Float
    let nesterov: Bool
    let isFirstStep: Bool

    @inline(__always)
    mutating func apply(_ i: Int, _ n: Int) {
        let weight = Lanes.load(parameter, i, n)
        var direction = Lanes.load(gradient, i, n)
        if weightDecay != 0 { direction = direction.addingProduct(weightDecay, weight) }
        if let buffer = momentumBuffer {
            var velocity = Lanes.load(buffer, i, n)
            velocity = isFirstStep ? direction : (velocity * momentum).addingProduct(oneMinusDampening, direction)
            Lanes.store(velocity, buffer, i, n)
            direction = nesterov ? direction.addingProduct(momentum, velocity) : velocity
        }
        Lanes.store(weight.addingProduct(-learningRate, direction), parameter, i, n)
    }
}

/// `torch.optim.Adam` / `AdamW` (not amsgrad). `decay` multiplies the weights first (AdamW's 1 − lr·wd, or 1);
/// `weightDecay` is Adam's L2 term (0 for AdamW).
struct AdamKernel: LaneKernel {
    let parameter: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let firstMoment: UnsafeMutablePointer<Float>
    let secondMoment: UnsafeMutablePointer<Float>
    let decay: Float
    let weightDecay: Float
    let oneMinusBeta1: Float
    let beta2: Float
    let oneMinusBeta2: Float
    let stepSize: Float
    let biasCorrection2Sqrt: Float
    let eps: Float

    @inline(__always)
    mutating func apply(_ i: Int, _ n: Int) {
        var weight = Lanes.load(parameter, i, n)
        if decay != 1 { weight *= decay }
        var g = Lanes.load(gradient, i, n)
        if weightDecay != 0 { g = g.addingProduct(weightDecay, weight) }
        var mean = Lanes.load(firstMoment, i, n)
        mean = mean.addingProduct(oneMinusBeta1, g - mean)
        let variance = Lanes.load(secondMoment, i, n) * beta2 + oneMinusBeta2 * g * g
        let denominator = Lanes.squareRootOfNonNegative(variance) / biasCorrection2Sqrt + eps
        Lanes.store(mean, firstMoment, i, n)
        Lanes.store(variance, secondMoment, i, n)
        Lanes.store(weight + -stepSize * (mean / denominator), parameter, i, n)
    }
}

/// `torch.optim.RMSprop` (not centred), with optional momentum.
struct RMSpropKernel: LaneKernel {
    let parameter: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let squareAverage: UnsafeMutablePointer<Float>
    let momentumBuffer: UnsafeMutablePointer<Float>?
    let learningRate: Float
    let weightDecay: Float
    let alpha: Float
    let oneMinusAlpha: Float
    let eps: Float
    let momentum: Float

    @inline(__always)
    mutating func apply(_ i: Int, _ n: Int) {
        let weight = Lanes.load(parameter, i, n)
        var g = Lanes.load(gradient, i, n)
        if weightDecay != 0 { g = g.addingProduct(weightDecay, weight) }
        let square = Lanes.load(squareAverage, i, n) * alpha + oneMinusAlpha * g * g
        Lanes.store(square, squareAverage, i, n)
        let average = Lanes.squareRootOfNonNegative(square) + eps
        if let buffer = momentumBuffer {
            let velocity = Lanes.load(buffer, i, n) * momentum + g / average
            Lanes.store(velocity, buffer, i, n)
            Lanes.store(weight.addingProduct(-learningRate, velocity), parameter, i, n)
        } else {
            Lanes.store(weight + -learningRate * (g / average), parameter, i, n)
        }
    }
}

/// `torch.optim.Adagrad` (no learning-rate decay, initial accumulator 0).
struct AdagradKernel: LaneKernel {
    let parameter: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let sum: UnsafeMutablePointer<Float>
    let learningRate: Float
    let weightDecay: Float
    let eps: Float

    @inline(__always)
    mutating func apply(_ i: Int, _ n: Int) {
        let weight = Lanes.load(parameter, i, n)
        var g = Lanes.load(gradient, i, n)
        if weightDecay != 0 { g = g.addingProduct(weightDecay, weight) }
        let total = Lanes.load(sum, i, n) + g * g
        Lanes.store(total, sum, i, n)
        Lanes.store(weight + -learningRate * (g / (Lanes.squareRootOfNonNegative(total) + eps)), parameter, i, n)
    }
}
