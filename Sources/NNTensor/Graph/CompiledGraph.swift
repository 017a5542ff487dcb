// MARK: - Compiled graph

/// A graph compiled for repeated steps: ops in topological order, elementwise work fused, every buffer planned and
/// allocated once. `forward()` and `backward()` allocate nothing.
///
/// Several compiled graphs may share `Parameter`s (a training batch, a plotting grid): each reads the parameter
/// values in place, and `backward()` overwrites every `Parameter.grad` of the graph.
public final class CompiledGraph {
    /// The parameters the graph reads, in the order they were first used.
    public let parameters: [Parameter]
    /// How the transient buffers were placed; see `BufferPlan`.
    public let memory: MemorySummary
    /// The compiled steps in the order the forward pass runs them, one line each: an op (`matmul`, `add`, `loss
    /// mse`…) or a dense layer fused into one step, with its input's form, what it absorbed and how its gradients are
    /// formed (`layer tanh: formed from 1 input, bias, head; sweep summing bias, weight, head weight`).
    public let steps: [String]

    private let kernels: [CompiledStep]
    private let backwardKernels: [CompiledStep]
    private let inputs: [Int: Tensor]
    /// Outputs, the loss and constants: buffers that outlive every step.
    private let pinned: [Int: Tensor]
    private let parameterOf: [Int: Parameter]
    /// The loss gradient, set to 1 at the start of `backward()`.
    private let lossSeed: UnsafeMutablePointer<Float>?
    private let seedTensor: Tensor?
    /// Gradients of parameters that do not influence the loss: zeroed by `backward()`.
    private let unreachedGradients: [Tensor]
    private let arena: UnsafeMutableRawPointer
    /// The bias rows of fused layers without a bias.
    private let zeroRows: [Tensor]
    private let graphID: ObjectIdentifier

    /// Compiles `graph` to compute `outputs` and, when given, the scalar `loss` and its parameter gradients.
    /// Throws a `GraphError` for a shape mismatch anywhere the roots depend on.
    public convenience init(graph: Graph, outputs: [Node], loss: Node? = nil) throws {
        try self.init(graph: graph, outputs: outputs, loss: loss, gradientBuffers: nil)
    }

