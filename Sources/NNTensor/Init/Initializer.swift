// MARK: - InitScheme

/// How a dense layer's weights (and bias) are drawn. Names are the language's (`init xavier_normal`).
public enum InitScheme: String, CaseIterable, Sendable {
    /// PyTorch `nn.Linear`: weight and bias U(−1/√fanIn, 1/√fanIn) (kaiming_uniform with a = √5).
    case `default`
    /// Weight N(0, 1), as the original seed program drew it; bias zero.
    case randn
    /// Glorot/Xavier uniform, gain 1: U(−√(6/(fanIn+fanOut)), +…).
    case xavier
    /// Glorot/Xavier normal, gain 1: N(0, 2/(fanIn+fanOut)).
    case xavierNormal = "xavier_normal"
    /// He/Kaiming uniform, fan-in mode, ReLU gain √2: U(−√(6/fanIn), +…).
    case he
    /// He/Kaiming normal, fan-in mode, ReLU gain √2: N(0, 2/fanIn).
    case heNormal = "he_normal"
    /// LeCun normal: N(0, 1/fanIn).
    case lecun
    /// SIREN (Sitzmann et al. 2020): first layer U(−1/fanIn, 1/fanIn), later layers U(−√(6/fanIn)/w0, +…).
    case siren
}

/// Which tensor of a layer is being filled.
public enum ParameterRole: Sendable {
    case weight
    case bias
}

// MARK: - Initializer

/// Fills weight and bias tensors by an `InitScheme`, drawing from a `RandomStream`.
///
/// Biases are zero for every scheme except `.default`, whose bias follows PyTorch's `nn.Linear`
/// (U(−1/√fanIn, 1/√fanIn)). A bias filled with zeros draws nothing, so it does not move the stream.
/// A fan below 1 is treated as 1, so no input makes a bound infinite.
public enum Initializer {
    /// The first-layer frequency SIREN's paper uses.
    public static let defaultSirenFrequency: Float = 30

    /// Fills `tensor` by `scheme` for a layer of `fanIn` inputs and `fanOut` outputs.
    ///
    /// - Parameters:
    ///   - role: `.weight` or `.bias`.
    ///   - isFirstLayer: for `.siren`, whether this layer reads the network's input.
    ///   - w0: for `.siren`, the frequency factor of the sine activations.
    public static func fill(_ tensor: Tensor, scheme: InitScheme, fanIn: Int, fanOut: Int,
                            rng: inout RandomStream, role: ParameterRole = .weight,
                            isFirstLayer: Bool = false, w0: Float = defaultSirenFrequency) {
        let buffer = UnsafeMutableBufferPointer(start: tensor.data, count: tensor.count)
        switch distribution(scheme: scheme, fanIn: fanIn, fanOut: fanOut, role: role,
                            isFirstLayer: isFirstLayer, w0: w0) {
        case .zeros:
            tensor.fill(0)
        case .uniform(let bound):
            rng.fillUniform(buffer, low: -bound, high: bound)
        case .normal(let standardDeviation):
            rng.fillNormal(buffer, standardDeviation: standardDeviation)
        }
    }

    /// The distribution a scheme draws from, exposed so tests and reports can state it.
    public enum Distribution: Equatable, Sendable {
        case zeros
        /// U(−bound, bound).
        case uniform(bound: Float)
        /// N(0, standardDeviation²).
        case normal(standardDeviation: Float)
    }

    /// The distribution `fill` draws from for these arguments.
    public static func distribution(scheme: InitScheme, fanIn: Int, fanOut: Int, role: ParameterRole = .weight,
                                    isFirstLayer: Bool = false,
                                    w0: Float = defaultSirenFrequency) -> Distribution {
        let fanIn = Float(max(1, fanIn))
        let fanOut = Float(max(1, fanOut))
        if role == .bias {
            return scheme == .default ? .uniform(bound: 1 / fanIn.squareRoot()) : .zeros
        }
        switch scheme {
        case .default: return .uniform(bound: 1 / fanIn.squareRoot())
        case .randn: return .normal(standardDeviation: 1)
        case .xavier: return .uniform(bound: (6 / (fanIn + fanOut)).squareRoot())
        case .xavierNormal: return .normal(standardDeviation: (2 / (fanIn + fanOut)).squareRoot())
        case .he: return .uniform(bound: (6 / fanIn).squareRoot())
        case .heNormal: return .normal(standardDeviation: (2 / fanIn).squareRoot())
        case .lecun: return .normal(standardDeviation: 1 / fanIn.squareRoot())
        case .siren:
            // A zero or non-finite w0 would make the bound infinite; fall back to the paper's 30.
            let frequency = w0.isFinite && w0 != 0 ? abs(w0) : defaultSirenFrequency
            return .uniform(bound: isFirstLayer ? 1 / fanIn : (6 / fanIn).squareRoot() / frequency)
        }
    }
}
