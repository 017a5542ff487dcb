import Foundation

/// Mean, median, min, max and sample standard deviation of a metric over the trials of one point.
public struct SweepStatistics: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var min: Double
    public var max: Double
    /// Sample standard deviation (n − 1); 0 for one trial.
    public var std: Double

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = values.count
        mean = values.reduce(0, +) / Double(values.count)
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
        let mean = self.mean
        std = values.count > 1
            ? (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot() : 0
    }

    /// The statistic an expectation names (`all` has no single value: nil).
    public func value(_ statistic: SweepStatistic) -> Double? {
        switch statistic {
        case .all: return nil
        case .mean: return mean
        case .median: return median
        case .min: return min
        case .max: return max
        case .std: return std
        }
    }
}

/// A sweep's results: its trials, grouped by the point of the non-seed axes (the spread over seeds at each point),
/// the statistics of every metric per point, the best point, and the expectations over the sweep.
public struct SweepSummary: Sendable {
    /// The metrics a summary shows, in order (`seconds` is the trial's wall clock).
    public static let metrics = ["loss", "mse", "max_error", "extrema", "holdout_mse", "seconds"]
    /// The metric the best point is chosen by (the lowest mean), with `loss` when no trial has it.
    public static let rankingMetrics = ["mse", "loss"]

    /// One point of the non-seed axes and the trials run there.
    public struct Group: Sendable {
        /// The point's values (empty when every axis is `seed`).
        public var point: [TrialRecord.Setting]
        public var trials: [TrialRecord]
        /// Metric name → statistics over the point's finished trials (metrics no trial has are left out).
        public var statistics: [String: SweepStatistics]

        /// `schedule=cosine lr=0.01`, or `all trials`.
        public var name: String {
            point.isEmpty ? "all trials" : point.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        }
    }

    public let plan: SweepPlan
    public let trials: [TrialRecord]
    public let groups: [Group]
    /// The group with the lowest mean of the ranking metric, and that metric.
    public let best: (group: Group, metric: String)?
    public let expectations: [SweepExpectationResult]

    /// The axis statistics are taken over: `seed`, when it is swept.
    public static let replicateAxis = "seed"

    public init(plan: SweepPlan, trials: [TrialRecord]) {
        self.plan = plan
        self.trials = trials.sorted { $0.trial < $1.trial }
        var order: [[String]] = []
        var members: [[String]: [TrialRecord]] = [:]
        for record in self.trials {
            let key = record.values.filter { $0.name != Self.replicateAxis }.map(\.value)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(record)
        }
        let groups = order.map { key in
            let records = members[key]!
            let point = records[0].values.filter { $0.name != Self.replicateAxis }
            var statistics: [String: SweepStatistics] = [:]
            for metric in Self.metrics {
                statistics[metric] = SweepStatistics(records.compactMap { Self.value(metric, in: $0) })
            }
            return Group(point: point, trials: records, statistics: statistics)
        }
        self.groups = groups
        let ranking = Self.rankingMetrics.first { metric in groups.contains { $0.statistics[metric] != nil } }
        best = ranking.flatMap { metric in
            groups.filter { $0.statistics[metric] != nil }.min {
                $0.statistics[metric]!.mean < $1.statistics[metric]!.mean
            }.map { ($0, metric) }
        }
        expectations = plan.expectations.map { SweepExpectationResult(evaluating: $0, over: groups) }
    }

    /// Whether every expectation over the sweep held.
    public var expectationsHold: Bool { expectations.allSatisfy(\.passed) }

    /// A metric of a finished trial (`seconds` is the trial's; the rest come from its run summary).
    public static func value(_ metric: String, in record: TrialRecord) -> Double? {
        guard record.status == .ok else { return nil }
        if metric == "seconds" { return record.seconds }
        guard let summary = record.summary, let known = Metric(rawValue: metric) else { return nil }
        return value(known, in: summary)
    }

    static func value(_ metric: Metric, in summary: RunSummary) -> Double? {
        switch metric {
        case .loss: return summary.finalLoss
        case .mse: return summary.mse
        case .maxError: return summary.maxError
        case .extrema: return summary.extrema.map(Double.init)
        case .targetExtrema: return summary.targetExtrema.map(Double.init)
        case .holdoutMSE: return summary.holdoutMSE
        case .holdoutLoss: return summary.holdoutLoss
        case .holdoutR2: return summary.holdoutR2
        case .holdoutAccuracy: return summary.holdoutAccuracy
        case .parameters: return Double(summary.parameters)
        case .accuracy: return summary.accuracy
        case .r2: return summary.r2
        }
    }
}

/// One expectation over a sweep, checked at every point of the non-seed axes.
public struct SweepExpectationResult: Sendable, Codable, Equatable {
    /// As written: `expect median mse < 3e-4`.
    public var text: String
    public var passed: Bool
    /// What was found: the statistic at each point, or the trials that broke an `all`.
    public var details: [String]

    init(evaluating expectation: SweepExpectation, over groups: [SweepSummary.Group]) {
        text = expectation.text
        var details: [String] = []
        var passed = !groups.isEmpty
        let metric = expectation.expectation.metric
        let comparison = expectation.expectation.comparison
        for group in groups {
            let at = groups.count > 1 || !group.point.isEmpty ? " at " + group.name : ""
            let finished = group.trials.filter { $0.status == .ok }
            func values(_ metric: Metric) -> [Double?] { finished.map { $0.summary.flatMap { SweepSummary.value(metric, in: $0) } } }
            let left = values(metric)
            let right: [Double?]
            switch expectation.expectation.value {
            case .number(let number): right = left.map { _ in number }
            case .metric(let other): right = values(other)
            }
            guard !finished.isEmpty, left.allSatisfy({ $0 != nil }), right.allSatisfy({ $0 != nil }) else {
                passed = false
                details.append("no value of \(metric.rawValue)\(at)")
                continue
            }
            let lhs = left.map { $0! }, rhs = right.map { $0! }
            if expectation.statistic == .all {
                let broken = lhs.indices.filter { !comparison.holds(lhs[$0], rhs[$0]) }
                if broken.isEmpty {
                    details.append("all \(lhs.count) hold\(at) (\(metric.rawValue) \(NumberFormat.short(lhs.min()!)) "
                                   + "to \(NumberFormat.short(lhs.max()!)))")
                } else {
                    passed = false
                    for i in broken {
                        let trial = finished[i]
                        details.append("trial \(trial.trial) (" + trial.values.map { "\($0.name)=\($0.value)" }
                            .joined(separator: " ") + "): \(metric.rawValue) \(NumberFormat.short(lhs[i]))")
                    }
                }
            } else {
                let statistic = expectation.statistic
                let l = SweepStatistics(lhs)!.value(statistic)!
                let r = SweepStatistics(rhs)!.value(statistic)!
                let holds = comparison.holds(l, r)
                passed = passed && holds
                var line = "\(statistic.rawValue) \(metric.rawValue) \(NumberFormat.short(l))"
                if case .metric(let other) = expectation.expectation.value {
                    line += ", \(statistic.rawValue) \(other.rawValue) \(NumberFormat.short(r))"
                }
                details.append(line + at)
            }
        }
        self.passed = passed
        self.details = details
    }
}
