import NNTensor

// MARK: - Compiled training and prediction programs

/// The compiled training step for one batch size: forward, loss, backward, with every buffer planned once. A full
/// batch runs in row blocks that stay in cache (`TrainingStep`).
final class Trainer {
    let program: TrainingStep
    let batch: Int
    private let xBuffer: UnsafeMutablePointer<Float>
    private let yBuffer: UnsafeMutablePointer<Float>

    init(network: Network, batch: Int, loss: Loss, activations: ActivationCompiler) throws {
        let inputs = network.architecture.inputs, outputs = network.architecture.outputs
        program = try TrainingStep(rows: batch) { graph, rows in
            let x = graph.input("x", shape: Shape(rows, inputs))
            let y = graph.input("y", shape: Shape(rows, outputs))
            let prediction = try network.forward(x, in: graph, activations: activations)
            return graph.loss(loss, prediction: prediction, target: y)
        }
        self.batch = batch
        xBuffer = program.buffer(named: "x")!.data
        yBuffer = program.buffer(named: "y")!.data
    }

    /// Copies rows `indices[start ..< start + batch]` of the data (or the first `batch` rows when `indices` is
    /// nil) into the input buffers. One input and one output column.
    @inline(__always)
    func load(xs: UnsafePointer<Float>, ys: UnsafePointer<Float>, indices: UnsafePointer<Int>?, start: Int) {
        if let indices {
            for i in 0..<batch {
                let row = indices[start + i]
                xBuffer[i] = xs[row]
                yBuffer[i] = ys[row]
            }
        } else {
            xBuffer.update(from: xs, count: batch)
            yBuffer.update(from: ys, count: batch)
        }
    }

    /// One forward and backward pass; returns the loss (before the optimizer's update).
    @inline(__always)
    func step() -> Float {
        program.run()
    }
}

/// A compiled forward pass for a fixed number of points (the report grid, `predict`).
final class Predictor {
    let program: CompiledGraph
    let x: Node
    let output: Node
    let count: Int

    init(network: Network, count: Int, activations: ActivationCompiler) throws {
        let graph = Graph()
        x = graph.input("x", shape: Shape(count, network.architecture.inputs))
        output = try network.forward(x, in: graph, activations: activations)
        program = try CompiledGraph(graph: graph, outputs: [output])
        self.count = count
    }

    /// The network's first output at each x.
    func predict(_ xs: [Double]) -> [Double] {
        let input = program.buffer(for: x)
        for (i, value) in xs.enumerated() { input.data[i] = Float(value) }
        program.forward()
        let result = program.value(of: output)
        let columns = result.shape.cols
        return (0..<count).map { Double(result.data[$0 * columns]) }
    }
}
