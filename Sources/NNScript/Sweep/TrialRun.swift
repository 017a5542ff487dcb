import Foundation

extension TrialRecord {
    /// The record of trial `trial` of `plan` from its run: `ok` when the run got to the end (its own expectations
    /// counted in its summary), `failed` with the first line of the error otherwise.
    public init(plan: SweepPlan, trial: Int, result: Session.RunResult, errors: String, seconds: Double) {
        let stopped = result.exitCode != 0 && result.expectationsFailed == 0
        let firstError = errors.split(separator: "\n").first { $0.contains("error:") }.map(String.init)
        self.init(plan: plan, trial: trial, status: stopped ? .failed : .ok,
                  failures: stopped ? [firstError ?? "the run failed"] : result.failures, summary: result.summary,
                  seconds: seconds)
    }
}

extension SweepPlan {
    /// The `--set` arguments and sweep axes a recipe leaves for `nnscript run`: nil when the run is one trial,
    /// otherwise the message that says how to run it.
    public var unfixedAxesMessage: String? {
        guard !axes.isEmpty else { return nil }
        let described = axes.map { "\($0.target.setName) (\($0.values.count) value\($0.values.count == 1 ? "" : "s"))" }
        return "\(file) sweeps \(described.joined(separator: ", ")): run all \(trialCount) trials with "
            + "'nnscript sweep \(file)', or one with --set for each axis, e.g. "
            + overrides(ofTrial: 0).map { "--set " + $0.assignment }.joined(separator: " ")
    }
}
