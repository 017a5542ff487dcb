import Foundation
import Testing
import NNTensor

/// Which graphs become one fused layer step, and the graphs the fusion rules must leave correct. Each guard here
/// was a real bug of an earlier fusion (a gradient lost, a value read before it was computed) or is a shape the
/// many-input networks produce; each is checked against finite differences of the loss.
@Suite struct LayerPlanTests {
    static func check(_ program: CompiledGraph, loss: Node, parameters: [Parameter], _ label: String) {
        FusedLayerTests.checkByFiniteDifferences(program, loss: loss, parameters: parameters, label)
    }

    static func initialise(_ parameters: [Parameter], scale: Float = 0.8) {
        for p in parameters {
            for i in 0..<p.value.count { p.value.data[i] = FusedLayerTests.wave(i, 1.3, Double(p.value.count)) * scale }
        }
    }

    // MARK: What is fused

    /// A 1-32-128-1 net: the first layer formed from its input, the middle one reading a stored product, the last
    /// hidden one with the output product absorbed; only the middle product and the output bias remain as ops.
    @Test func aDeepNetBecomesLayerSteps() throws {
        let layers = [Dense(inputs: 1, outputs: 32, name: "a"), Dense(inputs: 32, outputs: 128, name: "b"),
                      Dense(inputs: 128, outputs: 1, name: "c")]
        let graph = Graph()
        let x = graph.input("x", shape: Shape(64, 1)), y = graph.input("y", shape: Shape(64, 1))
        let output = graph.dense(graph.dense(graph.dense(x, layers[0], activation: .tanh), layers[1], activation: .tanh),
                                 layers[2])
        let program = try CompiledGraph(graph: graph, outputs: [], loss: graph.loss(.mse, prediction: output, target: y))
        #expect(program.steps == [
            "layer tanh: formed from 1 input, bias; sweep summing bias, weight",
            "matmul",
            "layer tanh: stored input, bias, head; sweep summing bias, head weight",
            "add",
            "loss mse",
        ])
    }

    /// A layer too large for one sweep forms `dz` in passes and leaves the weight gradients to the products.
    @Test func aLargeLayerRunsInPasses() throws {
        let layer = Dense(inputs: 2, outputs: 512, name: "l"), head = Dense(inputs: 512, outputs: 1, name: "h")
        let graph = Graph()
        let x = graph.input("x", shape: Shape(1000, 2)), y = graph.input("y", shape: Shape(1000, 1))
        let output = graph.dense(graph.dense(x, layer, activation: .relu), head)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: graph.loss(.mse, prediction: output, target: y))
        #expect(program.steps.first == "layer relu: formed from 2 inputs, bias, head; passes; products for head weight, weight")
    }

    // MARK: Guards

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
        Self.check(program, loss: loss, parameters: [layer.bias!], "shared bias")
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
        #expect(program.steps.first?.hasSuffix("sweep summing bias, weight; products for head weight") == true,
                "\(program.steps)")
        FusedLayerTests.fill(program, [x, y])
        Self.check(program, loss: loss, parameters: [w, b], "tied width \(width)")
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
        FusedLayerTests.fill(program, [x, y])
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
        Self.check(program, loss: loss, parameters: [first.weight, first.bias!, v],
                   "computed head weight, built first: \(builtFirst)")
    }

    /// A layer fed by a narrow hidden layer (1-3-16-1): its product is formed from that layer's columns, which need
    /// a gradient, so the product's backward runs from a stored `dz`. In 1-16-1-16-1 the first layer's head is also
    /// the second layer's product: absorbed once, and read by the second layer as a stored value.
    @Test(arguments: [[1, 3, 16, 1], [1, 16, 1, 16, 1]])
    func layersAroundANarrowLayerStayCorrect(widths: [Int]) throws {
        let layers = (1..<widths.count).map { Dense(inputs: widths[$0 - 1], outputs: widths[$0], name: "l\($0)") }
        Self.initialise(layers.flatMap(\.parameters))
        let graph = Graph()
        let x = graph.input("x", shape: Shape(32, 1)), y = graph.input("y", shape: Shape(32, 1))
        var output = x
        for (index, layer) in layers.enumerated() {
            output = graph.dense(output, layer, activation: index == layers.count - 1 ? .linear : .tanh)
        }
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [], loss: loss)
        let fedByNarrow = "formed from \(widths[widths.count - 3]) input" + (widths[widths.count - 3] == 1 ? "" : "s")
            + ", bias, head; sweep summing bias, head weight; products for x, weight"
        #expect(program.steps.filter { $0.hasPrefix("layer") }.count == widths.count - 2, "\(program.steps)")
        #expect(program.steps.contains("layer tanh: " + fedByNarrow), "\(program.steps)")
        if widths.count == 5 { #expect(program.steps.contains("layer tanh: stored input, bias; sweep summing bias")) }
        FusedLayerTests.fill(program, [x, y])
        Self.check(program, loss: loss, parameters: layers.flatMap(\.parameters), "widths \(widths)")
    }

    /// A formed product whose input is stored transposed (`xᵀ·W` with `x` of shape `[k, rows]`) reads its columns
    /// with the right strides.
    @Test(arguments: [1, 3])
    func aTransposedInputIsReadInPlace(inputs: Int) throws {
        let layer = Dense(inputs: inputs, outputs: 16, name: "l"), head = Dense(inputs: 16, outputs: 1, name: "h")
        Self.initialise(layer.parameters + head.parameters)
        let graph = Graph()
        let xt = graph.input("xt", shape: Shape(inputs, 20)), y = graph.input("y", shape: Shape(20, 1))
        let z = graph.add(graph.matmul(xt, graph.parameter(layer.weight), transposeA: true), graph.parameter(layer.bias!))
        let output = graph.dense(graph.sigmoid(z), head)
        let loss = graph.loss(.mse, prediction: output, target: y)
        let program = try CompiledGraph(graph: graph, outputs: [output], loss: loss)
        #expect(program.steps.first?.contains("formed from \(inputs) input") == true, "\(program.steps)")
        FusedLayerTests.fill(program, [xt, y])
        program.forward()
        let xs = program.buffer(for: xt).array, w = layer.weight.value.array, b = layer.bias!.value.array
        for r in 0..<20 {
            var expected = head.bias!.value.data[0]
            for j in 0..<16 {
                var zj = b[j]
                for p in 0..<inputs { zj += xs[p * 20 + r] * w[p * 16 + j] }
                expected += 1 / (1 + exp(-zj)) * head.weight.value.data[j]
            }
            #expect(abs(program.value(of: output).data[r] - expected) <= 1e-5, "row \(r)")
        }
        Self.check(program, loss: loss, parameters: layer.parameters + head.parameters, "transposed \(inputs)")
    }
}
