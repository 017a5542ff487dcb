import NNTensor

// MARK: - Compiled training and prediction programs

/// The compiled training step for one batch size: forward, loss, backward, with every buffer planned once. A full
/// batch runs in row blocks that stay in cache (`TrainingStep`).
final class Trainer {
    let program: TrainingStep
    let batch: Int
    /// Input values and target values per row (k, and one label per row for cross-entropy, else m).
    let inputWidth: Int
    let targetWidth: Int
    private let xBuffer: UnsafeMutablePointer<Float>
    private let yBuffer: UnsafeMutablePointer<Float>

    init(network: Network, batch: Int, loss: Loss, activations: ActivationCompiler) throws {
        let inputs = network.architecture.inputs
        let targets = loss == .crossEntropy ? 1 : network.architecture.outputs
        program = try TrainingStep(rows: batch) { graph, rows in
            let x = graph.input("x", shape: Shape(rows, inputs))
            let y = graph.input("y", shape: Shape(rows, targets))
            let prediction = try network.forward(x, in: graph, activations: activations)
            return graph.loss(loss, prediction: prediction, target: y)
        }
        self.batch = batch
        inputWidth = inputs
        targetWidth = targets
        xBuffer = program.buffer(named: "x")!.data
        yBuffer = program.buffer(named: "y")!.data
    }

    /// Copies rows `indices[start ..< start + batch]` of the data (or the first `batch` rows when `indices` is
    /// nil) into the input buffers; `xs` and `ys` are row-major, `inputWidth` and `targetWidth` values a row.
    @inline(__always)
    func load(xs: UnsafePointer<Float>, ys: UnsafePointer<Float>, indices: UnsafePointer<Int>?, start: Int) {
        let k = inputWidth, m = targetWidth
        if let indices {
            for i in 0..<batch {
                let row = indices[start + i]
                (xBuffer + i * k).update(from: xs + row * k, count: k)
                (yBuffer + i * m).update(from: ys + row * m, count: m)
            }
        } else {
            xBuffer.update(from: xs, count: batch * k)
            yBuffer.update(from: ys, count: batch * m)
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
        let rows = predictRows(xs)
        return (0..<count).map { rows.values[$0 * rows.columns] }
    }

    /// Every output at each of `count` points, row-major: `inputs` holds each point's k coordinates.
    func predictRows(_ inputs: [Double]) -> (values: [Double], columns: Int) {
        let input = program.buffer(for: x)
        for (i, value) in inputs.enumerated() where i < input.count { input.data[i] = Float(value) }
        program.forward()
        let result = program.value(of: output)
        return ((0..<result.count).map { Double(result.data[$0]) }, result.shape.cols)
    }
}
