import Foundation
import Testing
import NNTensor

/// The fused dense layer — bias and activation in one pass, the single-output product formed in that pass, the
/// backward sweep that accumulates the bias and weight gradients while `dz` is in cache, the row kernels of tanh and
/// sigmoid — against a plain Double computation of the same 1-H-1 network's forward pass and gradients, on every
/// path: row kernels (H a multiple of 16) or not, sweep (small) or separate passes (large), with and without biases.
@Suite struct FusedLayerTests {
    struct Case: CustomStringConvertible, Sendable {
        var rows: Int
        var hidden: Int
        var activation: Activation
        var bias: Bool
        var description: String { "\(rows)×\(hidden) \(activation) bias \(bias)" }
    }

    static let cases: [Case] = [
        Case(rows: 50, hidden: 32, activation: .tanh, bias: true),      // row kernels, one sweep
        Case(rows: 50, hidden: 20, activation: .tanh, bias: true),      // width not a multiple of 16
        Case(rows: 60, hidden: 48, activation: .sigmoid, bias: true),
        Case(rows: 40, hidden: 32, activation: .relu, bias: true),      // no row kernels
        Case(rows: 4000, hidden: 32, activation: .tanh, bias: true),    // above the sweep limit: separate passes
        Case(rows: 50, hidden: 32, activation: .tanh, bias: false),     // fused without a bias
    ]

    @Test(arguments: cases)
    func matchesAPlainComputation(_ c: Case) throws {
        let first = Dense(inputs: 1, outputs: c.hidden, bias: c.bias, name: "first")
        let second = Dense(inputs: c.hidden, outputs: 1, bias: c.bias, name: "second")
        for i in 0..<c.hidden {
            first.weight.value.data[i] = Float(sin(Double(i) * 1.7)) * 1.3
            first.bias?.value.data[i] = Float(cos(Double(i) * 0.9)) * 0.4
            second.weight.value.data[i] = Float(sin(Double(i) * 0.7 + 0.3)) * 0.5
        }
        second.bias?.value.data[0] = 0.1
        let graph = Graph()
        let x = graph.input("x", shape: Shape(c.rows, 1)), y = graph.input("y", shape: Shape(c.rows, 1))
        let output = graph.dense(graph.dense(x, first, activation: c.activation), second)
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [output], loss: loss)
        let xs = (0..<c.rows).map { Float($0) / Float(c.rows) * 4 - 2 }
        let ys = xs.map { Float(sin(Double($0))) }
        for i in 0..<c.rows {
            program.buffer(for: x).data[i] = xs[i]
            program.buffer(for: y).data[i] = ys[i]
        }
        program.forward()
        program.backward()

        // The reference, in Double.
        func f(_ v: Double) -> Double {
            switch c.activation {
            case .tanh: return Foundation.tanh(v)
            case .sigmoid: return 1 / (1 + Foundation.exp(-v))
            default: return max(v, 0)
            }
        }
        func derivative(_ v: Double) -> Double {
            switch c.activation {
            case .tanh: return 1 - Foundation.tanh(v) * Foundation.tanh(v)
            case .sigmoid: return f(v) * (1 - f(v))
            default: return v > 0 ? 1 : 0
            }
        }
        let w1 = first.weight.value.array.map(Double.init), w2 = second.weight.value.array.map(Double.init)
        let b1 = first.bias?.value.array.map(Double.init) ?? Array(repeating: 0, count: c.hidden)
        let b2 = Double(second.bias?.value.data[0] ?? 0)
        var dw1 = Array(repeating: 0.0, count: c.hidden), db1 = dw1, dw2 = dw1
        var db2 = 0.0, lossValue = 0.0
        var predictions: [Double] = []
        for r in 0..<c.rows {
            let xr = Double(xs[r])
            let z = (0..<c.hidden).map { xr * w1[$0] + b1[$0] }
            let h = z.map(f)
            let out = zip(h, w2).map(*).reduce(0, +) + b2
            predictions.append(out)
            let residual = out - Double(ys[r])
            lossValue += residual * residual / Double(c.rows)
            let g = 2 * residual / Double(c.rows)
            db2 += g
            for j in 0..<c.hidden {
                dw2[j] += g * h[j]
                let d = g * w2[j] * derivative(z[j])
                db1[j] += d
                dw1[j] += d * xr
            }
        }

