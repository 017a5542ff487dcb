/// One value of a sweep axis (or of a `--set`): how it reads, what is written into the recipe, where it came from.
public struct SweepValue: Hashable, Sendable {
    /// As shown in tables and `--list`: `1e-3`, `adam lr=1e-2`, `3`.
    public var label: String
    /// The text put into the recipe's statement: a number in Swift's shortest round-trip form (so `1e-3` and
    /// `0.001` give the same trial), or the name and options as written.
    public var text: String
    /// The value as a number, when it is one (for statistics and plots against the axis).
    public var number: Double?
    /// Where it was written: a `sweep` line, or a `--set` argument (file `--set`).
    public var origin: SourceRange

    public init(label: String, text: String, number: Double?, origin: SourceRange) {
        self.label = label
        self.text = text
        self.number = number
        self.origin = origin
    }

    /// A number as the recipe text of a trial: whole numbers without a point, others in shortest round-trip form.
    static func text(of number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

/// One `sweep` line, resolved: what it sets and its values in order.
public struct SweepAxis: Hashable, Sendable {
    public var target: SweepTarget
    public var values: [SweepValue]
    /// The axis's name as written (for errors about the axis as a whole).
    public var range: SourceRange

    public init(target: SweepTarget, values: [SweepValue], range: SourceRange) {
        self.target = target
        self.values = values
        self.range = range
    }
}

/// `expect STATISTIC METRIC OP VALUE`: checked once over a sweep's finished trials.
public struct SweepExpectation: Hashable, Sendable {
    public var statistic: SweepStatistic
    /// The comparison; a metric on the right takes the same statistic (`max extrema == target_extrema`).
    public var expectation: Expectation
    /// As written, for reports: `expect median mse < 3e-4`.
    public var text: String
    public var range: SourceRange

    public init(statistic: SweepStatistic, expectation: Expectation, text: String, range: SourceRange) {
        self.statistic = statistic
        self.expectation = expectation
        self.text = text
        self.range = range
    }
}

/// What a recipe's `sweep` lines and expectations over them declare, as the checker collects them, with what it
/// needs to tell whether each axis has a statement to set.
public struct SweepDeclarations: Hashable, Sendable {
    /// The axes in statement order: the grid's order (the last axis varies fastest).
    public internal(set) var axes: [SweepAxis] = []
    public internal(set) var expectations: [SweepExpectation] = []
    /// Recipe-wide counts the axes are checked against once the whole recipe is read.
    var layerStatements = 0
    var trainStatements = 0
    var functionData = 0
    var csvData = 0

    /// The most trials one sweep may have.
    public static let trialLimit = 100_000

    /// Whether the recipe declares anything that needs `nnscript sweep` (an axis or an expectation over a sweep).
    public var isEmpty: Bool { axes.isEmpty && expectations.isEmpty }

    /// How many trials the grid has.
    public var trialCount: Int { axes.reduce(1) { $0 * $1.values.count } }
}
