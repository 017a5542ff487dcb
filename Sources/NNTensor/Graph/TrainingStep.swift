// MARK: - Training step

/// The forward and backward pass of a loss over a whole batch, computed block of rows by block of rows when the
/// graph allows it.
///
/// A network applied to a batch treats every row on its own until the loss sums over them, so the batch's
/// gradient is the sum of the gradients of its row blocks. Computing a block at a time keeps every activation of
/// the block in L2 cache for the whole forward and backward pass instead of streaming batch-sized buffers through
/// memory several times, and one step is one parallel job (blocks are split over the threads) instead of one per
/// kernel. The blocks are cut the same way whatever the thread count — a fixed number of lanes, each with its own
/// gradient buffers, summed in lane order — so results are bit-identical for any thread count.
///
/// When the graph mixes rows (a reduction before the loss, a matmul with a transposed batch operand) or the batch
/// is too small to split (under `2 × minimumBlockRows`), the step runs the whole batch as one compiled graph whose
/// kernels each split their work over the threads.
public final class TrainingStep {
    /// The parameters the loss depends on, in the order the graph first uses them.
    public let parameters: [Parameter]
    /// Rows per block; equal to `rows` when the batch runs as one graph.
    public let blockRows: Int
    /// The batch size.
    public let rows: Int

    private let inputs: [String: Tensor]
    private let lanes: [Lane]
    /// The whole-batch graph when the batch is not split.
    private let whole: (program: CompiledGraph, loss: Node)?

    /// Lanes of blocks: a fixed number, so the order of the gradient sums never depends on the thread count.
    static let laneCount = 4
    /// The working set a block should fit in: well inside a core's L2 cache on current x86-64 and arm64 parts.
    static let blockBytes = 768 << 10
    /// Thinner blocks would lose more to per-block work (packing weights, dispatch) than cache saves: wide layers
    /// get one block per lane instead.
    static let minimumBlockRows = 256

    /// Builds the step for a batch of `rows`. `build(graph, rows)` adds the inputs (each `[rows, columns]`), the
    /// network and a `Graph.loss` to an empty graph and returns the loss node; it is called once per block size
    /// and must use the same `Parameter`s each time. `blockRows` forces a block size (`rows` runs the batch whole);
    /// by default it is chosen from the graph's memory per row.
    public init(rows: Int, blockRows requested: Int? = nil, build: (Graph, Int) throws -> Node) throws {
        self.rows = rows
        let probeRows = min(rows, 64)
        let probe = Graph()
        let probeLoss = try build(probe, probeRows)
        let separable = rows >= 2 * Self.minimumBlockRows && RowSeparability.holds(probe, loss: probeLoss)
        var blockRows = rows
        if separable, let requested {
            blockRows = min(rows, max(1, requested))
        } else if separable {
            // Blocks that fit in cache, but never thinner than `minimumBlockRows`, and at least one per lane so
            // that a step is a single parallel job.
            let perRow = try CompiledGraph(graph: probe, outputs: [], loss: probeLoss).memory.arenaBytes / probeRows
            let fitting = Self.blockBytes / max(1, perRow) / 32 * 32
            let perLane = ((rows + Self.laneCount - 1) / Self.laneCount + 31) / 32 * 32
            // Layers too wide for a block of `minimumBlockRows` to fit in cache: one block per lane, so that each
            // product is as large as it can be (packing the weights once per lane, not once per thin block).
            let target = fitting >= Self.minimumBlockRows ? min(perLane, fitting) : perLane
            // A multiple of the lane count of about equal blocks, so that lanes (and threads) get equal work.
            var count = (rows + target - 1) / target
            count = (count + Self.laneCount - 1) / Self.laneCount * Self.laneCount
            blockRows = ((rows + count - 1) / count + 15) / 16 * 16
        }
        self.blockRows = blockRows

        if blockRows == rows {
            let graph = Graph()
            let loss = try build(graph, rows)
            let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
            whole = (program, loss)
            parameters = program.parameters
            inputs = Dictionary(graph.inputNodes.map { ($0.name, program.buffer(for: $0.node)) },
                                uniquingKeysWith: { first, _ in first })
            lanes = []
            return
        }

        whole = nil
        let inputs = Dictionary(probe.inputNodes.map { ($0.name, Tensor(shape: Shape(rows, $0.node.shape.cols))) },
                                uniquingKeysWith: { first, _ in first })
        let blockCount = (rows + blockRows - 1) / blockRows
        let laneCount = min(Self.laneCount, blockCount)
        var lanes: [Lane] = []
        for lane in 0..<laneCount {
            let first = lane * blockCount / laneCount, end = (lane + 1) * blockCount / laneCount
            lanes.append(try Lane(blocks: first..<end, blockRows: blockRows, rows: rows, sources: inputs, build: build))
        }
        self.lanes = lanes
        self.inputs = inputs
        parameters = lanes[0].parameters
    }

