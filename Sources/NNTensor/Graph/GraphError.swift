// MARK: - Graph errors

/// Why a graph cannot be compiled. Thrown by `CompiledGraph.init`, never a trap.
public enum GraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands of `op` have shapes that do not fit together.
    case shapeMismatch(op: String, Shape, Shape)
    /// An input was declared with a non-positive dimension.
    case invalidShape(name: String, shape: Shape)
    /// A node from another graph was used.
    case foreignNode
    /// The loss must be a `[1, 1]` scalar.
    case lossNotScalar(Shape)
    /// Two inputs share a name.
    case duplicateInput(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, a, b): return "\(op): shapes \(a) and \(b) do not fit"
        case let .invalidShape(name, shape): return "input \(name): invalid shape \(shape)"
        case .foreignNode: return "a node from another graph was used"
        case let .lossNotScalar(shape): return "the loss must be a scalar, not \(shape)"
        case let .duplicateInput(name): return "two inputs are named \(name)"
        }
    }
}
