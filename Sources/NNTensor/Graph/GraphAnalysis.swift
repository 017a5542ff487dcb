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
    /// The last reachable node reading each node (its only one when `consumers` is 1), -1 for none.
    private let lastConsumer: [Int]

    init(graph: Graph, outputs: [Node], loss: Node?) throws {
        let all = outputs + (loss.map { [$0] } ?? [])
        guard all.allSatisfy(graph.owns) else { throw GraphError.foreignNode }
        let entries = graph.entries
        let reachable = graph.reachable(from: all)
        var consumers = [Int](repeating: 0, count: entries.count)
        var lastConsumer = [Int](repeating: -1, count: entries.count)
        for index in entries.indices where reachable[index] {
            for operand in entries[index].operation.operands {
                consumers[operand.index] += 1
                lastConsumer[operand.index] = index
            }
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
        self.lastConsumer = lastConsumer
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

    /// Whether a fused step may keep node `index` to itself: read once, and not asked for by the caller.
    func isPrivate(_ index: Int) -> Bool { consumers[index] == 1 && !roots.contains(index) }

    /// The one node that reads node `index`, when exactly one does.
    func soleConsumer(of index: Int) -> Int? { consumers[index] == 1 ? lastConsumer[index] : nil }

    func shape(_ index: Int) -> Shape { graph.entries[index].shape }

    func operation(_ index: Int) -> Graph.Operation { graph.entries[index].operation }
}

// MARK: - Schedule

/// The steps of a compiled graph in topological order, after fusion: each is one graph node (`NodeStep`), or a dense
/// layer compiled as one node (`LayerPlan`) that owns the nodes it absorbed — those have no step of their own.
///
/// A step lists the buffers it touches (`StepBuffers`), which is all the buffer plan and the compiler read.
struct ExecutionSchedule {
    enum Step {
        case node(NodeStep)
        case layer(LayerPlan)
    }

    /// The largest fused layer (rows × columns) whose backward pass is one sweep: the size of a row block of a
    /// `TrainingStep` or a mini-batch, where the kernels run on one thread anyway. Larger ones split their passes
    /// over the threads.
    static let fusedSweepLimit = 1 << 16
    /// Elements of `dz` per chunk of a sweep whose `dz` nothing else reads: 16 KB, inside L1 cache.
    static let sweepChunkElements = 4096

    let analysis: GraphAnalysis
    private(set) var steps: [Step] = []
    /// Positions in `steps` of the steps with gradient work, in the order the backward pass runs them.
    private(set) var backwardOrder: [Int] = []

    init(_ analysis: GraphAnalysis) {
        self.analysis = analysis
        let entries = analysis.graph.entries
        // Layers are found in topological order, so a node another layer already absorbed (a head product that is
        // also the next layer's product) is read as a stored value rather than absorbed twice.
        var layers: [Int: LayerPlan] = [:]
        var absorbed = Set<Int>()
        for index in entries.indices where analysis.reachable[index] {
            guard let plan = LayerPlan(activation: index, analysis: analysis, absorbed: absorbed) else { continue }
            layers[index] = plan
            absorbed.formUnion(plan.absorbed)
        }
        for index in entries.indices where analysis.reachable[index] && !analysis.isLeaf(index) {
            if let plan = layers[index] {
                steps.append(.layer(plan))
            } else if !absorbed.contains(index) {
                steps.append(.node(NodeStep(index, entries[index].operation)))
            }
        }
        backwardOrder = steps.indices.reversed().filter { !buffers(steps[$0]).gradientWrites.isEmpty }
    }

    /// One line per step: an op's name, or a layer's plan (`LayerPlan.description`).
    func describe(_ step: Step) -> String {
        switch step {
        case let .node(node): return node.name
        case let .layer(plan): return plan.description
        }
    }

    /// The buffers `step` reads and writes.
    func buffers(_ step: Step) -> StepBuffers {
        switch step {
        case let .node(node): return node.buffers(analysis)
        case let .layer(plan): return plan.buffers(analysis)
        }
    }
}

// MARK: - Buffer use

/// The buffers one step touches, by graph node, in the order it first touches them; what `ArenaLayout` plans and
/// `CompiledGraph` resolves.
struct StepBuffers {
    /// Values read or written by the forward pass.
    var forwardValues: [Int] = []
    /// Values the backward pass reads.
    var backwardValues: [Int] = []
    /// Gradients the backward pass reads (its upstream).
    var upstream: [Int] = []
    /// Gradients the backward pass writes, each with the target it is written for; empty when there is no
    /// backward work.
    var gradientWrites: [(target: GradientTarget, node: Int)] = []
    /// The size of the scratch buffer the backward pass needs, 0 for none.
    var scratch = 0
}

/// Which of a step's gradient outputs a write is: an operand of a node, or a part of a layer.
enum GradientTarget: Hashable {
    case a, b
    case layerInput, bias, x, weight, headWeight
}

// MARK: - One node

/// A graph node compiled as its own kernel.
struct NodeStep {
    var kind: Kernel.Kind
    var output: Int
    var a: Int
    /// The second operand; nil for one-operand kinds.
    var b: Int?

    init(_ index: Int, _ operation: Graph.Operation) {
        output = index
        switch operation {
        case let .matmul(a, b, transposeA, transposeB):
            (kind, self.a, self.b) = (.matmul(transposeA: transposeA, transposeB: transposeB), a.index, b.index)
        case let .binary(op, a, b): (kind, self.a, self.b) = (.binary(op), a.index, b.index)
        case let .unary(function, x): (kind, a, b) = (.unary(function), x.index, nil)
        case let .reduce(reduction, x): (kind, a, b) = (.reduce(reduction), x.index, nil)
        case let .loss(loss, prediction, target): (kind, a, b) = (.loss(loss), prediction.index, target.index)
        case .input, .parameter, .constant: preconditionFailure("NodeStep: a leaf has no kernel")
        }
    }

    /// The op's name: `matmul`, `add`, `tanh`, `mean`, `loss mse`….
    var name: String {
        switch kind {
        case .matmul: return "matmul"
        case let .binary(op): return op.name
        case let .unary(function): return "\(function)"
        case let .reduce(reduction): return "\(reduction)"
        case let .loss(loss): return "loss \(loss)"
        }
    }

    func buffers(_ analysis: GraphAnalysis) -> StepBuffers {
        var buffers = StepBuffers(forwardValues: [a] + (b.map { [$0] } ?? []) + [output])
        let needA = analysis.needsGrad[a], needB = b.map { analysis.needsGrad[$0] } ?? false
        guard analysis.needsGrad[output], needA || needB else { return buffers }
        switch kind {
        case .matmul: buffers.backwardValues = (needB ? [a] : []) + (needA ? [b!] : [])
        case .binary(.add), .binary(.sub), .reduce: break
        case .binary(.mul), .binary(.minimum), .binary(.maximum), .loss: buffers.backwardValues = [a, b!]
        case .binary(.div): buffers.backwardValues = [b!, output]
        case let .unary(function): buffers.backwardValues = [output] + (function.derivativeNeedsInput ? [a] : [])
        }
        buffers.upstream = [output]
        if needA { buffers.gradientWrites.append((target: .a, node: a)) }
        if needB, let b { buffers.gradientWrites.append((target: .b, node: b)) }
        if case .binary(let op) = kind, op != .add, op != .sub {
            // A broadcast operand's gradient is formed at full size, then reduced.
            let shape = analysis.shape(output)
            let broadcast = (needA && analysis.shape(a) != shape) || (needB && analysis.shape(b!) != shape)
            buffers.scratch = broadcast ? shape.count : 0
        }
        return buffers
    }
}
