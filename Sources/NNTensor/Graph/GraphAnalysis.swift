// MARK: - Analysis

/// What compiling needs to know about a graph: which nodes the roots depend on, and which need a gradient.
struct GraphAnalysis {
    let graph: Graph
    let reachable: [Bool]
    /// A gradient is computed for a node when it depends on a parameter and the loss depends on it.
    let needsGrad: [Bool]
    /// How many operand slots of reachable nodes refer to each node.
    let consumers: [Int]
    /// Outputs and the loss: their values must survive the step.
    let roots: Set<Int>
    let loss: Int?

    init(graph: Graph, outputs: [Node], loss: Node?) throws {
        let all = outputs + (loss.map { [$0] } ?? [])
        guard all.allSatisfy(graph.owns) else { throw GraphError.foreignNode }
        let entries = graph.entries
        let reachable = graph.reachable(from: all)
        var consumers = [Int](repeating: 0, count: entries.count)
        for index in entries.indices where reachable[index] {
            for operand in entries[index].operation.operands { consumers[operand.index] += 1 }
        }
        if let error = entries.indices.lazy.filter({ reachable[$0] }).compactMap({ entries[$0].error }).first {
            throw error
        }
        if let loss, loss.shape != .scalar { throw GraphError.lossNotScalar(loss.shape) }
        var names = Set<String>()
        for entry in entries {
            if case let .input(name) = entry.operation, !names.insert(name).inserted {
                throw GraphError.duplicateInput(name)
            }
        }

        var dependsOnParameter = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() {
            if case .parameter = entry.operation { dependsOnParameter[index] = true }
            if entry.operation.operands.contains(where: { dependsOnParameter[$0.index] }) {
                dependsOnParameter[index] = true
            }
        }
        var feedsLoss = [Bool](repeating: false, count: entries.count)
        if let loss { feedsLoss[loss.index] = true }
        for index in entries.indices.reversed() where feedsLoss[index] {
            for operand in entries[index].operation.operands { feedsLoss[operand.index] = true }
        }

        self.graph = graph
        self.reachable = reachable
        self.needsGrad = zip(dependsOnParameter, feedsLoss).map { $0 && $1 }
        self.consumers = consumers
        self.roots = Set(all.map(\.index))
        self.loss = loss?.index
    }

    /// Inputs, parameters and constants: nodes with no kernel.
    func isLeaf(_ index: Int) -> Bool {
        switch graph.entries[index].operation {
        case .input, .parameter, .constant: return true
        default: return false
        }
    }

    func shape(_ index: Int) -> Shape { graph.entries[index].shape }
}

// MARK: - Schedule

/// The kernels of a compiled graph in topological order, after fusion.
///
/// Fusion: `f(m + bias)`, where `bias` is a `[1, n]` row, `f` an elementwise function, and the sum and `m` each
/// have a single consumer, becomes one `biasActivation` kernel — a dense layer is then a matmul and one pass.
/// Its backward computes `f′ × upstream` in one pass from the saved output; the sum is only materialised when
/// `f′` needs its input (gelu, softplus, swish, sin…) and a gradient is wanted.
struct ExecutionSchedule {
    struct Step {
        var kind: Kernel.Kind
        var output: Int
        var a: Int
        var b: Int?
        /// The fused sum kept for the backward pass.
        var saved: Int?
        /// `biasActivation` whose matrix is a product with inner dimension 1 (a layer fed by one value): the
        /// operands of that product, multiplied in the same pass.
        var outer: (a: Int, b: Int)?
        /// A product computed inside a `biasActivation` (the one that consumes it, or the one it reads): only its
        /// backward runs.
        var skipForward = false
        /// An outer product computed inside the `biasActivation` that consumes it: its value is never stored.
        var valueUnused = false
        /// `biasActivation` whose only consumer is a product with one output column (the layer before a single
        /// output): that product's output gradient and right operand, whose outer product is this step's upstream
        /// gradient, formed inside the backward pass.
        var upstreamOuter: (gradient: Int, row: Int)?
        /// A product whose left operand's gradient the `biasActivation` producing that operand forms itself.
        var skipGradientA = false
        /// A product whose right operand's gradient (a weight row or column) a `biasActivation` accumulates itself.
        var skipGradientB = false
        /// `biasActivation` small enough to run its backward pass as one sweep over its rows (see
        /// `fusedSweepLimit`): the bias gradient, and the weight gradients below, are accumulated row by row in the
        /// same pass that forms `dz`, instead of by separate passes over a materialised `dz`.
        var sweep = false
        /// With `sweep` and `outer`: the gradient of the outer product's row operand, `Σ_r column[r] · dz[r, :]`.
        var sweepOuterGradient = false
        /// With `sweep` and `upstreamOuter`: the gradient of the following product's one-column weight,
        /// `Σ_r g[r] · y[r, :]`.
        var sweepHeadGradient = false
        /// With `sweep`: nothing else reads `dz` (the outer product of an input has handed all its gradient work
        /// to this step), so it lives a chunk of rows at a time in scratch.
        var transientGradient: Bool { outer != nil && sweepOuterGradient }
    }

