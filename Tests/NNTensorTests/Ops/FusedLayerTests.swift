import Foundation
import Testing
import NNTensor

/// The fused dense layer — `f(x·W + b)` in one pass, the product formed in that pass from k ≤ 4 input columns, the
/// single-output product that follows formed on the way, the backward sweep that sums the bias and weight gradients
/// while `dz` is in cache, the row kernels of tanh and sigmoid — against a plain Double computation of the same
/// network's forward pass and gradients, on every path: k = 1…4 inputs, with and without a bias and a head, row kernels
/// (width a multiple of 16) or not, one sweep (small) or separate passes (large).
@Suite struct FusedLayerTests {
    struct Case: CustomStringConvertible, Sendable {
        var rows: Int
        var inputs: Int
        var hidden: Int
        var activation: Activation
        var bias: Bool
        var head: Bool
        var description: String { "\(rows)×\(inputs)→\(hidden) \(activation) bias \(bias) head \(head)" }
        /// What the plan should say about the backward pass.
        var sweeps: Bool { rows * hidden <= 1 << 16 }
    }

    /// Shapes and activations: row kernels, one sweep; a width that is not a multiple of 16; another row-kernel
    /// activation; no row kernels; above the sweep limit (separate passes) with and without row kernels.
    static let paths: [(rows: Int, hidden: Int, activation: Activation)] = [
        (50, 32, .tanh), (50, 20, .tanh), (60, 48, .sigmoid), (40, 32, .relu), (4000, 32, .tanh), (3000, 24, .sigmoid),
    ]
    static let cases: [Case] = paths.flatMap { path in
        (1...4).flatMap { inputs in
            [(true, true), (false, true), (true, false), (false, false)].map { bias, head in
                Case(rows: path.rows, inputs: inputs, hidden: path.hidden, activation: path.activation, bias: bias,
                     head: head)
            }
        }
    }

    /// Deterministic values in about ±1.
    static func wave(_ i: Int, _ frequency: Double, _ phase: Double = 0) -> Float {
        Float(sin(Double(i) * frequency + phase))
    }

    @Test(arguments: cases)
    func matchesAPlainComputation(_ c: Case) throws {
        let first = Dense(inputs: c.inputs, outputs: c.hidden, bias: c.bias, name: "first")
        let second = Dense(inputs: c.hidden, outputs: 1, bias: c.bias, name: "second")
        for i in 0..<first.weight.value.count { first.weight.value.data[i] = Self.wave(i, 1.7) * 1.3 / Float(c.inputs) }
        for i in 0..<c.hidden {
            first.bias?.value.data[i] = Self.wave(i, 0.9, 1.6) * 0.4
            second.weight.value.data[i] = Self.wave(i, 0.7, 0.3) * 0.5
        }
        second.bias?.value.data[0] = 0.1
        let graph = Graph()
        let x = graph.input("x", shape: Shape(c.rows, c.inputs))
        let hidden = graph.dense(x, first, activation: c.activation)
        let output = c.head ? graph.dense(hidden, second) : hidden
        let y = graph.input("y", shape: output.shape)
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [output], loss: loss)
        let xs = (0..<c.rows * c.inputs).map { Self.wave($0, 0.37) * 2 }
        let ys = (0..<output.shape.count).map { Self.wave($0, 0.11) * 0.5 }
        for (i, v) in xs.enumerated() { program.buffer(for: x).data[i] = v }
        for (i, v) in ys.enumerated() { program.buffer(for: y).data[i] = v }
        program.forward()
        program.backward()

