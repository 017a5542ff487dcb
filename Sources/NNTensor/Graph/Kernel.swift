// MARK: - Kernel

/// One compiled op with every buffer it touches resolved to a pointer at compile time. A value type of trivial
/// fields, so running it allocates nothing and retains nothing.
struct Kernel {
    enum Kind {
        case matmul(transposeA: Bool, transposeB: Bool)
        case binary(BinaryOperator)
        case unary(UnaryFunction)
        case reduce(Reduction)
        case loss(Loss)
    }

    var kind: Kind
    var output: View
    var a: View
    /// The second operand; unused (aliases `a`) for one-operand kinds.
    var b: View
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

    func forward() {
        switch kind {
        case let .matmul(transposeA, transposeB): forwardMatmul(transposeA: transposeA, transposeB: transposeB)
        case let .binary(op): forwardBinary(op)
        case let .unary(function): forwardUnary(function)
        case let .reduce(reduction): forwardReduce(reduction)
        case let .loss(loss): forwardLoss(loss)
        }
    }

    func backward() {
        switch kind {
        case let .matmul(transposeA, transposeB): backwardMatmul(transposeA: transposeA, transposeB: transposeB)
        case let .binary(op): backwardBinary(op)
        case let .unary(function): backwardUnary(function)
        case let .reduce(reduction): backwardReduce(reduction)
        case let .loss(loss): backwardLoss(loss)
        }
    }
}

// MARK: - Compiled step

/// A step of a compiled graph: one op, or a dense layer's fused passes (`LayerKernel`).
enum CompiledStep {
    case op(Kernel)
    case layer(LayerKernel)

    func forward() {
        switch self {
        case let .op(kernel): kernel.forward()
        case let .layer(kernel): kernel.forward()
        }
    }

    func backward() {
        switch self {
        case let .op(kernel): kernel.backward()
        case let .layer(kernel): kernel.backward()
        }
    }
}