        func close(_ actual: [Float], _ expected: [Double], _ what: String) {
            let scale = max(expected.map(abs).max() ?? 0, 1e-6)
            let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst <= 2e-5 * scale + 1e-7, "\(c) \(what): off by \(worst) (scale \(scale))")
        }
        close(program.value(of: output).array, predictions, "predictions")
        close([program.value(of: loss).data[0]], [lossValue], "loss")
        close(first.weight.grad.array, dw1, "first weight gradient")
        close(second.weight.grad.array, dw2, "second weight gradient")
        if c.bias {
            close(first.bias!.grad.array, db1, "first bias gradient")
            close(second.bias!.grad.array, [db2], "second bias gradient")
        }
    }

    /// Gradients that another consumer also feeds: a parameter used twice accumulates both uses on the sweep path.
    @Test func aSharedBiasAccumulatesOnTheSweep() throws {
        let layer = Dense(inputs: 1, outputs: 16, name: "l")
        let head = Dense(inputs: 16, outputs: 1, name: "h")
        for i in 0..<16 { layer.weight.value.data[i] = Float(i) / 16 - 0.5; head.weight.value.data[i] = 0.25 }
        let graph = Graph()
        let x = graph.input("x", shape: Shape(8, 1)), y = graph.input("y", shape: Shape(8, 1))
        let out = graph.dense(graph.dense(x, layer, activation: .tanh), head)
        // The same bias read a second time, straight into the loss.
        let ones = graph.input("ones", shape: Shape(8, 16))
        let extra = graph.matmul(ones, graph.parameter(layer.bias!), transposeB: true)
        let loss = graph.loss(.sse, prediction: graph.add(out, extra), target: y)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        for i in 0..<8 { program.buffer(for: x).data[i] = Float(i) / 4 - 1 }
        program.buffer(for: ones).fill(1)
        // Finite differences on the shared bias.
        for d in GradientCheck.differences(program, objective: loss, parameters: [layer.bias!], step: 1e-2) {
            #expect(abs(Double(d.analytic) - d.numeric) <= 1e-2 * max(1, abs(d.numeric)),
                    "bias \(d.index): analytic \(d.analytic), numeric \(d.numeric)")
        }
    }

    /// A product that is also an output is never fused away: its value is there after `forward()`.
    @Test func aProductAskedForAsAnOutputIsStored() throws {
        let layer = Dense(inputs: 1, outputs: 16, name: "l")
        for i in 0..<16 { layer.weight.value.data[i] = Float(i) - 7.5; layer.bias!.value.data[i] = 0.5 }
        let graph = Graph()
        let x = graph.input("x", shape: Shape(4, 1))
        let product = graph.matmul(x, graph.parameter(layer.weight))
        let hidden = graph.activation(.tanh, graph.add(product, graph.parameter(layer.bias!)))
        let program = try CompiledGraph(graph: graph, outputs: [product, hidden])
        for i in 0..<4 { program.buffer(for: x).data[i] = Float(i + 1) }
        program.forward()
        for r in 0..<4 {
            for c in 0..<16 {
                let expected = Float(r + 1) * (Float(c) - 7.5)
                #expect(program.value(of: product).data[r * 16 + c] == expected)
                #expect(abs(program.value(of: hidden).data[r * 16 + c] - Float(Foundation.tanh(Double(expected + 0.5))))
                        <= 1e-6)
            }
        }
    }

    // MARK: Graphs the fusion rules must leave correct

    /// Compares every parameter gradient of `program` with central differences of its loss (fills inputs first).
    static func checkByFiniteDifferences(_ program: CompiledGraph, loss: Node, parameters: [Parameter],
                                         _ label: String) {
        for d in GradientCheck.differences(program, objective: loss, parameters: parameters, step: 1e-2) {
            #expect(abs(Double(d.analytic) - d.numeric) <= 2e-2 * max(1, abs(d.numeric)),
                    "\(label): \(d.parameter.name)[\(d.index)] analytic \(d.analytic), numeric \(d.numeric)")
        }
    }

    static func fill(_ program: CompiledGraph, _ nodes: [Node]) {
        for (k, node) in nodes.enumerated() {
            let buffer = program.buffer(for: node)
            for i in 0..<buffer.count { buffer.data[i] = Float(sin(Double(i * 7 + k * 3) * 0.37)) }
        }
    }

    /// A weight tied between the first layer and the head (`out = tanh(x·w + b)·wᵀ`): both sums of the sweep would
    /// go to one gradient, so the head's is left to its product.
    @Test(arguments: [16, 20])
    func aTiedWeightGetsBothContributions(width: Int) throws {
        let w = Parameter(name: "w", value: Tensor(shape: Shape(1, width), values: (0..<width).map {
            Float($0) / Float(width) - 0.4 }))
        let b = Parameter(name: "b", value: Tensor(shape: Shape(1, width), repeating: 0.1))
        let graph = Graph()
        let x = graph.input("x", shape: Shape(24, 1)), y = graph.input("y", shape: Shape(24, 1))
        let h = graph.activation(.tanh, graph.add(graph.matmul(x, graph.parameter(w)), graph.parameter(b)))
        let out = graph.matmul(h, graph.parameter(w), transposeB: true)
        let loss = graph.loss(.mse, prediction: out, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        Self.fill(program, [x, y])
        Self.checkByFiniteDifferences(program, loss: loss, parameters: [w, b], "tied width \(width)")
    }

    /// A head weight computed in the graph — after the layer (`h·(2v)`) or before it — is not read or written by
    /// the fused pass out of its own step's order.
    @Test(arguments: [false, true])
    func aComputedHeadWeightStaysCorrect(builtFirst: Bool) throws {
        let first = Dense(inputs: 4, outputs: 10, name: "first")
        for i in 0..<first.weight.value.count { first.weight.value.data[i] = Float(sin(Double(i))) * 0.6 }
        let v = Parameter(name: "v", value: Tensor(shape: Shape(10, 1), values: (0..<10).map { Float($0) / 10 - 0.45 }))
        let graph = Graph()
        let x = graph.input("x", shape: Shape(64, 4)), y = graph.input("y", shape: Shape(64, 1))
        let early = builtFirst ? graph.mul(graph.parameter(v), graph.constant(2)) : nil
        let h = graph.dense(x, first, activation: .relu)
        let weight = early ?? graph.mul(graph.parameter(v), graph.constant(2))
        let out = graph.matmul(h, weight)
        let loss = graph.loss(.mse, prediction: out, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [out], loss: loss)
        Self.fill(program, [x, y])
        program.forward()
        // The forward value against a direct computation.
        let xs = program.buffer(for: x).array, w1 = first.weight.value.array, b1 = first.bias!.value.array
        for r in 0..<64 {
            var expected: Float = 0
            for j in 0..<10 {
                var z = b1[j]
                for k in 0..<4 { z += xs[r * 4 + k] * w1[k * 10 + j] }
                expected += max(z, 0) * 2 * v.value.data[j]
            }
            #expect(abs(program.value(of: out).data[r] - expected) <= 1e-4, "row \(r)")
        }
        Self.checkByFiniteDifferences(program, loss: loss, parameters: [first.weight, first.bias!, v],
                                      "computed head weight, built first: \(builtFirst)")
    }
}
