import Foundation
import NNScript
import Testing

/// Trial files read back: missing, failed, duplicated and foreign ones, and the summary and expectations they give.
@Suite struct TrialCollectionTests {
    static let source = """
        data sin(x) on [0, 3] samples 50
        layer 8 tanh
        train 20
        sweep schedule constant, cosine
        sweep seed 1 to 4
        expect median mse < 0.01
        expect all extrema == target_extrema

        """

    static func plan(_ source: String = source) throws -> SweepPlan {
        try #require(SweepPlan.make(source: source, file: "s.nn").plan)
    }

    /// A finished trial with the given mse (the weights' hash names the trial, so duplicates agree).
    static func record(_ plan: SweepPlan, _ trial: Int, mse: Double, extrema: Int = 2, status: TrialRecord.Status = .ok,
                       weights: String? = nil) -> TrialRecord {
        // As a trial file holds it (RunSummary is made by the interpreter; here it is read, as --collect reads it).
        let json = """
            {"recipe": "s.nn", "seed": 1, "parameters": 25, "iterations": 20, "final_loss": \(mse * 2), "mse": \(mse),
             "max_error": 0.1, "extrema": \(extrema), "target_extrema": 2, "train_seconds": 0.1,
             "weights_sha256": "\(weights ?? "w\(trial)")", "expectations_passed": 0, "expectations_failed": 0}
            """
        let summary = try? JSONDecoder().decode(RunSummary.self, from: Data(json.utf8))
        #expect(summary != nil)
        return TrialRecord(plan: plan, trial: trial, status: status, failures: status == .ok ? [] : ["error: boom"],
                           summary: summary, seconds: 0.5)
    }

    static func files(_ records: [TrialRecord]) -> [(name: String, contents: Data)] {
        records.map { (TrialRecord.fileName(trial: $0.trial), Data($0.json().utf8)) }
    }

    @Test func aCompleteSetGivesStatisticsPerPointOverSeeds() throws {
        let plan = try Self.plan()
        let mses = [1e-3, 2e-3, 3e-3, 10e-3, 1e-4, 2e-4, 4e-4, 5e-4]
        let records = mses.enumerated().map { Self.record(plan, $0.offset, mse: $0.element) }
        let collection = TrialCollection.sort(Self.files(records), plan: plan)
        #expect(collection.isComplete)
        let summary = SweepSummary(plan: plan, trials: collection.ordered)
        #expect(summary.groups.map(\.name) == ["schedule=constant", "schedule=cosine"])
        let constant = try #require(summary.groups[0].statistics["mse"])
        #expect(constant.count == 4)
        #expect(abs(constant.mean - 4e-3) < 1e-12)
        #expect(abs(constant.median - 2.5e-3) < 1e-12)
        #expect(constant.min == 1e-3 && constant.max == 10e-3)
        #expect(abs(constant.std - (((9 + 4 + 1 + 36) as Double) / 3).squareRoot() * 1e-3) < 1e-12)
        #expect(summary.best?.group.name == "schedule=cosine")
        #expect(summary.expectations.map(\.passed) == [true, true])
    }

    @Test func expectationsFailAtThePointThatBreaksThem() throws {
        let plan = try Self.plan()
        var records = (0..<8).map { Self.record(plan, $0, mse: 1e-3) }
        records[1] = Self.record(plan, 1, mse: 1e-3, extrema: 5)
        records[4] = Self.record(plan, 4, mse: 0.5)
        records[5] = Self.record(plan, 5, mse: 0.5)
        records[6] = Self.record(plan, 6, mse: 0.5)
        let summary = SweepSummary(plan: plan, trials: records)
        #expect(summary.expectations.map(\.passed) == [false, false])
        #expect(summary.expectations[0].details.contains { $0.contains("median mse 0.5 at schedule=cosine") })
        #expect(summary.expectations[1].details.contains { $0.hasPrefix("trial 1 (schedule=constant seed=2)") })
        #expect(!summary.expectationsHold)
    }

    @Test func missingFailedDuplicatedAndForeignFilesAreNamed() throws {
        let plan = try Self.plan()
        var files = Self.files((0..<8).filter { $0 != 3 && $0 != 6 }.map { Self.record(plan, $0, mse: 1e-3) })
        files.append(("copy-of-trial-2.json", Data(Self.record(plan, 2, mse: 1e-3).json().utf8)))
        files.append(("conflict.json", Data(Self.record(plan, 5, mse: 1e-3, weights: "other").json().utf8)))
        files.append(("trial-6.json", Data(Self.record(plan, 6, mse: 1, status: .failed).json().utf8)))
        let other = try Self.plan(Self.source.replacingOccurrences(of: "samples 50", with: "samples 60"))
        files.append(("foreign.json", Data(Self.record(other, 3, mse: 1e-3).json().utf8)))
        files.append(("notes.json", Data("{\"hello\": 1}".utf8)))
        let collection = TrialCollection.sort(files, plan: plan)
        #expect(collection.missing == [3])
        #expect(collection.failed == [6])
        #expect(collection.duplicated.keys.sorted() == [2, 5])
        #expect(collection.conflicting == [5])
        #expect(collection.refused.map(\.file) == ["foreign.json", "notes.json"])
        #expect(!collection.isComplete)
        let problems = collection.problems.joined(separator: "\n")
        #expect(problems.contains("missing trials: 3"))
        #expect(problems.contains("failed trial 6: error: boom"))
        #expect(problems.contains("duplicated trial 2 with the same result: trial-2.json, copy-of-trial-2.json"))
        #expect(problems.contains("duplicated trial 5 with different results"))
        #expect(problems.contains("refused foreign.json: written for another recipe"))
    }

    @Test func aRecordRoundTripsThroughJSON() throws {
        let plan = try Self.plan()
        let record = Self.record(plan, 5, mse: 2e-4)
        let decoded = try JSONDecoder().decode(TrialRecord.self, from: Data(record.json().utf8))
        #expect(decoded == record)
        #expect(decoded.values.map(\.name) == ["schedule", "seed"])
        #expect(decoded.values.map(\.value) == ["cosine", "2"])
        #expect(record.json().contains("\"recipe_sha256\" : \"\(plan.recipeHash)\""))
    }

    @Test func statisticsOfOneValueHaveNoSpread() throws {
        let stats = try #require(SweepStatistics([3]))
        #expect(stats.mean == 3 && stats.median == 3 && stats.std == 0)
        #expect(SweepStatistics([]) == nil)
        #expect(SweepStatistics([1, 2, 3, 10])?.median == 2.5)
    }
}