    /// The largest `biasActivation` (rows × columns) whose backward pass is one sweep: the size of a row block of a
    /// `TrainingStep` or a mini-batch, where the kernels run on one thread anyway. Larger ones split their passes
    /// over the threads.
    static let fusedSweepLimit = 1 << 16
    /// Elements of `dz` per chunk of a sweep with a transient gradient: 16 KB, inside L1 cache.
    static let sweepChunkElements = 4096

    let analysis: GraphAnalysis
    private(set) var steps: [Step] = []
    /// Positions in `steps` of the kernels with gradient work, in the order the backward pass runs them.
    private(set) var backwardOrder: [Int] = []

    init(_ analysis: GraphAnalysis) {
        self.analysis = analysis
        let entries = analysis.graph.entries
        // Activations fused with the sum (or, for a layer without bias, the product) they read: unary node →
        // (matrix, bias). A fused sum is not a step of its own.
        var fusion = [Int: (matrix: Int, bias: Int?)]()
        var fusedSums = Set<Int>()
        for (index, entry) in entries.enumerated() where analysis.reachable[index] {
            guard case let .unary(function, x) = entry.operation, analysis.consumers[x.index] == 1,
                  !analysis.roots.contains(x.index) else { continue }
            if let (matrix, bias) = biasSum(x.index), analysis.consumers[matrix] == 1,
               !analysis.roots.contains(matrix), !analysis.isLeaf(matrix) {
                fusion[index] = (matrix, bias)
                fusedSums.insert(x.index)
            } else if case .matmul = entries[x.index].operation, x.shape.rows > 1,
                      !(analysis.needsGrad[index] && function.derivativeNeedsInput) {
                // Without a bias the pre-activation is the product itself; fused only when the backward pass does
                // not need it, so that it need not be stored.
                fusion[index] = (x.index, nil)
            }
        }
        // Products with inner dimension 1 feeding a fused bias + activation are computed in that pass.
        var outerProducts = Set<Int>()
        for (matrix, _) in fusion.values {
            guard case let .matmul(a, _, transposeA, _) = entries[matrix].operation,
                  (transposeA ? a.shape.rows : a.shape.cols) == 1 else { continue }
            outerProducts.insert(matrix)
        }
        // A fused activation read only by a product with one output column gets its gradient as an outer product.
        let fusedActivations = Set(fusion.keys)
        var upstreamOuter = [Int: (Int, Int)]()
        for (index, entry) in entries.enumerated() where analysis.reachable[index] {
            // The weight must be a leaf (a parameter): the fused pass reads it before this product's own step, and
            // writes its gradient, which the buffer plan only places for computed nodes.
            guard case let .matmul(a, b, false, _) = entry.operation, entry.shape.cols == 1,
                  fusedActivations.contains(a.index), analysis.consumers[a.index] == 1,
                  !analysis.roots.contains(a.index), analysis.isLeaf(b.index) else { continue }
            upstreamOuter[a.index] = (index, b.index)
        }
        // Products whose value the fused activation before them forms, and whose left operand's gradient it takes.
        let heads = Set(upstreamOuter.values.map(\.0))
        // Weight gradients that a small `biasActivation` accumulates in its backward sweep (see `Step.sweep`).
        var sweepOf = [Int: (outer: Bool, head: Bool)]()
        var gradientBSkipped = Set<Int>()
        for (index, (matrix, bias)) in fusion where analysis.needsGrad[index]
            && analysis.shape(index).count <= Self.fusedSweepLimit {
            var fused = (outer: false, head: false)
            // The sums of one sweep go to distinct parameters: each is loaded, accumulated and stored on its own, so
            // a weight tied to another (the head's weight the first layer's, transposed) is left to the products.
            var targets = Set(bias.map { [$0] } ?? [])
            if outerProducts.contains(matrix), case let .matmul(a, b, _, _) = entries[matrix].operation,
               !analysis.needsGrad[a.index], analysis.needsGrad[b.index], analysis.isLeaf(b.index),
               targets.insert(b.index).inserted {
                fused.outer = true
                gradientBSkipped.insert(matrix)
            }
            if let (product, row) = upstreamOuter[index], analysis.needsGrad[row], targets.insert(row).inserted {
                fused.head = true
                gradientBSkipped.insert(product)
            }
            sweepOf[index] = fused
        }
        for (index, entry) in entries.enumerated() where analysis.reachable[index] && !fusedSums.contains(index) {
            switch entry.operation {
            case .input, .parameter, .constant:
                continue
            case let .matmul(a, b, transposeA, transposeB):
                steps.append(Step(kind: .matmul(transposeA: transposeA, transposeB: transposeB), output: index,
                                  a: a.index, b: b.index,
                                  skipForward: outerProducts.contains(index) || heads.contains(index),
                                  valueUnused: outerProducts.contains(index),
                                  skipGradientA: heads.contains(index),
                                  skipGradientB: gradientBSkipped.contains(index)))
            case let .binary(op, a, b):
                steps.append(Step(kind: .binary(op), output: index, a: a.index, b: b.index))
            case let .unary(function, x):
                if let (matrix, bias) = fusion[index] {
                    let keep = bias != nil && analysis.needsGrad[index] && function.derivativeNeedsInput
                    var outer: (Int, Int)?
                    if outerProducts.contains(matrix), case let .matmul(a, b, _, _) = entries[matrix].operation {
                        outer = (a.index, b.index)
                    }
                    var step = Step(kind: .biasActivation(function), output: index, a: matrix, b: bias,
                                    saved: keep ? x.index : nil, outer: outer, upstreamOuter: upstreamOuter[index])
                    if let fused = sweepOf[index] {
                        step.sweep = true
                        step.sweepOuterGradient = fused.outer
                        step.sweepHeadGradient = fused.head
                    }
                    steps.append(step)
                } else {
                    steps.append(Step(kind: .unary(function), output: index, a: x.index))
                }
            case let .reduce(reduction, x):
                steps.append(Step(kind: .reduce(reduction), output: index, a: x.index))
            case let .loss(loss, prediction, target):
                steps.append(Step(kind: .loss(loss), output: index, a: prediction.index, b: target.index))
            }
        }
        backwardOrder = steps.indices.reversed().filter { hasGradientWork(steps[$0]) }
    }