    /// With `gradientBuffers`, parameter gradients go to those buffers (keyed by the parameter's identity) instead
    /// of `Parameter.grad`, and are always added to — the caller zeroes them — so several steps over parts of a batch
    /// accumulate the batch's gradient (`TrainingStep`).
    init(graph: Graph, outputs: [Node], loss: Node?,
         gradientBuffers: [ObjectIdentifier: UnsafeMutablePointer<Float>]?) throws {
        let analysis = try GraphAnalysis(graph: graph, outputs: outputs, loss: loss)
        let schedule = ExecutionSchedule(analysis)
        let layout = ArenaLayout(schedule)
        steps = schedule.steps.map(schedule.describe)

        graphID = ObjectIdentifier(graph)
        arena = UnsafeMutableRawPointer.allocate(byteCount: max(1, layout.plan.arenaCount) * 4, alignment: 64)
        arena.initializeMemory(as: Float.self, repeating: 0, count: max(1, layout.plan.arenaCount))
        memory = MemorySummary(arenaBytes: layout.plan.arenaCount * 4, requestedBytes: layout.plan.requestedCount * 4,
                               bufferCount: layout.offsets.count, slotCount: layout.plan.slotCount)

        var inputs: [Int: Tensor] = [:], pinned: [Int: Tensor] = [:], parameterOf: [Int: Parameter] = [:]
        var parameters: [Parameter] = []
        for (index, entry) in graph.entries.enumerated() {
            switch entry.operation {
            case .input: inputs[index] = Tensor(shape: entry.shape)
            case let .parameter(p) where analysis.reachable[index]:
                parameterOf[index] = p
                parameters.append(p)
            case let .constant(value) where analysis.reachable[index]:
                pinned[index] = Tensor(shape: .scalar, repeating: value)
            default: break
            }
        }
        for root in outputs + (loss.map { [$0] } ?? []) where pinned[root.index] == nil {
            if case .input = graph.entries[root.index].operation { continue }
            if case .parameter = graph.entries[root.index].operation { continue }
            pinned[root.index] = Tensor(shape: root.shape)
        }
        var seedTensor: Tensor?
        if let loss, parameterOf[loss.index] == nil {
            seedTensor = Tensor(shape: .scalar, repeating: 1)
        }

        let base = arena.assumingMemoryBound(to: Float.self)
        func value(_ node: Int) -> View {
            let shape = graph.entries[node].shape
            if let t = inputs[node] ?? pinned[node] { return View(data: t.data, shape: shape) }
            if let p = parameterOf[node] { return View(data: p.value.data, shape: shape) }
            return View(data: base + layout.offsets[.value(node)]!, shape: shape)
        }
        func gradient(_ node: Int) -> UnsafeMutablePointer<Float>? {
            guard analysis.needsGrad[node] else { return nil }
            if let p = parameterOf[node] { return gradientBuffers?[ObjectIdentifier(p)] ?? p.grad.data }
            if node == loss?.index { return seedTensor!.data }
            return base + layout.offsets[.gradient(node)]!
        }

        let builder = KernelBuilder(analysis: analysis, value: value, gradient: gradient)
        // The first step to reach an operand's gradient overwrites it; later ones add to it. Accumulating
        // parameter gradients count as written before the step.
        var written = gradientBuffers == nil ? Set<Int>() : Set(parameterOf.keys)
        var accumulation = [KernelBuilder.Accumulation](repeating: [:], count: schedule.steps.count)
        for position in schedule.backwardOrder {
            for (target, node) in schedule.buffers(schedule.steps[position]).gradientWrites {
                accumulation[position][target] = !written.insert(node).inserted
            }
        }
        var compiled: [CompiledStep] = []
        var zeroRows: [Tensor] = []
        for (position, step) in schedule.steps.enumerated() {
            let scratch = layout.offsets[.scratch(position)].map { base + $0 }
            switch step {
            case let .node(node):
                compiled.append(.op(builder.kernel(node, accumulate: accumulation[position], scratch: scratch)))
            case let .layer(plan):
                var bias = plan.bias.map { UnsafePointer(value($0).data) }
                if bias == nil {
                    // A layer without bias: its pass adds a row of zeros (x + 0 is x).
                    let zeros = Tensor(shape: Shape(1, graph.entries[plan.output].shape.cols))
                    zeroRows.append(zeros)
                    bias = UnsafePointer(zeros.data)
                }
                compiled.append(.layer(builder.kernel(plan, bias: bias!, accumulate: accumulation[position],
                                                      scratch: scratch)))
            }
        }
        let backward = schedule.backwardOrder.map { compiled[$0] }
        kernels = compiled
        backwardKernels = backward
        self.zeroRows = zeroRows
        self.inputs = inputs
        self.pinned = pinned
        self.parameterOf = parameterOf
        self.parameters = parameters
        lossSeed = loss.flatMap { node in parameterOf[node.index] != nil ? gradient(node.index) : seedTensor?.data }
        unreachedGradients = gradientBuffers != nil ? [] : parameterOf.keys.sorted().filter { !analysis.needsGrad[$0] }
            .map { parameterOf[$0]!.grad }
        self.seedTensor = seedTensor
    }

    deinit {
        arena.deallocate()
    }

    // MARK: - Running

    /// The tensor to fill with an input's values before `forward()`.
    public func buffer(for input: Node) -> Tensor {
        guard input.graphID == graphID, let tensor = inputs[input.index] else {
            preconditionFailure("CompiledGraph.buffer(for:): node \(input.index) is not an input of this graph")
        }
        return tensor
    }

    /// The value of an output, the loss, an input or a parameter, valid after `forward()`.
    public func value(of node: Node) -> Tensor {
        guard node.graphID == graphID else { preconditionFailure("CompiledGraph.value(of:): a foreign node") }
        if let tensor = pinned[node.index] ?? inputs[node.index] { return tensor }
        if let p = parameterOf[node.index] { return p.value }
        preconditionFailure("CompiledGraph.value(of:): node \(node.index) is not an output of this graph")
    }

    /// Computes every output and the loss from the inputs and the current parameter values.
    public func forward() {
        // Indexing rather than `for kernel in kernels`: a debug build boxes the iterator's element.
        for index in kernels.indices { kernels[index].forward() }
    }

    /// Computes the gradient of the loss for every parameter, overwriting `Parameter.grad`. Call after `forward()`.
    /// `lossScale` multiplies every gradient (the loss's weight in a larger sum).
    public func backward(lossScale: Float = 1) {
        lossSeed?.pointee = lossScale
        for index in unreachedGradients.indices { unreachedGradients[index].fill(0) }
        for index in backwardKernels.indices { backwardKernels[index].backward() }
    }
}

// MARK: - Memory summary

/// The compiled graph's transient memory: what the plan needs, against what it would without reuse.
public struct MemorySummary: Sendable, CustomStringConvertible {
    public let arenaBytes: Int
    public let requestedBytes: Int
    public let bufferCount: Int
    public let slotCount: Int

    public var description: String {
        "\(bufferCount) buffers in \(slotCount) slots: \(arenaBytes) bytes (\(requestedBytes) without reuse)"
    }
}
