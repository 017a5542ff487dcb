// MARK: - Kernel

/// One compiled step: an op (or a fused group of ops) with every buffer it touches resolved to a pointer at
/// compile time. A value type of trivial fields, so running it allocates nothing and retains nothing.
struct Kernel {
    enum Kind {
        case matmul(transposeA: Bool, transposeB: Bool)
        case binary(BinaryOperator)
        case unary(UnaryFunction)
        /// `f(a + b)` with `b` a broadcast bias row, in one pass.
        case biasActivation(UnaryFunction)
        case reduce(Reduction)
        case loss(Loss)
    }

    var kind: Kind
    var output: View
    var a: View
    /// The second operand; unused (aliases `a`) for one-operand kinds.
    var b: View
    /// `biasActivation`: the pre-activation `a + b`, kept when the derivative needs the input.
    var saved: View?
    /// The gradient of `output`; nil when no parameter gradient flows through this kernel.
    var outputGrad: UnsafeMutablePointer<Float>?
    /// The gradients to produce for the operands; nil when nobody needs them.
    var aGrad: UnsafeMutablePointer<Float>?
    var bGrad: UnsafeMutablePointer<Float>?
    /// Whether to add into the operand gradient (another consumer already wrote it) rather than overwrite it.
    var accumulateA = false
    var accumulateB = false
    /// Room for an operand gradient before it is reduced over broadcast dimensions.
    var scratch: UnsafeMutablePointer<Float>?
    /// `biasActivation` of an outer product: its column (one value per row) and row (one per column), both
    /// contiguous whatever the product's transposes, as the inner dimension is 1.
    var outerColumn: UnsafePointer<Float>?
    var outerRow: UnsafePointer<Float>?
    /// A matmul whose forward a fused `biasActivation` computes.
    var skipForward = false
    /// `biasActivation` before a single output: the upstream gradient is `upstreamColumn ⊗ upstreamRow`.
    var upstreamColumn: UnsafePointer<Float>?
    var upstreamRow: UnsafePointer<Float>?
    /// `biasActivation` before a single output: that product's value, `output · upstreamRow`, formed row by row
    /// in the forward pass.
    var headOutput: UnsafeMutablePointer<Float>?
    /// `biasActivation` whose backward pass is one sweep over its rows, accumulating the bias gradient and, when
    /// set, `outerGrad` (the outer product's row operand) and `headGrad` (`upstreamRow`'s gradient) on the way.
    var sweep = false
    var outerGrad: UnsafeMutablePointer<Float>?
    var headGrad: UnsafeMutablePointer<Float>?
    var accumulateOuter = false
    var accumulateHead = false

    func forward() {
        if skipForward { return }
        switch kind {
        case let .matmul(transposeA, transposeB): forwardMatmul(transposeA: transposeA, transposeB: transposeB)
        case let .binary(op): forwardBinary(op)
        case let .unary(function): forwardUnary(function)
        case let .biasActivation(function): forwardBiasActivation(function)
        case let .reduce(reduction): forwardReduce(reduction)
        case let .loss(loss): forwardLoss(loss)
        }
    }

    func backward() {
        switch kind {
        case let .matmul(transposeA, transposeB): backwardMatmul(transposeA: transposeA, transposeB: transposeB)
        case let .binary(op): backwardBinary(op)
        case let .unary(function): backwardUnary(function)
        case let .biasActivation(function): backwardBiasActivation(function)
        case let .reduce(reduction): backwardReduce(reduction)
        case let .loss(loss): backwardLoss(loss)
        }
    }
}
