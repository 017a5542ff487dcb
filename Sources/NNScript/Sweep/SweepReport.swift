import Foundation

/// What `nnscript sweep --json` writes: the plan's axes, one object per trial (as its trial file holds it), the
/// statistics per point, the best point, the expectations over the sweep and what was missing.
public struct SweepReport: Codable, Sendable {
    public var format = "nnscript-sweep/1"
    public var recipe: String
    public var recipeSHA256: String
    public var axes: [Axis]
    public var trials: [TrialRecord]
    public var points: [Point]
    public var best: Point?
    public var bestBy: String?
    public var expectations: [SweepExpectationResult]
    /// Missing, failed, duplicated and refused trials, one line each; empty when the sweep is complete.
    public var problems: [String]

    public struct Axis: Codable, Sendable {
        public var name: String
        public var values: [String]
    }

    public struct Point: Codable, Sendable {
        public var values: [TrialRecord.Setting]
        public var trials: [Int]
        public var statistics: [String: SweepStatistics]
    }

    enum CodingKeys: String, CodingKey {
        case format, recipe, recipeSHA256 = "recipe_sha256", axes, trials, points, best, bestBy = "best_by"
        case expectations, problems
    }

    public init(summary: SweepSummary, problems: [String]) {
        let plan = summary.plan
        recipe = plan.file
        recipeSHA256 = plan.recipeHash
        axes = plan.axes.map { Axis(name: $0.target.setName, values: $0.values.map(\.label)) }
        trials = summary.trials
        func point(_ group: SweepSummary.Group) -> Point {
            Point(values: group.point, trials: group.trials.map(\.trial), statistics: group.statistics)
        }
        points = summary.groups.map(point)
        best = summary.best.map { point($0.group) }
        bestBy = summary.best?.metric
        expectations = summary.expectations
        self.problems = problems
    }

    /// Pretty-printed JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
