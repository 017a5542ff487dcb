import CAllocationCounter
import Testing
import NNTensor

/// A training step computed block of rows by block of rows gives the whole batch's loss and gradients, runs whole
/// when the graph mixes rows, and is bit-identical for any thread count.
@Suite struct TrainingStepTests {
    /// A 1-48-24-1 network with a user-style expression on the output; the same parameters for every build.
    final class Net {
        let layers: [Dense]
        let scale = Parameter(name: "scale", value: Tensor(shape: .scalar, repeating: 1.25))

        init() {
            layers = [(1, 48), (48, 24), (24, 1)].enumerated().map { index, shape in
                let layer = Dense(inputs: shape.0, outputs: shape.1, name: "l\(index)")
                for i in 0..<layer.weight.value.count {
                    layer.weight.value.data[i] = (Float((i * 37 + index * 11) % 101) / 101 - 0.5) * 0.6
                }
                layer.bias!.value.fill(0.05 * Float(index + 1))
                return layer
            }
        }

        /// The loss of the network on `rows` rows; `mixRows` adds the batch mean to the output (not separable).
        func build(_ graph: Graph, rows: Int, loss: Loss, mixRows: Bool = false) -> Node {
            buildWithInputs(graph, rows: rows, loss: loss, mixRows: mixRows).loss
        }

        func buildWithInputs(_ graph: Graph, rows: Int, loss: Loss, mixRows: Bool) -> (loss: Node, x: Node, y: Node) {
            let x = graph.input("x", shape: Shape(rows, 1)), y = graph.input("y", shape: Shape(rows, 1))
            var h = graph.dense(x, layers[0], activation: .tanh)
            h = graph.dense(h, layers[1], activation: .gelu)
            h = graph.dense(h, layers[2])
            var output = graph.add(graph.mul(h, graph.parameter(scale)), graph.sin(h))
            if mixRows { output = graph.add(output, graph.mean(h)) }
            return (graph.loss(loss, prediction: output, target: y), x, y)
        }

        var parameters: [Parameter] { layers.flatMap { [$0.weight, $0.bias!] } + [scale] }
    }

    static func fill(_ step: TrainingStep) {
        let x = step.buffer(named: "x")!, y = step.buffer(named: "y")!
        for i in 0..<step.rows {
            let v = Float(i * 7919 % step.rows) / Float(step.rows) * 10 - 1
            x.data[i] = v
            y.data[i] = DeterminismTests.sinApproximation(v) / 2.5
        }
    }

    static func gradients(_ net: Net) -> [[Float]] { net.parameters.map(\.grad.array) }

    @Test(arguments: [Loss.mse, .sse, .l1, .huber(delta: 0.1)])
    func blocksGiveTheWholeBatchGradient(loss: Loss) throws {
        let net = Net()
        let rows = 1000
        let blocked = try TrainingStep(rows: rows, blockRows: 96) { graph, rows in
            net.build(graph, rows: rows, loss: loss)
        }
        let whole = try TrainingStep(rows: rows, blockRows: rows) { graph, rows in
            net.build(graph, rows: rows, loss: loss)
        }
        #expect(blocked.blockRows == 96)  // 10 full blocks and one of 40 rows
        #expect(whole.blockRows == rows)
        Self.fill(blocked)
        Self.fill(whole)

        let blockedLoss = blocked.run()
        let blockedGradients = Self.gradients(net)
        let wholeLoss = whole.run()
        let wholeGradients = Self.gradients(net)
        #expect(abs(blockedLoss - wholeLoss) <= 1e-5 * abs(wholeLoss))
        for (b, w) in zip(blockedGradients, wholeGradients) {
            let size = w.map(abs).max() ?? 0
            #expect(size > 0)
            for (gb, gw) in zip(b, w) { #expect(abs(gb - gw) <= 2e-5 * size + 1e-7) }
        }
    }

    @Test func graphsThatMixRowsRunWhole() throws {
        let net = Net()
        let step = try TrainingStep(rows: 1000) { graph, rows in net.build(graph, rows: rows, loss: .mse, mixRows: true) }
        #expect(step.blockRows == 1000)
        // A batch operand on the left of a transposed product mixes rows too.
        let p = Parameter(name: "p", value: Tensor(shape: Shape(1000, 1), repeating: 0.5))
        let transposed = try TrainingStep(rows: 1000) { graph, rows in
            let x = graph.input("x", shape: Shape(rows, 1)), y = graph.input("y", shape: Shape(1, 1))
            return graph.loss(.mse, prediction: graph.matmul(x, graph.parameter(p), transposeA: true), target: y)
        }
        #expect(transposed.blockRows == 1000)

        // Run whole, the step computes what a plain compiled graph does, bit for bit.
        Self.fill(step)
        let loss = step.run()
        let viaStep = Self.gradients(net)
        let graph = Graph()
        let (node, x, y) = net.buildWithInputs(graph, rows: 1000, loss: .mse, mixRows: true)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: node)
        program.buffer(for: x).copy(from: step.buffer(named: "x")!)
        program.buffer(for: y).copy(from: step.buffer(named: "y")!)
        program.forward()
        program.backward()
        #expect(program.value(of: node).data[0].bitPattern == loss.bitPattern)
        #expect(Self.gradients(net).map { $0.map(\.bitPattern) } == viaStep.map { $0.map(\.bitPattern) })
        #expect(viaStep.joined().contains { $0 != 0 })
    }

