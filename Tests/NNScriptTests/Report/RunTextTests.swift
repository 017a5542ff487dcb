import Foundation
import NNScript
import Testing

@Suite struct RunTextTests {
    static let model = ModelOverview(
        inputs: 1,
        layers: [LayerOverview(units: 128, activation: "tanh"), LayerOverview(units: 1, activation: "linear")],
        parameters: 385)

    @Test func headerDataModelTrainLines() {
        #expect(RunText.header(RunHeader(file: "examples/sin.nn", seed: 7)) == "nnscript · examples/sin.nn · seed 7")
        #expect(RunText.header(RunHeader(file: "a.nn", seed: nil)) == "nnscript · a.nn")
        let data = DataDescription(
            count: 4000, source: .expression("sin(x)/2.5", noise: 0.05), lower: -1, upper: 9)
        #expect(RunText.data(data) == "data    4000 points   y = sin(x)/2.5 + N(0, 0.05²)   x in [-1, 9]")
        let csv = DataDescription(count: 12, source: .csv("points.csv"), lower: 0, upper: 1.5, evenlySpaced: false)
        #expect(RunText.data(csv) == "data    12 points   from points.csv   x in [0, 1.5]")
        #expect(RunText.model(Self.model) == "model   1 → 128 tanh → 1 linear   385 parameters")
        let train = TrainDescription(optimizer: "adam", options: [.init(name: "lr", value: 0.01)], loss: "mse")
        #expect(RunText.train(train) == "train   adam lr=0.01 · mse · full batch")
        let sgd = TrainDescription(
            optimizer: "sgd", options: [.init(name: "lr", value: 4e-7)], loss: "sse", batchSize: 64,
            schedule: "cosine")
        #expect(RunText.train(sgd) == "train   sgd lr=4e-7 · schedule cosine · sse · batch 64")
    }

    // MARK: - Progress

    @Test(arguments: [40, 60, 80, 120])
    func progressBarFitsTheWidth(width: Int) {
        let progress = TrainingProgress(iteration: 1500, total: 3000, loss: 0.00251, elapsedSeconds: 0.2)
        let line = RunText.progressBar(progress, width: width)
        #expect(line.count == width)
        #expect(line.contains("1500/3000"))
        #expect(line.contains("█") && line.contains("░"))
    }

    @Test func progressBarGolden() {
        let progress = TrainingProgress(iteration: 1500, total: 3000, loss: 0.00251, elapsedSeconds: 0.2)
        #expect(RunText.progressBar(progress, width: 80)
            == "        ███████████░░░░░░░░░░░ 1500/3000   loss 0.00251   7500 it/s   0.2 s left")
        // Too narrow for the rate and the time: they go first, the bar keeps at least 6 cells.
        #expect(RunText.progressBar(progress, width: 40) == "        ███▌░░░ 1500/3000   loss 0.00251")
        #expect(RunText.progressBar(progress, width: 20) == "        ███░░░ 1500/3000")
    }

    @Test func summaryLine() {
        let done = TrainingProgress(iteration: 3000, total: 3000, loss: 0.00251, elapsedSeconds: 0.4)
        #expect(RunText.trainingSummary(done) == "        3000 iterations   loss 0.00251   0.4 s   7500 it/s")
        let stopped = TrainingProgress(iteration: 1200, total: 3000, loss: 0.01, elapsedSeconds: 0)
        #expect(RunText.trainingSummary(stopped) == "        stopped at 1200/3000   loss 0.01   0 s")
    }

    // MARK: - Report, expect, compare

    @Test func reportBlockMatchesGolden() throws {
        let metrics = try FitMetrics.compute(
            grid: ReportFixtures.grid, prediction: ReportFixtures.wigglyFit, truth: ReportFixtures.target)
        let report = RunReport(
            finalLoss: 0.00251, metrics: metrics, holdoutMSE: 2.1e-3, losses: ReportFixtures.losses,
            plot: ReportFixtures.fitPlotData)
        let text = RunText.report(report, width: 80, plotHeight: 6)
        ReportFixtures.expectGolden(text, "report-80.txt")
        #expect(text.hasPrefix("report  loss 0.00251 · mse vs truth "))
        #expect(text.contains("extrema: fit 9, target 3 — 6 extra extrema, all in [-0.8, 0.8]"))
        #expect(text.contains("holdout mse 0.0021"))
    }

    @Test func trainLongerNoteFollowsTheLossTrend() throws {
        let metrics = try FitMetrics.compute(
            grid: ReportFixtures.grid, prediction: ReportFixtures.goodFit, truth: ReportFixtures.target)
        let falling = (0..<200).map { 1 / Double($0 + 1) }
        let flat = [Double](repeating: 0.01, count: 200)
        let fallingText = RunText.report(RunReport(finalLoss: 0.005, metrics: metrics, losses: falling), width: 100)
        let flatText = RunText.report(RunReport(finalLoss: 0.01, metrics: metrics, losses: flat), width: 100)
        #expect(fallingText.contains("still falling — train longer"))
        #expect(!flatText.contains("train longer"))
        #expect(!fallingText.contains("extra"))
    }

    @Test func reportWithoutTargetOrTraining() {
        #expect(RunText.report(RunReport(finalLoss: nil, metrics: nil), width: 80)
            == "report  no training and no target yet")
        #expect(RunText.report(RunReport(finalLoss: 0.5, metrics: nil, holdoutMSE: 0.25), width: 80)
            == "report  loss 0.5\n        holdout mse 0.25")
    }

    @Test func expectationLine() {
        let outcomes = [
            ExpectationOutcome(text: "extrema == target_extrema", passed: true),
            ExpectationOutcome(text: "mse < 5e-4", passed: false, metric: "mse", value: 1.2e-3),
        ]
        #expect(RunText.expectations(outcomes, width: 80)
            == "expect  extrema == target_extrema ✓   mse < 5e-4 ✗ (mse = 0.0012)")
        #expect(RunText.expectations(outcomes, width: 40)
            == "expect  extrema == target_extrema ✓\n        mse < 5e-4 ✗ (mse = 0.0012)")
    }

    @Test func comparisonTableGolden() {
        let rows = [
            ComparisonRow(name: "sgd lr=0.1", values: ["loss": 0.0123, "mse": 4.1e-3, "extrema": 7]),
            ComparisonRow(name: "adam lr=0.01", values: ["loss": 0.00251, "mse": 1.6e-4, "extrema": 3]),
            ComparisonRow(name: "seed", values: ["loss": .nan]),
        ]
        let table = RunText.comparisonTable(rows, columns: ["loss", "mse", "extrema"])
        #expect(table == """
            variant          loss      mse   extrema
            sgd lr=0.1     0.0123   0.0041         7
            adam lr=0.01  0.00251*  1.6e-4*        3
            seed              nan        –         –
            * lowest in its column
            """)
    }
}
