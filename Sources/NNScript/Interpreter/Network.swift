import NNTensor

// MARK: - The model's live weights

/// One dense layer of the live network: its identity across structure edits, its parameters and activation.
final class NetworkLayer {
    /// Stable across `insert/remove/replace layer`, so an edit keeps the weights of every layer whose shape holds.
    let id: Int
    let dense: Dense
    var activation: ActivationSpec

    init(id: Int, dense: Dense, activation: ActivationSpec) {
        self.id = id
        self.dense = dense
        self.activation = activation
    }
}

/// The architecture a session's set-up statements describe, before weights exist.
struct Architecture: Equatable {
    struct Layer: Equatable {
        var id: Int
        var inputs: Int
        var outputs: Int
        var bias: Bool
        var activation: ActivationSpec
        var initScheme: InitScheme
    }

    var layers: [Layer]

    var inputs: Int { layers.first?.inputs ?? 1 }
    var outputs: Int { layers.last?.outputs ?? 1 }
    var parameterCount: Int { layers.reduce(0) { $0 + $1.inputs * $1.outputs + ($1.bias ? $1.outputs : 0) } }
}

/// The live network: layers with weights, rebuilt after structure edits keeping what still fits.
final class Network {
    private(set) var layers: [NetworkLayer] = []
    private(set) var architecture = Architecture(layers: [])

    var parameters: [Parameter] { layers.flatMap { $0.dense.parameters } }
    var isEmpty: Bool { layers.isEmpty }

    /// Makes the network match `architecture`: a layer whose id, shape and bias are unchanged keeps its weights;
    /// others are created and initialised from `rng`. Returns the 1-based positions of re-initialised layers.
    @discardableResult
    func conform(to architecture: Architecture, rng: inout RandomStream, force: Bool = false) -> [Int] {
        let old = Dictionary(uniqueKeysWithValues: layers.map { ($0.id, $0) })
        var fresh: [Int] = []
        var rebuilt: [NetworkLayer] = []
        for (position, spec) in architecture.layers.enumerated() {
            if !force, let kept = old[spec.id], kept.dense.inputs == spec.inputs, kept.dense.outputs == spec.outputs,
               (kept.dense.bias != nil) == spec.bias {
                kept.activation = spec.activation
                rebuilt.append(kept)
                continue
            }
            let dense = Dense(inputs: spec.inputs, outputs: spec.outputs, bias: spec.bias, name: "layer\(position + 1)")
            Network.initialise(dense, spec: spec, isFirst: position == 0, rng: &rng)
            rebuilt.append(NetworkLayer(id: spec.id, dense: dense, activation: spec.activation))
            fresh.append(position + 1)
        }
        layers = rebuilt
        self.architecture = architecture
        return fresh
    }

    private static func initialise(_ dense: Dense, spec: Architecture.Layer, isFirst: Bool, rng: inout RandomStream) {
        let scheme = NNTensor.InitScheme(rawValue: spec.initScheme.rawValue) ?? .default
        var w0 = Initializer.defaultSirenFrequency
        if case .builtin(.sin, let parameter?) = spec.activation { w0 = Float(parameter) }
        Initializer.fill(dense.weight.value, scheme: scheme, fanIn: spec.inputs, fanOut: spec.outputs, rng: &rng,
                         role: .weight, isFirstLayer: isFirst, w0: w0)
        if let bias = dense.bias {
            Initializer.fill(bias.value, scheme: scheme, fanIn: spec.inputs, fanOut: spec.outputs, rng: &rng,
                             role: .bias, isFirstLayer: isFirst, w0: w0)
        }
    }

    /// The network's output for a batch input node.
    func forward(_ x: Node, in graph: Graph, activations: ActivationCompiler) throws(ActivationCompiler.Unsupported)
        -> Node
    {
        var h = x
        for layer in layers {
            var z = graph.matmul(h, graph.parameter(layer.dense.weight))
            if let bias = layer.dense.bias { z = graph.add(z, graph.parameter(bias)) }
            h = try activations.apply(layer.activation, to: z, in: graph)
        }
        return h
    }

    /// Copies of every parameter's values (for undo).
    func snapshot() -> [[Float]] { parameters.map { $0.value.array } }

    /// Puts back layers and architecture saved earlier (the REPL's undo); the caller rebuilds what holds them.
    func replace(layers: [NetworkLayer], architecture: Architecture) {
        self.layers = layers
        self.architecture = architecture
    }

    func restore(_ values: [[Float]]) {
        for (parameter, value) in zip(parameters, values) where value.count == parameter.value.count {
            value.withUnsafeBufferPointer { parameter.value.data.update(from: $0.baseAddress!, count: value.count) }
        }
    }
}
