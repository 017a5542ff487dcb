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

    private let kernels: [Kernel]
    private let backwardKernels: [Kernel]
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

        // Outer products formed inside the activation pass that reads them have no buffer; their kernels never
        // touch the value, so its view points at the arena's start.
        let unstored = Set(schedule.steps.filter(\.valueUnused).map(\.output))
        func operand(_ node: Int) -> View {
            unstored.contains(node) ? View(data: base, shape: graph.entries[node].shape) : value(node)
        }
        var compiled: [Kernel] = []
        var zeroRows: [Tensor] = []
        for (position, step) in schedule.steps.enumerated() {
            let a = operand(step.a)
            var b = operand(step.b ?? step.a)
            if case .biasActivation = step.kind, step.b == nil {
                // A layer without bias: its fused pass adds a row of zeros (x + 0 is x).
                let zeros = Tensor(shape: Shape(1, graph.entries[step.output].shape.cols))
                zeroRows.append(zeros)
                b = View(data: zeros.data, shape: zeros.shape)
            }
            var kernel = Kernel(kind: step.kind, output: operand(step.output), a: a, b: b)
            kernel.saved = step.saved.map { value($0) }
            if schedule.hasGradientWork(step) {
                // Before a single output the upstream gradient is formed from the product's (below).
                kernel.outputGrad = step.upstreamOuter == nil ? gradient(step.output) : nil
                kernel.aGrad = schedule.needsGradientA(step) && !step.transientGradient ? gradient(step.a) : nil
                kernel.bGrad = schedule.needsGradientB(step) ? step.b.flatMap(gradient) : nil
            }
            kernel.scratch = layout.offsets[.scratch(position)].map { base + $0 }
            kernel.skipForward = step.skipForward
            kernel.sweep = step.sweep
            if let upstream = step.upstreamOuter {
                kernel.headOutput = value(upstream.gradient).data
                kernel.upstreamColumn = gradient(upstream.gradient).map { UnsafePointer($0) }
                kernel.upstreamRow = UnsafePointer(value(upstream.row).data)
                if step.sweepHeadGradient { kernel.headGrad = gradient(upstream.row) }
            }
            if let outer = step.outer {
                kernel.outerColumn = UnsafePointer(value(outer.a).data)
                kernel.outerRow = UnsafePointer(value(outer.b).data)
                if step.sweepOuterGradient { kernel.outerGrad = gradient(outer.b) }
            }
            compiled.append(kernel)
        }
        // The first kernel to reach an operand's gradient overwrites it; later ones add to it. Accumulating
        // parameter gradients count as written before the step.
        var written = gradientBuffers == nil ? Set<Int>() : Set(parameterOf.keys)
        var backward: [Kernel] = []
        for position in schedule.backwardOrder {
            var kernel = compiled[position]
            let step = schedule.steps[position]
            if kernel.aGrad != nil { kernel.accumulateA = !written.insert(step.a).inserted }
            if kernel.bGrad != nil, let b = step.b { kernel.accumulateB = !written.insert(b).inserted }
            if kernel.outerGrad != nil, let outer = step.outer {
                kernel.accumulateOuter = !written.insert(outer.b).inserted
            }
            if kernel.headGrad != nil, let head = step.upstreamOuter {
                kernel.accumulateHead = !written.insert(head.row).inserted
            }
            backward.append(kernel)
        }
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
