import NNScript
import Testing

/// Classification and multi-output regression metrics, against counts worked by hand.
@Suite struct ShapeMetricsTests {
    @Test func confusionPrecisionAndRecall() {
        // Labels 0 0 1 1 2; picks 0 1 1 1 0 (by the largest logit).
        let logits: [Double] = [5, 1, 0, 0, 2, 1, 0, 3, 1, 1, 2, 0, 4, 0, 1]
        let metrics = ClassificationMetrics.compute(labels: [0, 0, 1, 1, 2], logits: logits, classes: ["a", "b", "c"])
        #expect(metrics.confusion == [[1, 1, 0], [0, 2, 0], [1, 0, 0]])
        #expect(metrics.accuracy(rows: 5) == 0.6)
        #expect(metrics.precision(0) == 0.5 && metrics.recall(0) == 0.5)
        #expect(metrics.precision(1) == 2.0 / 3 && metrics.recall(1) == 1)
        #expect(metrics.precision(2) == nil && metrics.recall(2) == 0)
    }

    @Test func aNaNLogitIsNeverRight() {
        let metrics = ClassificationMetrics.compute(labels: [0, 1], logits: [.nan, 0, 0, 1], classes: ["a", "b"])
        #expect(metrics.total == 1)
        #expect(metrics.accuracy(rows: 2) == 0.5)
    }

    @Test func mseAndR2PerOutput() {
        // Output 1 exact; output 2 off by 1 everywhere (actual 0, 2: mean 1, spread 2 → R² = 1 − 2/2 = 0).
        let metrics = RegressionMetrics.compute(predicted: [1, 1, 3, 3], actual: [1, 0, 3, 2], outputs: ["p", "q"])
        #expect(metrics.mse == [0, 1])
        #expect(metrics.r2 == [1, 0])
        #expect(metrics.totalMSE == 0.5)
        #expect(metrics.totalR2 == 1 - 2.0 / 4)
    }

    @Test func theReportTextShowsTheConfusionMatrix() {
        let metrics = ClassificationMetrics(classes: ["a", "b"], confusion: [[3, 1], [0, 4]])
        let text = RunText.classification(metrics, rows: 8)
        #expect(text.contains("87.5%"))
        #expect(text.contains("confusion (rows: actual, columns: predicted)"))
        let last = text.split(separator: "\n").last.map(String.init)
        #expect(last == "  b            0      4", "\(text)")
    }
}
