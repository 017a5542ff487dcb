// MARK: - Dense layer

/// A fully connected layer `y = x·W + b`: weight `[inputs, outputs]`, optional bias `[1, outputs]`.
///
/// The parameters start at zero; `Initializer` fills them. The same `Dense` can be added to several graphs
/// (a training batch, a plotting grid), which then share its parameters.
public final class Dense {
    public let weight: Parameter
    public let bias: Parameter?

    public init(inputs: Int, outputs: Int, bias: Bool = true, name: String = "dense") {
        weight = Parameter(name: "\(name).weight", value: Tensor(shape: Shape(inputs, outputs)))
        self.bias = bias ? Parameter(name: "\(name).bias", value: Tensor(shape: Shape(1, outputs))) : nil
    }

    /// The layer's parameters, weight first.
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public var inputs: Int { weight.value.shape.rows }
    public var outputs: Int { weight.value.shape.cols }
}

extension Graph {
    /// Appends `activation(x·W + b)`; compiled as one matmul and one fused bias + activation pass.
    public func dense(_ x: Node, _ layer: Dense, activation kind: Activation = .linear) -> Node {
        var z = matmul(x, parameter(layer.weight))
        if let bias = layer.bias { z = add(z, parameter(bias)) }
        return activation(kind, z)
    }
}
