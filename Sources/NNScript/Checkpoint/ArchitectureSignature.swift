// MARK: - Architecture signature

/// The shape of a network, without its weights: what must match for a checkpoint's parameters to fit a session.
public struct ArchitectureSignature: Equatable, Sendable, CustomStringConvertible {
    /// One layer: its width, its activation's canonical text (`ExportActivation.signature`) and whether it has a
    /// bias.
    public struct Layer: Equatable, Sendable {
        public var outputs: Int
        public var activation: String
        public var bias: Bool

        public init(outputs: Int, activation: String, bias: Bool) {
            self.outputs = outputs
            self.activation = activation
            self.bias = bias
        }
    }

    public var inputSize: Int
    public var layers: [Layer]

    public init(inputSize: Int, layers: [Layer]) {
        self.inputSize = inputSize
        self.layers = layers
    }

    /// The signature of a model description.
    public init(_ model: ModelDescription) {
        self.init(inputSize: model.inputSize, layers: model.layers.map {
            Layer(outputs: $0.outputs, activation: $0.activation.signature, bias: $0.bias != nil)
        })
    }

    /// The checkpoint's names of the parameters, in order: `layer1.weight`, `layer1.bias`, `layer2.weight`, …
    public var parameterNames: [String] {
        layers.enumerated().flatMap { position, layer in
            ["layer\(position + 1).weight"] + (layer.bias ? ["layer\(position + 1).bias"] : [])
        }
    }

    /// `1 → 32 tanh → 1 linear`, with ` (no bias)` after a layer without one.
    public var description: String {
        ([String(inputSize)] + layers.map { "\($0.outputs) \($0.activation)\($0.bias ? "" : " (no bias)")" })
            .joined(separator: " → ")
    }
}
