import CAllocationCounter
import Testing
import NNTensor

/// Networks with several output columns in a `TrainingStep`: cross-entropy over class logits, and mse over several
/// targets. Computed block by block they give the whole batch's loss and gradients, bit-identical for any thread
/// count, without allocating.
@Suite struct MultiOutputTrainingTests {
    /// A 2-24-3 tanh network; the same parameters for every build of a step.
    final class Net {
        let layers = [Dense(inputs: 2, outputs: 24, name: "l0"), Dense(inputs: 24, outputs: 3, name: "l1")]

        init() {
            for (index, layer) in layers.enumerated() {
                for i in 0..<layer.weight.value.count {
                    layer.weight.value.data[i] = (Float((i * 37 + index * 11) % 101) / 101 - 0.5) * 1.2
                }
                layer.bias!.value.fill(0.05 * Float(index + 1))
            }
        }

        var parameters: [Parameter] { layers.flatMap(\.parameters) }

        /// `loss` of the network's three outputs on `rows` rows: labels `[rows, 1]` for cross-entropy, else
        /// targets `[rows, 3]`.
        func build(_ graph: Graph, rows: Int, loss: Loss) -> Node {
            let x = graph.input("x", shape: Shape(rows, 2))
            let y = graph.input("y", shape: Shape(rows, loss == .crossEntropy ? 1 : 3))
            let output = graph.dense(graph.dense(x, layers[0], activation: .tanh), layers[1])
            return graph.loss(loss, prediction: output, target: y)
        }
    }

    /// Points on a spiral-like pattern; labels by angle, or three smooth targets.
    static func fill(_ step: TrainingStep, loss: Loss) {
        let x = step.buffer(named: "x")!, y = step.buffer(named: "y")!
        for r in 0..<step.rows {
            let t = Float(r * 7919 % step.rows) / Float(step.rows) * 6 - 3, u = Float(r * 104_729 % 997) / 997 * 4 - 2
            x.data[2 * r] = t
            x.data[2 * r + 1] = u
            if loss == .crossEntropy {
                y.data[r] = Float((r * 31 + Int((t + 3) * 2)) % 3)
            } else {
                y.data[3 * r] = t * u / 4
                y.data[3 * r + 1] = t / 3 - u * u / 8
                y.data[3 * r + 2] = 0.5
            }
        }
    }

    @Test(arguments: [Loss.crossEntropy, .mse, .sse])
    func blocksGiveTheWholeBatchGradient(loss: Loss) throws {
        let net = Net()
        let rows = 1000
        let blocked = try TrainingStep(rows: rows, blockRows: 96) { graph, rows in net.build(graph, rows: rows, loss: loss) }
        let whole = try TrainingStep(rows: rows, blockRows: rows) { graph, rows in net.build(graph, rows: rows, loss: loss) }
        #expect(blocked.blockRows == 96)  // 10 full blocks and one of 40 rows
        Self.fill(blocked, loss: loss)
        Self.fill(whole, loss: loss)

        let blockedLoss = blocked.run()
        let blockedGradients = net.parameters.map(\.grad.array)
        let wholeLoss = whole.run()
        let wholeGradients = net.parameters.map(\.grad.array)
        #expect(wholeLoss > 0)
        #expect(abs(blockedLoss - wholeLoss) <= 1e-5 * abs(wholeLoss))
        for (b, w) in zip(blockedGradients, wholeGradients) {
            let size = w.map(abs).max() ?? 0
            #expect(size > 0)
            for (gb, gw) in zip(b, w) { #expect(abs(gb - gw) <= 2e-5 * size + 1e-7) }
        }
    }

    @Test func multiOutputMSEIsTheMeanOverEveryElement() throws {
        // PyTorch's mse_loss over a [rows, 3] prediction: the mean of rows × 3 squared errors.
        let net = Net()
        let rows = 40
        let graph = Graph()
        let x = graph.input("x", shape: Shape(rows, 2)), y = graph.input("y", shape: Shape(rows, 3))
        let output = graph.dense(graph.dense(x, net.layers[0], activation: .tanh), net.layers[1])
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [output], loss: loss)
        for i in 0..<rows * 2 { program.buffer(for: x).data[i] = Float(i % 13) / 6 - 1 }
        for i in 0..<rows * 3 { program.buffer(for: y).data[i] = Float(i % 7) / 7 }
        program.forward()
        let prediction = program.value(of: output).array, target = program.buffer(for: y).array
        let expected = zip(prediction, target).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / Double(rows * 3)
        #expect(abs(Double(program.value(of: loss).data[0]) - expected) <= 1e-6 * expected)
        // Each column gets its own gradient: d/dbias of the output layer is 2/(rows·3) · Σ_rows error of that column.
        program.backward()
        for column in 0..<3 {
            var sum: Double = 0
            for r in 0..<rows { sum += Double(prediction[3 * r + column] - target[3 * r + column]) }
            let expectedGrad = 2 * sum / Double(rows * 3)
            #expect(abs(Double(net.layers[1].bias!.grad.data[column]) - expectedGrad) <= 1e-5 * max(1, abs(expectedGrad)))
        }
    }

    /// Losses and parameters after a few gradient-descent steps of a blocked step with `threads` threads.
    static func train(threads: Int, loss: Loss) throws -> (losses: [Float], parameters: [[UInt32]]) {
        let saved = Parallel.threadCount
        Parallel.threadCount = threads
        defer { Parallel.threadCount = saved }
        let net = Net()
        let step = try TrainingStep(rows: 1000) { graph, rows in net.build(graph, rows: rows, loss: loss) }
        Self.fill(step, loss: loss)
        var losses: [Float] = []
        for _ in 0..<4 {
            losses.append(step.run())
            for p in step.parameters {
                for i in 0..<p.value.count { p.value.data[i] -= 0.2 * p.grad.data[i] }
            }
        }
        #expect(step.blockRows < step.rows)  // the default split into blocks was exercised
        return (losses, step.parameters.map { $0.value.array.map(\.bitPattern) })
    }

    @Test(arguments: [Loss.crossEntropy, .mse])
    func oneAndTwoThreadsAgreeBitForBit(loss: Loss) throws {
        let one = try Self.train(threads: 1, loss: loss), two = try Self.train(threads: 2, loss: loss)
        #expect(one.losses.map(\.bitPattern) == two.losses.map(\.bitPattern))
        #expect(one.parameters == two.parameters)
        #expect(one.losses.last! < one.losses.first!)  // it trained, so the comparison covered changing values
    }

    #if os(Linux)
    @Test(arguments: [Loss.crossEntropy, .mse])
    func aStepAllocatesNothing(loss: Loss) throws {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        let net = Net()
        for rows in [1000, 300] {  // blocked, and whole
            let step = try TrainingStep(rows: rows) { graph, rows in net.build(graph, rows: rows, loss: loss) }
            Self.fill(step, loss: loss)
            // First use on the calling thread alone (thread start-up, per-thread scratch), as TrainingStepTests.
            Parallel.threadCount = 1
            _ = step.run()
            Parallel.threadCount = 2
            _ = step.run()
            let count = AllocationTests.allocations {
                for _ in 0..<10 { _ = step.run() }
            }
            #expect(count == 0, "\(rows) rows")
        }
    }
    #endif
}