        // The whole layer is one step: its product formed in the pass, the head absorbed.
        let layer = program.steps.first { $0.hasPrefix("layer") } ?? "no layer in \(program.steps)"
        let formed = "formed from \(c.inputs) input" + (c.inputs == 1 ? "" : "s")
        #expect(layer.contains(formed) && layer.contains("head") == c.head, "\(c): \(program.steps)")
        #expect(layer.contains(c.sweeps ? "; sweep" : "; passes"), "\(c): \(layer)")
        // Nothing else is left but the head's bias and the loss.
        #expect(program.steps.count == (c.head && c.bias ? 3 : 2) && !program.steps.contains("matmul"),
                "\(c): \(program.steps)")

        let reference = Reference(c, first: first, second: second, xs: xs, ys: ys)
        func close(_ actual: [Float], _ expected: [Double], _ what: String) {
            let scale = max(expected.map(abs).max() ?? 0, 1e-6)
            let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(actual.count == expected.count && worst <= 2e-5 * scale + 1e-7,
                    "\(c) \(what): off by \(worst) (scale \(scale))")
        }
        close(program.value(of: output).array, reference.predictions, "predictions")
        close([program.value(of: loss).data[0]], [reference.loss], "loss")
        close(first.weight.grad.array, reference.dw1, "first weight gradient")
        if c.bias { close(first.bias!.grad.array, reference.db1, "first bias gradient") }
        if c.head {
            close(second.weight.grad.array, reference.dw2, "head weight gradient")
            if c.bias { close(second.bias!.grad.array, [reference.db2], "head bias gradient") }
        }
    }

    /// The network of a `Case` in Double: `h = f(x·W1 + b1)`, then `h·w2 + b2` with a head, and the mean squared error.
    struct Reference {
        var predictions: [Double] = []
        var loss = 0.0
        var dw1: [Double], db1: [Double], dw2: [Double]
        var db2 = 0.0

        init(_ c: Case, first: Dense, second: Dense, xs: [Float], ys: [Float]) {
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
            let k = c.inputs, n = c.hidden
            let w1 = first.weight.value.array.map(Double.init), w2 = second.weight.value.array.map(Double.init)
            let b1 = first.bias?.value.array.map(Double.init) ?? Array(repeating: 0, count: n)
            let b2 = Double(second.bias?.value.data[0] ?? 0)
            dw1 = Array(repeating: 0, count: k * n)
            db1 = Array(repeating: 0, count: n)
            dw2 = db1
            let count = Double(c.head ? c.rows : c.rows * n)
            for r in 0..<c.rows {
                let z = (0..<n).map { j in (0..<k).reduce(b1[j]) { $0 + Double(xs[r * k + $1]) * w1[$1 * n + j] } }
                let h = z.map(f)
                var dh = Array(repeating: 0.0, count: n)
                if c.head {
                    let out = zip(h, w2).map(*).reduce(0, +) + b2
                    predictions.append(out)
                    let residual = out - Double(ys[r])
                    loss += residual * residual / count
                    let g = 2 * residual / count
                    db2 += g
                    for j in 0..<n {
                        dw2[j] += g * h[j]
                        dh[j] = g * w2[j]
                    }
                } else {
                    predictions += h
                    for j in 0..<n {
                        let residual = h[j] - Double(ys[r * n + j])
                        loss += residual * residual / count
                        dh[j] = 2 * residual / count
                    }
                }
                for j in 0..<n {
                    let d = dh[j] * derivative(z[j])
                    db1[j] += d
                    for p in 0..<k { dw1[p * n + j] += d * Double(xs[r * k + p]) }
                }
            }
        }
    }

    // MARK: Finite differences

    /// Every gradient of a layer fed by k = 1…4 inputs, with and without bias and head, on each path, against
    /// central differences of the loss (the same check the guards below use).
    @Test(arguments: 1...4)
    func gradientsMatchFiniteDifferences(inputs: Int) throws {
        for (width, activation) in [(16, Activation.tanh), (20, .sigmoid), (12, .gelu)] {
            for (bias, head) in [(true, true), (false, true), (true, false), (false, false)] {
                let first = Dense(inputs: inputs, outputs: width, bias: bias, name: "first")
                let second = Dense(inputs: width, outputs: 1, bias: bias, name: "second")
                for p in first.parameters + second.parameters {
                    for i in 0..<p.value.count { p.value.data[i] = Self.wave(i, 1.3, Double(p.value.count)) * 0.8 }
                }
                let graph = Graph()
                let x = graph.input("x", shape: Shape(24, inputs))
                let hidden = graph.dense(x, first, activation: activation)
                let output = head ? graph.dense(hidden, second) : hidden
                let y = graph.input("y", shape: output.shape)
                let loss = graph.loss(.mse, prediction: output, target: y)
                let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
                // Without a bias, gelu (whose derivative needs the pre-activation) is left unfused.
                let fused = program.steps.contains { $0.contains("formed from \(inputs) input") }
                #expect(fused == (bias || activation != .gelu), "\(program.steps)")
                Self.fill(program, [x, y])
                Self.checkByFiniteDifferences(program, loss: loss,
                                              parameters: first.parameters + (head ? second.parameters : []),
                                              "\(inputs) inputs \(activation) bias \(bias) head \(head)")
            }
        }
    }

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
}
