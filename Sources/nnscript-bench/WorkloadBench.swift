import CAllocationCounter
import Foundation
import NNTensor

// MARK: - Training workloads of peers.py

/// One workload of `../shared/bench/peers.py`, with the same set-up: its data set (`WorkloadData`), PyTorch's
/// default Linear init (or randn weights), full batch unless `batch`.
struct Workload {
    let name: String
    let hidden: [Int]
    let activation: Activation
    let output: Activation
    let loss: Loss
    let optimizer: OptimizerKind
    let learningRate: Double
    let iterations: Int
    var batch: Int? = nil
    var randnWeights = false
    var bias = true
    var data = WorkloadData.seed

    static let all = [
        Workload(name: "shallow-adam", hidden: [128], activation: .tanh, output: .linear, loss: .mse,
                 optimizer: .adam, learningRate: 1e-2, iterations: 3000),
        Workload(name: "deep-adam", hidden: [32, 128, 32], activation: .tanh, output: .linear, loss: .mse,
                 optimizer: .adam, learningRate: 1e-3, iterations: 3000),
        Workload(name: "seed-sgd", hidden: [128], activation: .tanh, output: .tanh, loss: .sse,
                 optimizer: .sgd, learningRate: 4e-7, iterations: 3000, randnWeights: true, bias: false),
        Workload(name: "minibatch", hidden: [64, 64], activation: .tanh, output: .linear, loss: .mse,
                 optimizer: .adam, learningRate: 1e-3, iterations: 1250, batch: 32),
        Workload(name: "wide-relu", hidden: [512, 512, 512], activation: .relu, output: .linear, loss: .mse,
                 optimizer: .adam, learningRate: 1e-3, iterations: 100),
        // Several inputs, several outputs, classes.
        Workload(name: "spiral-ce", hidden: [16, 16], activation: .tanh, output: .linear, loss: .crossEntropy,
                 optimizer: .adam, learningRate: 1e-2, iterations: 2000, data: .spiral),
        Workload(name: "surface-2d", hidden: [64, 64], activation: .tanh, output: .linear, loss: .mse,
                 optimizer: .adam, learningRate: 1e-3, iterations: 500, data: .surface),
        Workload(name: "table-ce", hidden: [32], activation: .tanh, output: .linear, loss: .crossEntropy,
                 optimizer: .adam, learningRate: 1e-3, iterations: 1000, data: .table),
    ]
}

/// CPU time of the whole process (all threads), which a shared machine's other load does not inflate as much as
/// wall time.
func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

struct WorkloadResult {
    let seconds: Double
    /// CPU time per step summed over threads.
    let cpuMillisecondsPerStep: Double
    let finalLoss: Float
    /// Rows per block of the training step (the batch size when it runs whole).
    let blockRows: Int
    let allocationsPerStep: Double
    /// Forward and backward, and optimizer time per step.
    let phaseMilliseconds: SIMD2<Double>
}

func run(_ workload: Workload, data: WorkloadData.Tensors, iterationScale: Double,
         blockRows: Int?) throws -> WorkloadResult {
    let iterations = max(2, Int(Double(workload.iterations) * iterationScale))
    let rows = workload.batch ?? data.count
    var rng = RandomStream(seed: 0, stream: "init")
    let sizes = [data.x.shape.cols] + workload.hidden + [data.outputs]
    let layers = (0..<(sizes.count - 1)).map { index in
        let layer = Dense(inputs: sizes[index], outputs: sizes[index + 1], bias: workload.bias, name: "l\(index)")
        Initializer.fill(layer.weight.value, scheme: workload.randnWeights ? .randn : .default,
                         fanIn: sizes[index], fanOut: sizes[index + 1], rng: &rng)
        if let bias = layer.bias {
            Initializer.fill(bias.value, scheme: .default, fanIn: sizes[index], fanOut: sizes[index + 1], rng: &rng,
                             role: .bias)
        }
        return layer
    }
    let program = try TrainingStep(rows: rows, blockRows: blockRows) { graph, rows in
        var h = graph.input("x", shape: Shape(rows, data.x.shape.cols))
        let y = graph.input("y", shape: Shape(rows, data.y.shape.cols))
        for (index, layer) in layers.enumerated() {
            h = graph.dense(h, layer, activation: index == layers.count - 1 ? workload.output : workload.activation)
        }
        return graph.loss(workload.loss, prediction: h, target: y)
    }
    let optimizer = try Optimizer(OptimizerConfig(kind: workload.optimizer, learningRate: workload.learningRate),
                                  parameters: program.parameters)
    let xs = program.buffer(named: "x")!, ys = program.buffer(named: "y")!

    // Minibatches walk a shuffled order, reshuffled in place when exhausted (no allocation per step).
    var order = Array(0..<data.count)
    var position = order.count
    var phases = SIMD2<UInt64>()  // forward + backward, optimizer nanoseconds
    var loss: Float = 0
    func step() {
        if rows != data.count {
            if position + rows > order.count {
                rng.shuffle(&order)
                position = 0
            }
            let xColumns = data.x.shape.cols, yColumns = data.y.shape.cols
            for r in 0..<rows {
                let source = order[position + r]
                (xs.data + r * xColumns).update(from: data.x.data + source * xColumns, count: xColumns)
                (ys.data + r * yColumns).update(from: data.y.data + source * yColumns, count: yColumns)
            }
            position += rows
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        loss = program.run()
        let t1 = DispatchTime.now().uptimeNanoseconds
        optimizer.step()
        let t2 = DispatchTime.now().uptimeNanoseconds
        phases &+= SIMD2(t1 - t0, t2 - t1)
    }
    if rows == data.count {
        xs.copy(from: data.x)
        ys.copy(from: data.y)
    }
    step()  // warm-up: first-use scratch, thread start-up
    phases = .zero

    allocation_counter_start()
    let cpuStart = processCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 1..<iterations { step() }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = processCPUSeconds() - cpuStart
    let allocations = allocation_counter_stop()
    // Time of the whole run: the measured steps scaled up to the workload's full iteration count.
    return WorkloadResult(seconds: seconds * Double(workload.iterations) / Double(iterations - 1),
                          cpuMillisecondsPerStep: 1000 * cpuSeconds / Double(iterations - 1),
                          finalLoss: loss, blockRows: program.blockRows,
                          allocationsPerStep: Double(allocations) / Double(iterations - 1),
                          phaseMilliseconds: SIMD2<Double>(phases) / 1e6 / Double(iterations - 1))
}

/// Runs the workloads named (all when empty); `iterationScale` < 1 runs that fraction of each (`--quick`).
func runWorkloadBench(names: [String], iterationScale: Double = 1, blockRows: Int? = nil) throws {
    print("## training workloads of peers.py (threads=\(Parallel.threadCount); machine shared, numbers noisy)")
    for workload in Workload.all where names.isEmpty || names.contains(workload.name) {
        let result = try run(workload, data: try workload.data.make(), iterationScale: iterationScale,
                             blockRows: blockRows)
        let phases = result.phaseMilliseconds
        print(String(format: "  %-13@ %8.4f ms/iter (cpu %.4f)  %7.3f s  loss %.6f  allocations/step %.2f"
                     + "  (forward+backward %.3f, optimizer %.3f ms; blocks of %d rows)",
                     workload.name, 1000 * result.seconds / Double(workload.iterations),
                     result.cpuMillisecondsPerStep, result.seconds,
                     result.finalLoss, result.allocationsPerStep, phases.x, phases.y, result.blockRows))
    }
}
