// MARK: - Layer plan

/// A dense layer `y = f(z + b)` compiled as one step. It owns the nodes it absorbed — the sum `z + b`, the product
/// `z = x·W` when that is formed in the pass, the single-column product `y·w` that follows — and says how each
/// gradient is formed. One forward and one backward implementation serve every plan (`LayerKernel`).
///
/// Found for `f(m + b)`, where `b` is a `[1, n]` row, `f` an elementwise function, and the sum and `m` each read once
/// (`m` computed, never a leaf: its gradient is overwritten, which a parameter's accumulating gradient forbids); and
/// for `f(m)` with `m` a product, when `f′` does not need the pre-activation (it would have to be stored).
struct LayerPlan {
    /// Where the pre-activation `z` comes from.
    enum Input {
        /// A value another step stores: a product by `Gemm`, or any computed matrix.
        case stored(Int)
        /// `z = op(x) · op(W)` with inner dimension k ≤ `maximumFormedInputs` (a layer fed by a few inputs), formed
        /// row by row in the layer's pass from the k columns of `x`; the product is never stored.
        case formed(Product)
    }

    /// A product absorbed by the layer.
    struct Product {
        var node: Int
        var x: Int
        var weight: Int
        var transposeX: Bool
        var transposeWeight: Bool
        /// Its inner dimension: columns of `op(x)`, rows of `op(W)`.
        var inner: Int
    }

    /// How a weight gradient is formed.
    enum Route {
        /// Accumulated in the backward sweep, while `dz` is in cache.
        case sweep
        /// By the product's own backward (`Gemm`) from a stored `dz`.
        case product
    }

    /// What the backward pass computes.
    struct Backward {
        /// One sweep over the rows (a small layer: a row block, a mini-batch) rather than parallel passes.
        var sweeps: Bool
        /// The gradient `dz` of the pre-activation is formed (something below the activation needs a gradient).
        var formsGradient: Bool
        /// A stored input's gradient is `dz` itself.
        var input: Bool
        var bias: Bool
        /// A formed input's operands.
        var x: Bool
        var weight: Route?
        var headWeight: Route?
        /// `dz` lives only a chunk of rows at a time: a sweep whose `dz` nothing else reads.
        var transient: Bool { sweeps && !input && x == false && weight != .product }
    }

    /// The layers formed in the pass read at most this many input columns.
    static let maximumFormedInputs = 4

    var function: UnaryFunction
    var input: Input
    var bias: Int?
    /// The sum `z + b`, absorbed; its value is kept when `f′` needs the pre-activation and a gradient is wanted.
    var sum: Int?
    var keepsSum: Bool
    /// The activation: the layer's value.
    var output: Int
    /// The single-column product `y·w` that is the layer's only reader (the layer before a single output): formed
    /// row by row in the forward pass; its gradient `G`, times `wᵀ`, is the layer's upstream gradient.
    var head: Product?
    /// Nil when no gradient flows through the layer.
    var backward: Backward?

    /// The nodes this plan computes that have no step of their own.
    var absorbed: [Int] {
        var nodes = sum.map { [$0] } ?? []
        if case let .formed(product) = input { nodes.append(product.node) }
        if let head { nodes.append(head.node) }
        return nodes
    }

    // MARK: Matching

    /// The layer whose activation is node `index`, or nil when it is not one. `absorbed` are nodes earlier layers
    /// took: such a product is read as a stored value.
    init?(activation index: Int, analysis: GraphAnalysis, absorbed: Set<Int>) {
        guard case let .unary(function, pre) = analysis.operation(index), analysis.isPrivate(pre.index),
              analysis.shape(index).rows > 1 else { return nil }
        let wantsGradient = analysis.needsGrad[index]
        let z: Int
        if let (matrix, bias) = Self.biasSum(pre.index, analysis), analysis.isPrivate(matrix), !analysis.isLeaf(matrix) {
            z = matrix
            self.bias = bias
            sum = pre.index
        } else if case .matmul = analysis.operation(pre.index), !(wantsGradient && function.derivativeNeedsInput) {
            z = pre.index
            self.bias = nil
            sum = nil
        } else {
            return nil
        }
        self.function = function
        output = index
        keepsSum = sum != nil && wantsGradient && function.derivativeNeedsInput
        if let product = Self.product(z, analysis), !absorbed.contains(z), product.inner <= Self.maximumFormedInputs,
           product.inner == 1 || !product.transposeWeight {
            input = .formed(product)
        } else {
            input = .stored(z)
        }
        // The head's weight must be a leaf: the layer's pass reads it before the head's place in the graph.
        if analysis.isPrivate(index), let consumer = analysis.soleConsumer(of: index),
           let product = Self.product(consumer, analysis), product.x == index, !product.transposeX,
           analysis.shape(consumer).cols == 1, analysis.isLeaf(product.weight) {
            head = product
        }
        backward = planBackward(analysis)
    }

    /// `(matrix, bias)` when node `index` is `matrix + bias` (either order) with `bias` a `[1, n]` row and `matrix`
    /// of the sum's own shape.
    private static func biasSum(_ index: Int, _ analysis: GraphAnalysis) -> (Int, Int)? {
        guard case let .binary(.add, a, b) = analysis.operation(index) else { return nil }
        let shape = analysis.shape(index)
        if a.shape == shape, b.shape == Shape(1, shape.cols) { return (a.index, b.index) }
        if b.shape == shape, a.shape == Shape(1, shape.cols) { return (b.index, a.index) }
        return nil
    }

