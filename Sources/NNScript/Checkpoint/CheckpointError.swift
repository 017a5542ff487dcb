// MARK: - Checkpoint errors

/// Why a file could not be loaded as a checkpoint. `description` is the message shown to the user.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not start with the checkpoint signature (a recipe, a CSV, an ONNX file…).
    case notACheckpoint
    /// A checkpoint of a format version this build cannot read.
    case unsupportedVersion(UInt32)
    /// The file ends early: it has `size` bytes where its header announces `expected` (nil when the file ends
    /// inside the header itself).
    case truncated(size: Int, expected: Int?)
    /// The content does not match its SHA-256 checksum.
    case checksumMismatch
    /// The checksum matches but the content breaks the format's rules at byte `offset` (a file not written by
    /// nnscript, or one made deliberately).
    case malformed(String, offset: Int)
    /// The checkpoint belongs to a different network.
    case architectureMismatch(expected: String, found: String)
    /// A tensor the session needs is not in the checkpoint.
    case missingTensor(String)
    /// A tensor has another shape than the session's.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// Two tensors of one list share a name (which copy would win is arbitrary, so neither does).
    case duplicateTensor(String)
    /// A parameter the session's model does not have.
    case unknownTensor(String)
    /// A NaN or infinite value: such weights or state could only continue a diverged run.
    case nonFiniteValue(name: String, index: Int, value: Float)
    /// A negative value in a buffer of squares (Adam's `exp_avg_sq`, RMSprop's `square_avg`, Adagrad's `sum`).
    case negativeSecondMoment(name: String, index: Int, value: Float)

    public var description: String {
        switch self {
        case .notACheckpoint:
            return "not an nnscript checkpoint (the file does not start with the checkpoint signature)"
        case .unsupportedVersion(let version):
            return "checkpoint format version \(version) is not supported (this build reads versions "
                + "\(Checkpoint.readableVersions.lowerBound) to \(Checkpoint.readableVersions.upperBound))"
        case .truncated(let size, let expected?):
            return "corrupt checkpoint: truncated at byte \(size) (the header announces \(expected) bytes)"
        case .truncated(let size, nil):
            return "corrupt checkpoint: truncated at byte \(size), inside the \(Checkpoint.headerSize)-byte header"
        case .checksumMismatch:
            return "corrupt checkpoint: checksum mismatch (the file was changed or damaged after it was written)"
        case .malformed(let reason, let offset):
            return "corrupt checkpoint: \(reason) at byte \(offset)"
        case .architectureMismatch(let expected, let found):
            return "architecture mismatch: the session's model is \(expected), the checkpoint's is \(found)"
        case .missingTensor(let name):
            return "the checkpoint has no tensor named \"\(name)\""
        case .shapeMismatch(let name, let expected, let found):
            return "the checkpoint's \"\(name)\" has shape \(found), the session needs \(expected)"
        case .duplicateTensor(let name):
            return "the checkpoint holds \"\(name)\" twice"
        case .unknownTensor(let name):
            return "the checkpoint's \"\(name)\" is no parameter of the session's model"
        case .nonFiniteValue(let name, let index, let value):
            return "the checkpoint's \"\(name)\" holds \(value) at element \(index) (only finite values can resume)"
        case .negativeSecondMoment(let name, let index, let value):
            return "the checkpoint's \"\(name)\" holds \(value) at element \(index); a running mean of squares "
                + "is never negative"
        }
    }
}