    @Test func defaultBlocksAreCacheSizedAndOnePerLaneAtLeast() throws {
        let layer = Dense(inputs: 1, outputs: 128, name: "hidden"), output = Dense(inputs: 128, outputs: 1, name: "out")
        let step = try TrainingStep(rows: 4000) { graph, rows in
            let x = graph.input("x", shape: Shape(rows, 1)), y = graph.input("y", shape: Shape(rows, 1))
            return graph.loss(.mse, prediction: graph.dense(graph.dense(x, layer, activation: .tanh), output), target: y)
        }
        #expect(step.blockRows >= 256 && step.blockRows <= 1000)
        #expect(step.parameters.count == 4)
        // Too small a batch to split.
        let small = try TrainingStep(rows: 300) { graph, rows in
            let x = graph.input("x", shape: Shape(rows, 1)), y = graph.input("y", shape: Shape(rows, 1))
            return graph.loss(.mse, prediction: graph.dense(graph.dense(x, layer, activation: .tanh), output), target: y)
        }
        #expect(small.blockRows == 300)
    }

    /// Losses and parameters after a few gradient-descent steps of a blocked step with `threads` threads.
    static func train(threads: Int) throws -> (losses: [Float], parameters: [[UInt32]]) {
        let saved = Parallel.threadCount
        Parallel.threadCount = threads
        defer { Parallel.threadCount = saved }
        let net = Net()
        let step = try TrainingStep(rows: 1000, blockRows: 128) { graph, rows in
            net.build(graph, rows: rows, loss: .mse)
        }
        Self.fill(step)
        var losses: [Float] = []
        for _ in 0..<4 {
            losses.append(step.run())
            for p in step.parameters {
                for i in 0..<p.value.count { p.value.data[i] -= 0.05 * p.grad.data[i] }
            }
        }
        return (losses, step.parameters.map { $0.value.array.map(\.bitPattern) })
    }

    @Test func oneAndTwoThreadsAgreeBitForBit() throws {
        let one = try Self.train(threads: 1), two = try Self.train(threads: 2)
        #expect(one.losses.map(\.bitPattern) == two.losses.map(\.bitPattern))
        #expect(one.parameters == two.parameters)
        #expect(one.losses.last! < one.losses.first!)  // it trained, so the comparison covered changing values
    }

    #if os(Linux)
    @Test func aBlockedStepAllocatesNothing() throws {
        let saved = Parallel.threadCount
        Parallel.threadCount = 2
        defer { Parallel.threadCount = saved }
        let net = Net()
        let step = try TrainingStep(rows: 1000, blockRows: 128) { graph, rows in
            net.build(graph, rows: rows, loss: .huber(delta: 0.5))
        }
        Self.fill(step)
        // First use: thread start-up and per-thread scratch. The calling thread runs every lane once on its own —
        // with two threads a fast worker can claim every lane of a step, leaving the caller's scratch to be made
        // (two allocations) in the measured loop.
        Parallel.threadCount = 1
        _ = step.run()
        Parallel.threadCount = 2
        _ = step.run()
        let count = AllocationTests.allocations {
            for _ in 0..<10 { _ = step.run() }
        }
        #expect(count == 0)
    }
    #endif
}
