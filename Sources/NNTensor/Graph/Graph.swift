// MARK: - Node

/// A value in a `Graph`: the result of an input, parameter, constant or op. A handle, cheap to copy.
public struct Node: Hashable, Sendable {
    /// The position of the node in its graph; nodes only refer to earlier ones, so this order is topological.
    public let index: Int
    /// The node's shape, `[0, 0]` when building it failed (the error is thrown by `CompiledGraph`).
    public let shape: Shape
    let graphID: ObjectIdentifier
}

// MARK: - Graph

/// A builder for a static computation graph over Float32 matrices.
///
/// Building never fails: an op whose operand shapes do not fit records a `GraphError` that
/// `CompiledGraph.init` throws, so expressions can be nested without `try` at every step.
public final class Graph {
    /// What each node computes.
    enum Operation {
        case input(String)
        case parameter(Parameter)
        case constant(Float)
        case matmul(Node, Node, transposeA: Bool, transposeB: Bool)
        case binary(BinaryOperator, Node, Node)
        case unary(UnaryFunction, Node)
        case reduce(Reduction, Node)
        case loss(Loss, prediction: Node, target: Node)

        var operands: [Node] {
            switch self {
            case .input, .parameter, .constant: return []
            case let .matmul(a, b, _, _), let .binary(_, a, b), let .loss(_, a, b): return [a, b]
            case let .unary(_, a), let .reduce(_, a): return [a]
            }
        }
    }

    struct Entry {
        var operation: Operation
        var shape: Shape
        var error: GraphError?
    }

    private(set) var entries: [Entry] = []
    private var parameterNodes: [ObjectIdentifier: Node] = [:]

    public init() {}

    /// The number of nodes built so far.
    public var nodeCount: Int { entries.count }

    func append(_ operation: Operation, shape: Shape, error: GraphError? = nil) -> Node {
        // A node built on a failed operand inherits its error, so the first cause is what gets reported.
        let inherited = operation.operands.lazy.compactMap { self.entries[$0.index].error }.first
        let error = inherited ?? error
        entries.append(Entry(operation: operation, shape: error == nil ? shape : Shape(0, 0), error: error))
        return Node(index: entries.count - 1, shape: entries[entries.count - 1].shape, graphID: ObjectIdentifier(self))
    }

    /// Checks that `node` was built by this graph; a foreign node becomes an error node.
    func owns(_ node: Node) -> Bool {
        node.graphID == ObjectIdentifier(self) && node.index < entries.count
    }

    // MARK: - Leaves

    /// A buffer filled by the caller before each step (`CompiledGraph.buffer(for:)`).
    public func input(_ name: String, shape: Shape) -> Node {
        let error: GraphError? = shape.rows > 0 && shape.cols > 0 ? nil : .invalidShape(name: name, shape: shape)
        return append(.input(name), shape: shape, error: error)
    }

    /// A trainable tensor; the same `Parameter` always gives the same node, so its gradient is summed once.
    public func parameter(_ parameter: Parameter) -> Node {
        if let node = parameterNodes[ObjectIdentifier(parameter)] { return node }
        let node = append(.parameter(parameter), shape: parameter.value.shape)
        parameterNodes[ObjectIdentifier(parameter)] = node
        return node
    }

    /// A scalar constant `[1, 1]`, broadcast when combined with a matrix.
    public func constant(_ value: Float) -> Node {
        append(.constant(value), shape: .scalar)
    }

    // MARK: - Matrix multiply

    /// `op(a) · op(b)`, where `op` transposes its operand when asked (no copy is made).
    public func matmul(_ a: Node, _ b: Node, transposeA: Bool = false, transposeB: Bool = false) -> Node {
        guard owns(a), owns(b) else { return append(.constant(0), shape: .scalar, error: .foreignNode) }
        let (m, k1) = transposeA ? (a.shape.cols, a.shape.rows) : (a.shape.rows, a.shape.cols)
        let (k2, n) = transposeB ? (b.shape.cols, b.shape.rows) : (b.shape.rows, b.shape.cols)
        let error: GraphError? = k1 == k2 ? nil : .shapeMismatch(op: "matmul", a.shape, b.shape)
        return append(.matmul(a, b, transposeA: transposeA, transposeB: transposeB), shape: Shape(m, n), error: error)
    }

    // MARK: - Broadcasting arithmetic

    func binary(_ op: BinaryOperator, _ a: Node, _ b: Node) -> Node {
        guard owns(a), owns(b) else { return append(.constant(0), shape: .scalar, error: .foreignNode) }
        guard let shape = Graph.broadcast(a.shape, b.shape) else {
            return append(.binary(op, a, b), shape: .scalar, error: .shapeMismatch(op: op.name, a.shape, b.shape))
        }
        return append(.binary(op, a, b), shape: shape)
    }

