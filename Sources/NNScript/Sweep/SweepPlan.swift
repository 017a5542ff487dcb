import Crypto
import Foundation

/// A diagnostic with the text it points into (the recipe, or a `--set` argument), ready to render.
public struct LocatedDiagnostic: Error, Sendable {
    public var diagnostic: Diagnostic
    public var source: String

    public init(_ diagnostic: Diagnostic, source: String) {
        self.diagnostic = diagnostic
        self.source = source
    }

    /// `file:line:col: error: …` with the source line and a marker.
    public func rendered(color: Bool) -> String { DiagnosticRenderer.render(diagnostic, source: source, color: color) }

    /// Several, one after the other, then the count of errors and warnings.
    public static func render(_ list: [LocatedDiagnostic], color: Bool) -> String {
        DiagnosticRenderer.render(list.map { ($0.diagnostic, $0.source) }, color: color)
    }
}

/// A recipe as a list of trials: its axes (those `--set` did not fix) form a grid in statement order, the last axis
/// varying fastest; trial `i` (from 0) is the recipe with the `i`-th combination of values written in.
public struct SweepPlan: Sendable {
    public let file: String
    /// The recipe as read.
    public let source: String
    /// Values fixed from the command line (`--set`); an axis they name is no longer swept.
    public let fixed: [SweepOverride]
    /// The swept axes, in grid order.
    public let axes: [SweepAxis]
    /// Expectations over the sweep, checked once every trial has run.
    public let expectations: [SweepExpectation]
    /// Whether the recipe has `sweep` lines or expectations over a sweep at all.
    public let declaresSweep: Bool
    /// SHA-256 of the recipe text and the fixed values: the identity every trial file carries.
    public let recipeHash: String

    public var trialCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The values of trial `index`, one per axis, in axis order.
    public func overrides(ofTrial index: Int) -> [SweepOverride] {
        var rest = index
        var values: [SweepOverride] = []
        for axis in axes.reversed() {
            values.append(SweepOverride(target: axis.target, value: axis.values[rest % axis.values.count]))
            rest /= axis.values.count
        }
        return values.reversed()
    }

    /// The recipe text of trial `index`.
    public func trialText(_ index: Int) -> TrialText {
        TrialText(source: source, file: file, overrides: fixed + overrides(ofTrial: index))
    }

    /// `seed=3 lr=0.001`: the `--set` arguments that run trial `index` alone.
    public func assignments(ofTrial index: Int) -> String {
        overrides(ofTrial: index).map(\.assignment).joined(separator: " ")
    }

    // MARK: - Making a plan

    /// Checks the recipe and every value of every axis (each written into the recipe and checked there, so a value
    /// obeys exactly the rules of the statement it lands in), then every trial of a grid of at most 4096.
    /// Returns the plan, or every error found, and the parsed recipe (for checks of what it names, such as the
    /// files it reads, without parsing it again).
    public static func make(source: String, file: String, fixed: [SweepOverride] = [])
        -> (plan: SweepPlan?, diagnostics: [LocatedDiagnostic], program: Program)
    {
        let (program, _, diagnostics, declarations) = Checker.checkRecipe(source: source, file: file)
        var located = diagnostics.map { LocatedDiagnostic($0, source: source) }
        if diagnostics.containsErrors { return (nil, located, program) }
        let missing = fixed.compactMap { override in
            declarations.missingTarget(override.target).map {
                LocatedDiagnostic(.sweepTargetMissing(override.target.setName, reason: $0, at: override.value.origin),
                                  source: SetArgument.argument(inFile: override.value.origin.file) ?? "")
            }
        }
        if !missing.isEmpty { return (nil, located + missing, program) }
        let fixedTargets = Set(fixed.map(\.target))
        let plan = SweepPlan(
            file: file, source: source, fixed: fixed,
            axes: declarations.axes.filter { !fixedTargets.contains($0.target) },
            expectations: declarations.expectations, declaresSweep: !declarations.isEmpty,
            recipeHash: hash(source, fixed))
        let problems = plan.valueProblems()
        located += problems
        return (problems.contains { $0.diagnostic.isError } ? nil : plan, located, program)
    }

    private static func hash(_ source: String, _ fixed: [SweepOverride]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(source.utf8))
        for override in fixed.sorted(by: { $0.target < $1.target }) {
            hasher.update(data: Data(("\n--set " + override.target.setName + "=" + override.value.text).utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The errors of each value alone (the other axes at their first value), then of each trial.
    private func valueProblems() -> [LocatedDiagnostic] {
        var found: [LocatedDiagnostic] = []
        var seen: Set<Diagnostic> = []
        func check(_ overrides: [SweepOverride], trial: Int?) -> Bool {
            let trialText = TrialText(source: source, file: file, overrides: fixed + overrides)
            let text = trialText.text
            let (_, _, diagnostics) = Checker.check(source: text, file: file)
            var clean = true
            for var diagnostic in diagnostics where diagnostic.isError {
                clean = false
                var shown = text  // outside every written value: the trial's text (its lines are the recipe's)
                if let origin = trialText.origin(of: diagnostic.range) {
                    diagnostic.range = origin
                    diagnostic.fixIt?.range = origin
                    shown = SetArgument.argument(inFile: origin.file) ?? source
                } else if let trial {
                    diagnostic.notes.append("in trial \(trial): " + assignments(ofTrial: trial))
                }
                guard seen.insert(diagnostic).inserted else { continue }
                found.append(LocatedDiagnostic(diagnostic, source: shown))
            }
            return clean
        }
        let first = axes.map { SweepOverride(target: $0.target, value: $0.values[0]) }
        for (i, axis) in axes.enumerated() {
            for value in axis.values {
                var overrides = first
                overrides[i] = SweepOverride(target: axis.target, value: value)
                _ = check(overrides, trial: nil)
            }
        }
        if axes.isEmpty { _ = check([], trial: nil) }
        if found.isEmpty, trialCount <= 4096 {
            for trial in 0..<trialCount where !check(overrides(ofTrial: trial), trial: trial) { break }
        }
        return found
    }

}