    /// The batch-sized tensor to fill with the input called `name` before `run()`.
    public func buffer(named name: String) -> Tensor? {
        inputs[name]
    }

    /// Computes the loss over the batch and every `Parameter.grad`; returns the loss.
    public func run() -> Float {
        if let whole {
            whole.program.forward()
            whole.program.backward()
            return whole.program.value(of: whole.loss).data[0]
        }
        // A C function and the step as context: the per-step dispatch allocates nothing.
        Parallel.forEach(chunks: lanes.count, context: UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())) {
            context, lane in
            // A lane's kernels run on its thread alone: the parallelism is across lanes.
            Parallel.serially { Unmanaged<TrainingStep>.fromOpaque(context).takeUnretainedValue().lanes[lane].run() }
        }
        for (index, parameter) in parameters.enumerated() {
            let grad = parameter.grad.data, count = parameter.grad.count
            grad.update(from: lanes[0].gradients[index], count: count)
            for lane in lanes.dropFirst() {
                let source = lane.gradients[index]
                for i in 0..<count { grad[i] += source[i] }
            }
        }
        return lanes.reduce(0) { $0 + $1.loss }
    }
}

// MARK: - Lanes

extension TrainingStep {
    /// Consecutive blocks run one after another by one thread, accumulating into the lane's own gradients.
    final class Lane {
        let parameters: [Parameter]
        /// One buffer per parameter, in `parameters` order.
        let gradients: [UnsafeMutablePointer<Float>]
        private(set) var loss: Float = 0
        /// Each block of the lane: its first row and the compiled graph for its size (one per size, shared).
        private let schedule: [(first: Int, program: Program)]
        private let storage: UnsafeMutablePointer<Float>
        private let storageCount: Int

        struct Program {
            let graph: CompiledGraph
            /// The loss's value, looked up once rather than per block.
            let loss: Tensor
            /// Each input's block buffer and the batch-sized tensor it is copied from.
            let inputs: [(buffer: Tensor, source: Tensor)]
            /// The loss's weight in the batch loss: the block's share of the rows for a mean, 1 for a sum.
            let scale: Float
        }

        init(blocks: Range<Int>, blockRows: Int, rows: Int, sources: [String: Tensor],
             build: (Graph, Int) throws -> Node) throws {
            // Parameters first, from a graph built for the block size, so the gradient buffers can be planned.
            let sizes = Set(blocks.map { min(blockRows, rows - $0 * blockRows) })
            var parameters: [Parameter] = []
            var seen: Set<ObjectIdentifier> = []  // a set, not a search of `parameters`: deep nets have thousands
            var built: [(Int, Graph, Node)] = []
            for size in sizes.sorted() {
                let graph = Graph()
                let loss = try build(graph, size)
                built.append((size, graph, loss))
                for p in graph.parameterObjects(reachableFrom: loss) where seen.insert(ObjectIdentifier(p)).inserted {
                    parameters.append(p)
                }
            }
            // 16 floats (64 bytes) between buffers, so every gradient starts on its own cache line.
            let padded = parameters.map { ($0.grad.count + 15) / 16 * 16 }
            storageCount = max(1, padded.reduce(0, +))
            storage = UnsafeMutablePointer<Float>.allocate(capacity: storageCount)
            storage.initialize(repeating: 0, count: storageCount)
            var gradients: [UnsafeMutablePointer<Float>] = []
            var offset = 0
            for count in padded {
                gradients.append(storage + offset)
                offset += count
            }
            self.parameters = parameters
            self.gradients = gradients
            let buffers = Dictionary(uniqueKeysWithValues: zip(parameters.map(ObjectIdentifier.init), gradients))
            var programs: [Int: Program] = [:]
            for (size, graph, loss) in built {
                let program = try CompiledGraph(graph: graph, outputs: [], loss: loss, gradientBuffers: buffers)
                let isMean = graph.lossKind(loss).map { $0 != .sse } ?? true
                let inputs = graph.inputNodes.compactMap { entry in
                    sources[entry.name].map { (program.buffer(for: entry.node), $0) }
                }
                programs[size] = Program(graph: program, loss: program.value(of: loss), inputs: inputs,
                                         scale: isMean ? Float(size) / Float(rows) : 1)
            }
            schedule = blocks.map { block in
                let first = block * blockRows
                return (first, programs[min(blockRows, rows - first)]!)
            }
        }

        deinit {
            storage.deallocate()
        }

        func run() {
            storage.update(repeating: 0, count: storageCount)
            var total: Float = 0
            for (first, program) in schedule {
                for input in program.inputs {
                    let columns = input.buffer.shape.cols, count = input.buffer.shape.rows * columns
                    input.buffer.data.update(from: input.source.data + first * columns, count: count)
                }
                program.graph.forward()
                program.graph.backward(lossScale: program.scale)
                total += program.scale * program.loss.data[0]
            }
            loss = total
        }
    }
}
