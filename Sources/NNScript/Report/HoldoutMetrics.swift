import Foundation

// MARK: - How the network does on rows it never trained on

/// The holdout's numbers: the loss the recipe trains with, and the metrics its targets allow (mse and R² for
/// numbers, accuracy for classes), over rows the network never trained on.
public struct HoldoutMetrics: Equatable, Sendable {
    /// Rows judged.
    public var rows: Int
    /// The training loss's value over the holdout rows.
    public var loss: Double
    /// Numeric targets: mean squared error and R² over every output.
    public var mse: Double?
    public var r2: Double?
    /// Class targets: the fraction of rows whose likeliest class is their label.
    public var accuracy: Double?

    public init(rows: Int, loss: Double, mse: Double? = nil, r2: Double? = nil, accuracy: Double? = nil) {
        self.rows = rows
        self.loss = loss
        self.mse = mse
        self.r2 = r2
        self.accuracy = accuracy
    }

    /// The numbers of `outputs` (rows × columns, row-major) against `targets`: one label per row for `classes`,
    /// else one value per output. `loss` is the recipe's loss by its name (`mse`, `sse`, `l1`, `huber`,
    /// `cross_entropy`), reduced as training reduces it; `delta` is Huber's.
    public static func compute(outputs: [Double], targets: [Double], columns: Int, classes: [String]?,
                               outputNames: [String], loss: String, delta: Double = 1) -> HoldoutMetrics {
        let rows = columns > 0 ? outputs.count / columns : 0
        if let classes {
            var sum = 0.0
            for row in 0..<rows {
                let logits = outputs[row * columns..<(row + 1) * columns]
                let largest = logits.max() ?? 0
                let logSum = Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - largest) }) + largest
                sum += logSum - outputs[row * columns + Int(targets[row])]
            }
            let labels = targets.map { Int($0) }
            let accuracy = ClassificationMetrics.compute(labels: labels, logits: outputs, classes: classes)
                .accuracy(rows: rows)
            return HoldoutMetrics(rows: rows, loss: sum / Double(max(rows, 1)), accuracy: accuracy)
        }
        let regression = RegressionMetrics.compute(predicted: outputs, actual: targets, outputs: outputNames)
        var sum = 0.0
        for (p, t) in zip(outputs, targets) {
            let d = p - t
            switch loss {
            case "l1": sum += abs(d)
            case "huber": sum += abs(d) < delta ? 0.5 * d * d : delta * (abs(d) - 0.5 * delta)
            default: sum += d * d
            }
        }
        let value = loss == "sse" ? sum : sum / Double(max(outputs.count, 1))
        return HoldoutMetrics(rows: rows, loss: value, mse: regression.totalMSE, r2: regression.totalR2)
    }

    /// `holdout  120 rows · loss 0.081 · accuracy 96.7%` (or `· mse 2.1e-3 · r2 0.991`).
    public var text: String {
        var parts = ["\(rows) row\(rows == 1 ? "" : "s")", "loss \(NumberFormat.short(loss))"]
        if let accuracy { parts.append("accuracy " + RunText.percent(accuracy)) }
        if let mse { parts.append("mse \(NumberFormat.short(mse))") }
        if let r2 { parts.append("r2 " + String(format: "%.4f", r2)) }
        return parts.joined(separator: " · ")
    }
}
