import Crypto
import Foundation

// MARK: - Machine-readable summary

/// What `nnscript run --json` writes: enough to compare runs and to tell that two runs gave the same weights.
public struct RunSummary: Codable, Sendable, Equatable {
    public var recipe: String
    public var seed: UInt64
    public var parameters: Int
    public var iterations: Int
    public var finalLoss: Double?
    public var mse: Double?
    public var maxError: Double?
    public var extrema: Int?
    public var targetExtrema: Int?
    public var holdoutMSE: Double?
    /// The holdout's loss, R² (numeric targets) and accuracy (classes); nil (left out) without a holdout.
    public var holdoutLoss: Double?
    public var holdoutR2: Double?
    public var holdoutAccuracy: Double?
    /// Class targets: the fraction of training rows labelled right, the class names and the confusion matrix
    /// (`confusion[actual][predicted]`). Nil (left out) otherwise.
    public var accuracy: Double?
    public var classes: [String]?
    public var confusion: [[Int]]?
    /// R² of a fit of numeric targets (every output together); nil without a target to compare with.
    public var r2: Double?
    public var trainSeconds: Double
    public var weightsSHA256: String
    public var expectationsPassed: Int
    public var expectationsFailed: Int

    enum CodingKeys: String, CodingKey {
        case recipe, seed, parameters, iterations
        case finalLoss = "final_loss", mse, maxError = "max_error", extrema, targetExtrema = "target_extrema"
        case holdoutMSE = "holdout_mse", holdoutLoss = "holdout_loss", holdoutR2 = "holdout_r2"
        case holdoutAccuracy = "holdout_accuracy", accuracy, classes, confusion, r2, trainSeconds = "train_seconds", weightsSHA256 = "weights_sha256"
        case expectationsPassed = "expectations_passed", expectationsFailed = "expectations_failed"
    }

    /// Pretty-printed JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Interpreter {
    /// The run's summary; metrics are those of the current weights.
    func summary() -> RunSummary? {
        let (network, position) = (training.network, training.position)
        guard !network.isEmpty else { return nil }
        let range = SourceRange.startOfFile(options.file)
        let values = try? reportValues(range: range).get()
        return RunSummary(
            recipe: options.file, seed: spec.seed, parameters: network.architecture.parameterCount,
            iterations: position.iterations, finalLoss: position.losses.last,
            mse: values?.regression?.totalMSE ?? values?.metrics?.mse,
            maxError: values?.metrics?.maxError, extrema: values?.metrics?.fitExtremaCount,
            targetExtrema: values?.metrics?.targetExtremaCount, holdoutMSE: values?.holdoutMSE,
            holdoutLoss: values?.holdout?.loss, holdoutR2: values?.holdout?.r2,
            holdoutAccuracy: values?.holdout?.accuracy,
            accuracy: values?.classification?.accuracy(rows: values?.rows ?? 0),
            classes: values?.classification?.classes, confusion: values?.classification?.confusion,
            r2: values?.regression?.totalR2,
            trainSeconds: position.trainSeconds, weightsSHA256: network.weightsSHA256,
            expectationsPassed: ledger.expectationsPassed, expectationsFailed: ledger.expectationsFailed)
    }
}

extension Network {
    /// SHA-256 of every weight's IEEE-754 bits, little-endian, in layer order (weight then bias).
    var weightsSHA256: String {
        var hasher = SHA256()
        for parameter in parameters {
            let bytes = UnsafeRawBufferPointer(start: parameter.value.data, count: parameter.value.count * 4)
            hasher.update(bufferPointer: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
