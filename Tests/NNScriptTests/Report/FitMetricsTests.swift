import Foundation
import NNScript
import Testing

@Suite struct FitMetricsTests {
    @Test func mseWorstErrorAndRegions() throws {
        let grid: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let truth = [Double](repeating: 0, count: 11)
        var prediction = truth
        prediction[1] = 0.5  // region 1 of 5: [0, 2)
        prediction[7] = -1  // region 4: [6, 8)
        let metrics = try FitMetrics.compute(grid: grid, prediction: prediction, truth: truth, regions: 5)
        #expect(abs(metrics.mse - 1.25 / 11) < 1e-15)
        #expect(metrics.maxError == 1)
        #expect(metrics.maxErrorX == 7)
        #expect(metrics.regions.map(\.lower) == [0, 2, 4, 6, 8])
        #expect(metrics.regions.map(\.upper) == [2, 4, 6, 8, 10])
        // Two points per slice, three in the last (x = 10 closes the range).
        #expect(metrics.regions.map(\.mse) == [0.125, 0, 0, 0.5, 0])
    }

    @Test func extremaCountsOnTheFixture() throws {
        let metrics = try FitMetrics.compute(
            grid: ReportFixtures.grid, prediction: ReportFixtures.goodFit, truth: ReportFixtures.target)
        #expect(metrics.fitExtremaCount == 3)
        #expect(metrics.targetExtremaCount == 3)
        #expect(metrics.extremaSummary == nil)
        #expect(metrics.mse < 1e-4)
    }

    @Test func nonFiniteFitIsReportedWhereItBreaks() throws {
        let metrics = try FitMetrics.compute(
            grid: [0, 1, 2, 3], prediction: [0, 5, .nan, .infinity], truth: [0, 0, 0, 0], regions: 2)
        #expect(metrics.mse.isNaN)
        #expect(metrics.maxError.isNaN)
        #expect(metrics.maxErrorX == 2)
    }

    @Test func hugeRangesDoNotTrap() throws {
        let metrics = try FitMetrics.compute(
            grid: [-1e308, 0, 1e308], prediction: [1, 2, 3], truth: [1, 2, 4], regions: 5)
        #expect(metrics.regions.compactMap(\.mse).reduce(0, +) > 0)
        #expect(metrics.maxErrorX == 1e308)
    }

    @Test func badInputGivesErrorsNotTraps() {
        #expect(throws: ReportError.lengthMismatch(grid: 2, prediction: 1, truth: 2)) {
            try FitMetrics.compute(grid: [0, 1], prediction: [0], truth: [0, 1])
        }
        #expect(throws: ReportError.tooFewPoints(1)) {
            try FitMetrics.compute(grid: [0], prediction: [0], truth: [0])
        }
        #expect(throws: ReportError.gridNotIncreasing) {
            try FitMetrics.compute(grid: [0, 0], prediction: [0, 0], truth: [0, 0])
        }
        #expect(throws: ReportError.noRegions) {
            try FitMetrics.compute(grid: [0, 1], prediction: [0, 0], truth: [0, 0], regions: 0)
        }
    }

    @Test func denseGridSpansTheRange() {
        let grid = FitMetrics.denseGrid(lower: -1, upper: 9)
        #expect(grid.count == 2001)
        #expect(grid.first == -1 && grid.last == 9)
        #expect(abs(grid[1000] - 4) < 1e-12)
        #expect(FitMetrics.denseGrid(lower: 1, upper: 1).isEmpty)
        #expect(FitMetrics.denseGrid(lower: 0, upper: .nan).isEmpty)
    }

    // MARK: - Loss trend

    @Test func lossStillFallingRule() {
        let falling = (0..<100).map { 1 / Double($0 + 1) }
        #expect(LossTrend.lossStillFalling(losses: falling))
        let flat = (0..<100).map { $0 < 50 ? 1 / Double($0 + 1) : 0.02 }
        #expect(!LossTrend.lossStillFalling(losses: flat))
        // Noise around a level: the means of the two windows agree.
        let noisy = (0..<100).map { 0.5 + ($0 % 2 == 0 ? 0.01 : -0.01) }
        #expect(!LossTrend.lossStillFalling(losses: noisy))
        #expect(!LossTrend.lossStillFalling(losses: [3, 2, 1]))  // too few to say
        #expect(!LossTrend.lossStillFalling(losses: [Double](repeating: .nan, count: 50)))
        // Last 10 % mean 0.5 vs previous 10 % mean 1: a 50 % drop.
        let steps = [Double](repeating: 2, count: 80) + [Double](repeating: 1, count: 10)
            + [Double](repeating: 0.5, count: 10)
        #expect(LossTrend.relativeDrop(losses: steps) == 0.5)
    }

    // MARK: - Numbers

    @Test(arguments: [
        (0.0, "0"), (0.00251, "0.00251"), (1.6e-4, "1.6e-4"), (4e-7, "4e-7"), (0.01, "0.01"), (385, "385"),
        (12345, "12345"), (2.5e6, "2.5e6"), (-1, "-1"), (0.031, "0.031"), (1.23456, "1.23"), (9.996, "10"),
        (-0.0004, "-4e-4"), (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (0.30000000000000004, "0.3"),
    ])
    func shortNumbers(value: Double, text: String) {
        #expect(NumberFormat.short(value) == text)
    }

    @Test func durationsAndRates() {
        #expect(NumberFormat.duration(0.43) == "0.4 s")
        #expect(NumberFormat.duration(12.4) == "12 s")
        #expect(NumberFormat.duration(200) == "3 min 20 s")
        #expect(NumberFormat.duration(.nan) == "–")
        #expect(NumberFormat.rate(7512.4) == "7512")
        #expect(NumberFormat.rate(2.345) == "2.35")
        #expect(NumberFormat.duration(1e300) == "1e300 s")
        #expect(NumberFormat.rate(1e300) == "1e300")
    }
}
