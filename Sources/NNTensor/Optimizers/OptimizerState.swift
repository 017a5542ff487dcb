// MARK: - OptimizerState

/// An optimizer's resumable state: its kind, the step count and every state buffer by name.
///
/// Buffer names are "<parameter index>:<parameter name>:<buffer>", the buffer named as in torch
/// (`momentum_buffer`, `exp_avg`, `exp_avg_sq`, `square_avg`, `sum`).
public struct OptimizerState: Sendable, Equatable, Codable {
    public var kind: OptimizerKind
    /// The number of updates applied.
    public var step: Int
    public var buffers: [String: [Float]]

    public init(kind: OptimizerKind, step: Int, buffers: [String: [Float]]) {
        self.kind = kind
        self.step = step
        self.buffers = buffers
    }
}

// MARK: - OptimizerStateError

/// Why a saved optimizer state does not fit an optimizer.
public enum OptimizerStateError: Error, Equatable, Sendable, CustomStringConvertible {
    case kindMismatch(expected: OptimizerKind, found: OptimizerKind)
    case negativeStep(Int)
    case missingBuffer(String)
    case unexpectedBuffer(String)
    case wrongCount(String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .kindMismatch(expected, found):
            "optimizer state is for \(found.rawValue), not \(expected.rawValue)"
        case let .negativeStep(step): "optimizer state has a negative step count \(step)"
        case let .missingBuffer(name): "optimizer state lacks buffer \(name)"
        case let .unexpectedBuffer(name): "optimizer state has an unknown buffer \(name)"
        case let .wrongCount(name, expected, found):
            "optimizer buffer \(name) has \(found) values, expected \(expected)"
        }
    }
}
