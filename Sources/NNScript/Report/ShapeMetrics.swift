import Foundation

// MARK: - Metrics of classes and of several outputs

/// How well a classifier labels its rows: accuracy, the confusion matrix, each class's precision and recall.
public struct ClassificationMetrics: Equatable, Sendable {
    public var classes: [String]
    /// `confusion[actual][predicted]`: rows of each class, by the class the network picked.
    public var confusion: [[Int]]

    public init(classes: [String], confusion: [[Int]]) {
        self.classes = classes
        self.confusion = confusion
    }

    /// Counts each row's label against the class with the largest logit (the first such, on a tie; a row with a
    /// NaN logit counts as picking no class, so it is never right).
    public static func compute(labels: [Int], logits: [Double], classes: [String]) -> ClassificationMetrics {
        let k = classes.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (row, label) in labels.enumerated() where (0..<k).contains(label) {
            var best = -1
            var bestValue = -Double.infinity
            for j in 0..<k {
                let value = logits[row * k + j]
                if value.isNaN { best = -1; break }
                if best < 0 || value > bestValue { best = j; bestValue = value }
            }
            if best >= 0 { confusion[label][best] += 1 }
        }
        return ClassificationMetrics(classes: classes, confusion: confusion)
    }

    /// Rows counted.
    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The fraction of rows labelled right (of every row, including any with a NaN logit).
    public func accuracy(rows: Int) -> Double {
        let right = (0..<classes.count).reduce(0) { $0 + confusion[$1][$1] }
        return rows > 0 ? Double(right) / Double(rows) : .nan
    }

    /// Of the rows predicted as class `i`, the fraction that are; nil when none were predicted as `i`.
    public func precision(_ i: Int) -> Double? {
        let predicted = confusion.reduce(0) { $0 + $1[i] }
        return predicted > 0 ? Double(confusion[i][i]) / Double(predicted) : nil
    }

    /// Of the rows of class `i`, the fraction predicted as `i`; nil when the class has no rows.
    public func recall(_ i: Int) -> Double? {
        let actual = confusion[i].reduce(0, +)
        return actual > 0 ? Double(confusion[i][i]) / Double(actual) : nil
    }
}

/// How well a regression of several inputs or outputs fits: mean squared error and R² per output.
public struct RegressionMetrics: Equatable, Sendable {
    public var outputs: [String]
    public var mse: [Double]
    public var r2: [Double]
    /// Over every output together.
    public var totalMSE: Double
    public var totalR2: Double

    /// Compares `predicted` with `actual` (row-major, `outputs.count` values a row).
    public static func compute(predicted: [Double], actual: [Double], outputs: [String]) -> RegressionMetrics {
        let m = max(outputs.count, 1)
        let rows = actual.count / m
        var mse: [Double] = [], r2: [Double] = []
        var sse = 0.0, sst = 0.0
        for j in 0..<m {
            var mean = 0.0
            for row in 0..<rows { mean += actual[row * m + j] }
            mean /= Double(max(rows, 1))
            var squares = 0.0, spread = 0.0
            for row in 0..<rows {
                let a = actual[row * m + j], p = predicted[row * m + j]
                squares += (p - a) * (p - a)
                spread += (a - mean) * (a - mean)
            }
            mse.append(squares / Double(max(rows, 1)))
            r2.append(spread > 0 ? 1 - squares / spread : .nan)
            sse += squares
            sst += spread
        }
        return RegressionMetrics(outputs: outputs, mse: mse, r2: r2, totalMSE: sse / Double(max(rows * m, 1)),
                                 totalR2: sst > 0 ? 1 - sse / sst : .nan)
    }
}

extension RunText {
    /// The classification block of a report: accuracy, each class's precision and recall, the confusion matrix.
    public static func classification(_ metrics: ClassificationMetrics, rows: Int) -> String {
        var lines = [labelled("accuracy", percent(metrics.accuracy(rows: rows))
                                  + "   (\(rows) training rows)")]
        let width = max(7, (metrics.classes.map(\.count).max() ?? 1) + 2)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("  " + "class".padding(toLength: width, withPad: " ", startingAt: 0)
            + cell("precision") + " " + cell("recall"))
        for (i, name) in metrics.classes.enumerated() {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + cell(metrics.precision(i).map(percent) ?? "–") + " " + cell(metrics.recall(i).map(percent) ?? "–"))
        }
        lines.append("  confusion (rows: actual, columns: predicted)")
        lines.append("  " + String(repeating: " ", count: width) + metrics.classes.map(cell).joined())
        for (i, name) in metrics.classes.enumerated() {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + metrics.confusion[i].map { cell(String($0)) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// The regression block of a report of several inputs or outputs: mse and R² per output.
    public static func regression(_ metrics: RegressionMetrics, againstTruth: Bool) -> String {
        var lines: [String] = []
        let against = againstTruth ? "against the noiseless target" : "against the data"
        for (j, name) in metrics.outputs.enumerated() {
            lines.append(labelled(metrics.outputs.count == 1 ? "fit" : name,
                                  "mse \(NumberFormat.short(metrics.mse[j]))   r2 \(String(format: "%.4f", metrics.r2[j]))"
                                      + (j == 0 ? "   (\(against))" : "")))
        }
        return lines.joined(separator: "\n")
    }

    /// `96.7%` (how every report line writes an accuracy or a share).
    static func percent(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f%%", value * 100) : "n/a"
    }
}
