#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Reference evaluation

/// A plain, Double-precision forward pass over a `ModelDescription`: the yardstick that exported models (ONNX,
/// PyTorch) and the runtime's Float32 graphs are compared against. It favours obviousness over speed.
extension ModelDescription {
    /// The outputs for a single input feature (models with `inputSize == 1`); NaNs if the input size differs.
    public func predict(_ x: Double) -> [Double] {
        predict([x])
    }

    /// The outputs for one raw input row (`rawInputSize` values, the features computed from them first); NaNs if
    /// the row has the wrong length.
    public func predict(_ row: [Double]) -> [Double] {
        guard row.count == rawInputSize else { return Array(repeating: .nan, count: outputSize) }
        var values = features.map { $0.map { $0.evaluate(at: .nan, columns: row) } } ?? row
        for layer in layers {
            values = layer.forward(values)
        }
        return values
    }
}

extension LayerDescription {
    /// `act(x·W + b)` for one row, in Double. Returns NaNs if the layer's buffers are inconsistent.
    func forward(_ input: [Double]) -> [Double] {
        guard input.count == inputs, weight.count == inputs * outputs, bias.map({ $0.count == outputs }) ?? true
        else { return Array(repeating: .nan, count: outputs) }
        var output = bias.map { $0.map(Double.init) } ?? Array(repeating: 0, count: outputs)
        for i in 0..<inputs {
            let xi = input[i]
            let row = i * outputs
            for j in 0..<outputs {
                output[j] += xi * Double(weight[row + j])
            }
        }
        return output.map(activation.apply)
    }
}

extension ExportActivation {
    /// The activation's value at `z`, in Double, with the meaning the language gives it (PyTorch's definitions).
    public func apply(_ z: Double) -> Double {
        switch self {
        case .custom(_, let body):
            return body.evaluate(at: z)
        case .builtin(let name, let parameter):
            let a = parameter ?? Self.defaultParameter(of: name) ?? 0
            switch name {
            case "linear": return z
            case "tanh": return tanh(z)
            case "sigmoid": return 1 / (1 + exp(-z))
            case "relu": return z > 0 ? z : 0
            case "leaky_relu": return z >= 0 ? z : a * z
            case "elu": return z > 0 ? z : a * (exp(z) - 1)
            case "gelu": return 0.5 * z * (1 + erf(z / 2.0.squareRoot()))
            // PyTorch's softplus (beta 1) returns its input unchanged above the threshold 20.
            case "softplus": return z > Self.softplusThreshold ? z : log1p(exp(z))
            case "sin": return sin(a * z)
            case "swish": return z / (1 + exp(-z))
            default: return .nan
            }
        }
    }

    /// PyTorch's `Softplus(beta=1, threshold=20)`: above it the function is the identity.
    public static let softplusThreshold = 20.0
}
