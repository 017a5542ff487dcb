import Foundation

/// What one trial left behind: `DIR/trial-N.json` of `nnscript sweep FILE --trial N --out DIR`, read back by
/// `--collect DIR` and by the local sweep alike, so both summaries are built from the same files.
public struct TrialRecord: Codable, Sendable, Equatable {
    /// The file format's name and version.
    public var format = TrialRecord.formatName
    /// The recipe's path as given.
    public var recipe: String
    /// `SweepPlan.recipeHash`: a file from another recipe (or other `--set` values) is refused.
    public var recipeSHA256: String
    /// The trial's index (from 0) and the grid's size.
    public var trial: Int
    public var trials: Int
    /// Axis (as `--set` names it) → value (as written), in axis order.
    public var values: [Setting]
    /// `ok`: ran to the end (its own expectations may still have failed); `failed`: an error stopped it.
    public var status: Status
    /// The error that stopped a failed trial, or the text of each failed per-trial expectation.
    public var failures: [String]
    /// The run's summary (metrics, the weights' SHA-256); nil when the run stopped before a model existed.
    public var summary: RunSummary?
    /// Wall-clock seconds of the whole trial (set-up, training, report).
    public var seconds: Double

    public static let formatName = "nnscript-trial/1"

    public enum Status: String, Codable, Sendable { case ok, failed }

    /// One axis's value in a trial.
    public struct Setting: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public var number: Double?

        public init(name: String, value: String, number: Double?) {
            self.name = name
            self.value = value
            self.number = number
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, recipe, recipeSHA256 = "recipe_sha256", trial, trials, values, status, failures, summary, seconds
    }

    public init(plan: SweepPlan, trial: Int, status: Status, failures: [String], summary: RunSummary?,
                seconds: Double) {
        self.recipe = plan.file
        self.recipeSHA256 = plan.recipeHash
        self.trial = trial
        self.trials = plan.trialCount
        self.values = plan.overrides(ofTrial: trial).map {
            Setting(name: $0.target.setName, value: $0.value.label, number: $0.value.number)
        }
        self.status = status
        self.failures = failures
        self.summary = summary
        self.seconds = seconds
    }

    /// Whether the trial ran and every expectation of its own held.
    public var passed: Bool { status == .ok && (summary?.expectationsFailed ?? 0) == 0 }

    /// Sorted-key JSON on one line per record (pretty-printed when `pretty`).
    public func json(pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The file name a trial is written to: `trial-N.json`.
    public static func fileName(trial: Int) -> String { "trial-\(trial).json" }
}
