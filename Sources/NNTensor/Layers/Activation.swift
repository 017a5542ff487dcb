// MARK: - Activations

/// The builtin activations of a dense layer.
public enum Activation: Hashable, Sendable {
    case linear, tanh, sigmoid, relu
    case leakyRelu(Float)
    case elu(Float)
    case gelu, softplus
    /// `sin(w0·x)`; `sin` is `sin(1)`.
    case sin(Float)
    /// `x·sigmoid(x)`.
    case swish

    /// The elementwise function, nil for `linear` (the identity adds no op).
    var function: UnaryFunction? {
        switch self {
        case .linear: return nil
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .relu: return .relu
        case let .leakyRelu(slope): return .leakyRelu(slope)
        case let .elu(alpha): return .elu(alpha)
        case .gelu: return .gelu
        case .softplus: return .softplus
        case let .sin(w0): return w0 == 1 ? .sin : .scaledSin(w0)
        case .swish: return .swish
        }
    }
}