    private static func product(_ index: Int, _ analysis: GraphAnalysis) -> Product? {
        guard case let .matmul(x, weight, transposeX, transposeWeight) = analysis.operation(index) else { return nil }
        return Product(node: index, x: x.index, weight: weight.index, transposeX: transposeX,
                       transposeWeight: transposeWeight, inner: transposeX ? x.shape.rows : x.shape.cols)
    }

    /// Which gradients the layer forms and how. A sweep sums only into distinct parameters (each sum is loaded,
    /// accumulated and stored on its own, so a weight tied to another is left to its product).
    private func planBackward(_ analysis: GraphAnalysis) -> Backward? {
        let needs = analysis.needsGrad
        let formed: Product? = if case let .formed(product) = input { product } else { nil }
        var plan = Backward(sweeps: false, formsGradient: false, input: false, bias: bias.map { needs[$0] } ?? false,
                            x: formed.map { needs[$0.x] } ?? false)
        if case let .stored(z) = input { plan.input = needs[z] }
        if let formed, needs[formed.weight] { plan.weight = .product }
        plan.formsGradient = needs[output] && (plan.input || plan.bias || plan.x || plan.weight != nil)
        plan.sweeps = plan.formsGradient && analysis.shape(output).count <= ExecutionSchedule.fusedSweepLimit
        var sums = Set(bias.map { [$0] } ?? [])
        if plan.sweeps, let formed, plan.weight != nil, !plan.x, analysis.isLeaf(formed.weight),
           sums.insert(formed.weight).inserted {
            plan.weight = .sweep
        }
        if let head, needs[head.weight] {
            plan.headWeight = plan.sweeps && sums.insert(head.weight).inserted ? .sweep : .product
        }
        return plan.formsGradient || plan.headWeight != nil ? plan : nil
    }

    // MARK: Buffer use

    func buffers(_ analysis: GraphAnalysis) -> StepBuffers {
        var buffers = StepBuffers()
        switch input {
        case let .stored(z): buffers.forwardValues = [z]
        case let .formed(product): buffers.forwardValues = [product.x, product.weight]
        }
        buffers.forwardValues += (bias.map { [$0] } ?? []) + [output] + (keepsSum ? [sum!] : [])
        if let head { buffers.forwardValues += [head.node, head.weight] }
        guard let backward else { return buffers }

        let formed: Product? = if case let .formed(product) = input { product } else { nil }
        buffers.backwardValues = [output] + (keepsSum ? [sum!] : []) + (head.map { [$0.weight] } ?? [])
        if let formed {
            if backward.weight != nil { buffers.backwardValues.append(formed.x) }
            if backward.x { buffers.backwardValues.append(formed.weight) }
        }
        buffers.upstream = [head?.node ?? output]
        // In the order the backward pass writes them: the head's product first (it follows the layer), then `dz`
        // and the sums of the sweep, then the formed product's operands.
        var writes: [(target: GradientTarget, node: Int)] = []
        if let head, backward.headWeight == .product { writes.append((.headWeight, head.weight)) }
        if backward.input, case let .stored(z) = input { writes.append((.layerInput, z)) }
        if backward.bias, let bias { writes.append((.bias, bias)) }
        if let formed, backward.weight == .sweep { writes.append((.weight, formed.weight)) }
        if let head, backward.headWeight == .sweep { writes.append((.headWeight, head.weight)) }
        if let formed, backward.x { writes.append((.x, formed.x)) }
        if let formed, backward.weight == .product { writes.append((.weight, formed.weight)) }
        buffers.gradientWrites = writes
        if backward.formsGradient && !backward.input {
            // `dz` in scratch: a chunk of rows when nothing reads it after the sweep, else the whole layer.
            let cols = analysis.shape(output).cols
            buffers.scratch = backward.transient
                ? max(1, ExecutionSchedule.sweepChunkElements / cols) * cols : analysis.shape(output).count
        }
        return buffers
    }
}

// MARK: - Description

extension LayerPlan: CustomStringConvertible {
    /// One line: the activation, the input's form, what the layer absorbed and how its gradients are formed, e.g.
    /// `layer tanh: formed from 2 inputs, bias, head; sweep summing bias, weight, head weight`.
    var description: String {
        var text = "layer \(function): "
        switch input {
        case .stored: text += "stored input"
        case let .formed(product): text += "formed from \(product.inner) input" + (product.inner == 1 ? "" : "s")
        }
        if bias != nil { text += ", bias" }
        if head != nil { text += ", head" }
        guard let backward else { return text }
        text += backward.sweeps ? "; sweep" : "; passes"
        let summed = [(backward.sweeps && backward.bias, "bias"), (backward.weight == .sweep, "weight"),
                      (backward.headWeight == .sweep, "head weight")].filter(\.0).map(\.1)
        if !summed.isEmpty { text += " summing " + summed.joined(separator: ", ") }
        let products = [(backward.headWeight == .product, "head weight"), (backward.x, "x"),
                        (backward.weight == .product, "weight")].filter(\.0).map(\.1)
        if !products.isEmpty { text += "; products for " + products.joined(separator: ", ") }
        return text
    }
}
