import Foundation
import NNScript
import Testing

@Suite struct HoldoutMetricsTests {
    @Test func classesGetCrossEntropyAndAccuracy() {
        // Two rows of two classes: the first right with logits (2, 0), the second wrong with (0, 1) for class 0.
        let metrics = HoldoutMetrics.compute(outputs: [2, 0, 0, 1], targets: [0, 0], columns: 2,
                                             classes: ["a", "b"], outputNames: ["label"], loss: "cross_entropy")
        let expected = ((log(1 + exp(-2.0))) + (log(1 + exp(1.0)))) / 2
        #expect(abs(metrics.loss - expected) < 1e-12)
        #expect(metrics.accuracy == 0.5)
        #expect(metrics.mse == nil && metrics.rows == 2)
        #expect(metrics.text == "2 rows · loss \(NumberFormat.short(expected)) · accuracy 50.0%")
    }

    @Test func numbersGetTheirLossMSEAndR2() {
        let outputs: [Double] = [1, 2, 4], targets: [Double] = [1, 3, 5]
        let mse = HoldoutMetrics.compute(outputs: outputs, targets: targets, columns: 1, classes: nil,
                                         outputNames: ["y"], loss: "mse")
        #expect(mse.loss == 2.0 / 3 && mse.mse == 2.0 / 3)
        #expect(mse.r2 == 0.75)  // 1 − SSE 2 / SST 8 (the targets' mean is 3)
        #expect(HoldoutMetrics.compute(outputs: outputs, targets: targets, columns: 1, classes: nil,
                                       outputNames: ["y"], loss: "l1").loss == 2.0 / 3)
        #expect(HoldoutMetrics.compute(outputs: outputs, targets: targets, columns: 1, classes: nil,
                                       outputNames: ["y"], loss: "sse").loss == 2)
        #expect(HoldoutMetrics.compute(outputs: outputs, targets: targets, columns: 1, classes: nil,
                                       outputNames: ["y"], loss: "huber", delta: 0.5).loss == (0.375 + 0.375) / 3)
    }
}