    /// `(matrix, bias)` when node `index` is `matrix + bias` (either order) with `bias` a `[1, n]` row and
    /// `matrix` of the sum's own shape.
    private func biasSum(_ index: Int) -> (Int, Int)? {
        guard case let .binary(.add, a, b) = analysis.graph.entries[index].operation else { return nil }
        let shape = analysis.shape(index)
        guard shape.rows > 1 else { return nil }
        if a.shape == shape, b.shape == Shape(1, shape.cols) { return (a.index, b.index) }
        if b.shape == shape, a.shape == Shape(1, shape.cols) { return (b.index, a.index) }
        return nil
    }

    func hasGradientWork(_ step: Step) -> Bool {
        analysis.needsGrad[step.output] && (needsGradientA(step) || needsGradientB(step))
    }

    /// Whether the step itself forms its operands' gradients (fusion can hand them to another step).
    func needsGradientA(_ step: Step) -> Bool { analysis.needsGrad[step.a] && !step.skipGradientA }
    func needsGradientB(_ step: Step) -> Bool {
        step.b.map { analysis.needsGrad[$0] } == true && !step.skipGradientB
    }

    // MARK: Buffer use

    /// The node values a step's backward pass reads (besides its output gradient).
    func backwardReads(_ step: Step) -> [Int] {
        let needA = needsGradientA(step), needB = needsGradientB(step)
        switch step.kind {
        case .matmul: return (needB ? [step.a] : []) + (needA ? [step.b!] : [])
        case .binary(.add), .binary(.sub), .reduce: return []
        case .binary(.mul), .binary(.minimum), .binary(.maximum): return [step.a, step.b!]
        case .binary(.div): return [step.b!, step.output]
        case let .unary(function): return [step.output] + (function.derivativeNeedsInput ? [step.a] : [])
        case .biasActivation:
            return [step.output] + (step.saved.map { [$0] } ?? []) + (step.upstreamOuter.map { [$0.row] } ?? [])
                + (step.sweepOuterGradient ? step.outer.map { [$0.a] } ?? [] : [])
        case .loss: return [step.a, step.b!]
        }
    }

    /// The size of the scratch buffer a step's backward pass needs, 0 for none.
    func scratchCount(_ step: Step) -> Int {
        let needA = analysis.needsGrad[step.a], needB = step.b.map { analysis.needsGrad[$0] } ?? false
        switch step.kind {
        case .binary(.mul), .binary(.div), .binary(.minimum), .binary(.maximum):
            let outputShape = analysis.shape(step.output)
            let broadcastA = needA && analysis.shape(step.a) != outputShape
            let broadcastB = needB && analysis.shape(step.b!) != outputShape
            return broadcastA || broadcastB ? outputShape.count : 0
        case .biasActivation:
            let cols = analysis.shape(step.output).cols
            if step.transientGradient { return max(1, Self.sweepChunkElements / cols) * cols }
            return !needA && needB ? analysis.shape(step.output).count : 0
        default:
            return 0
        }
    }
}