    /// The shape of `a ∘ b`: each dimension must match or be 1 on one side (a bias row, a column, a scalar).
    static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
        func dimension(_ x: Int, _ y: Int) -> Int? { x == y ? x : x == 1 ? y : y == 1 ? x : nil }
        guard let rows = dimension(a.rows, b.rows), let cols = dimension(a.cols, b.cols) else { return nil }
        return Shape(rows, cols)
    }

    /// `a + b`, broadcasting a `[1, n]` row, an `[m, 1]` column or a `[1, 1]` scalar on either side.
    public func add(_ a: Node, _ b: Node) -> Node { binary(.add, a, b) }
    /// `a - b`, broadcasting like `add`.
    public func sub(_ a: Node, _ b: Node) -> Node { binary(.sub, a, b) }
    /// `a * b` elementwise, broadcasting like `add`.
    public func mul(_ a: Node, _ b: Node) -> Node { binary(.mul, a, b) }
    /// `a / b` elementwise, broadcasting like `add`.
    public func div(_ a: Node, _ b: Node) -> Node { binary(.div, a, b) }

    // MARK: - Elementwise functions

    /// `f(x)` elementwise.
    public func unary(_ function: UnaryFunction, _ x: Node) -> Node {
        guard owns(x) else { return append(.constant(0), shape: .scalar, error: .foreignNode) }
        return append(.unary(function, x), shape: x.shape)
    }

    public func neg(_ x: Node) -> Node { unary(.neg, x) }
    /// `x ^ exponent` for a constant exponent.
    public func pow(_ x: Node, _ exponent: Float) -> Node { unary(.pow(exponent), x) }
    public func exp(_ x: Node) -> Node { unary(.exp, x) }
    public func log(_ x: Node) -> Node { unary(.log, x) }
    public func sqrt(_ x: Node) -> Node { unary(.sqrt, x) }
    public func abs(_ x: Node) -> Node { unary(.abs, x) }
    public func sin(_ x: Node) -> Node { unary(.sin, x) }
    public func cos(_ x: Node) -> Node { unary(.cos, x) }
    public func tanh(_ x: Node) -> Node { unary(.tanh, x) }
    public func sigmoid(_ x: Node) -> Node { unary(.sigmoid, x) }
    public func relu(_ x: Node) -> Node { unary(.relu, x) }
    public func leakyRelu(_ x: Node, _ slope: Float = 0.01) -> Node { unary(.leakyRelu(slope), x) }
    public func elu(_ x: Node, _ alpha: Float = 1) -> Node { unary(.elu(alpha), x) }
    /// GELU in PyTorch's exact form `x·Φ(x)`.
    public func gelu(_ x: Node) -> Node { unary(.gelu, x) }
    /// PyTorch's softplus (beta 1, linear above 20).
    public func softplus(_ x: Node) -> Node { unary(.softplus, x) }
    /// `min(x, c)` elementwise.
    public func minimum(_ x: Node, _ c: Float) -> Node { unary(.minimum(c), x) }
    /// `max(x, c)` elementwise.
    public func maximum(_ x: Node, _ c: Float) -> Node { unary(.maximum(c), x) }
    /// `min(a, b)` elementwise, broadcasting like `add`; on a tie each side gets half the gradient (as PyTorch).
    public func minimum(_ a: Node, _ b: Node) -> Node { binary(.minimum, a, b) }
    /// `max(a, b)` elementwise, broadcasting like `add`; on a tie each side gets half the gradient (as PyTorch).
    public func maximum(_ a: Node, _ b: Node) -> Node { binary(.maximum, a, b) }
    /// `base ^ exponent` for a computed exponent, as `exp(exponent · log(base))`: defined for a positive base.
    public func pow(_ base: Node, _ exponent: Node) -> Node { exp(mul(exponent, log(base))) }

    // MARK: - Reductions

    /// The sum of every element, a scalar.
    public func sum(_ x: Node) -> Node { reduce(.sum, x) }
    /// The mean of every element, a scalar.
    public func mean(_ x: Node) -> Node { reduce(.mean, x) }
    /// The sum over rows, a `[1, cols]` row (what a bias gradient is).
    public func columnSum(_ x: Node) -> Node { reduce(.columnSum, x) }

    func reduce(_ reduction: Reduction, _ x: Node) -> Node {
        guard owns(x) else { return append(.constant(0), shape: .scalar, error: .foreignNode) }
        return append(.reduce(reduction, x), shape: reduction == .columnSum ? Shape(1, x.shape.cols) : .scalar)
    }

    // MARK: - Activations and losses

    /// A builtin activation applied to `x`; `.linear` returns `x` itself.
    public func activation(_ kind: Activation, _ x: Node) -> Node {
        guard let function = kind.function else { return x }
        return unary(function, x)
    }

    /// A loss between `prediction` and `target` (same shape; a label column for `.crossEntropy`), a scalar;
    /// reductions as PyTorch's.
    public func loss(_ kind: Loss, prediction: Node, target: Node) -> Node {
        guard owns(prediction), owns(target) else {
            return append(.constant(0), shape: .scalar, error: .foreignNode)
        }
        let error: GraphError? = kind.accepts(prediction: prediction.shape, target: target.shape)
            ? nil : .shapeMismatch(op: "loss", prediction.shape, target.shape)
        return append(.loss(kind, prediction: prediction, target: target), shape: .scalar, error: error)
    }
}
