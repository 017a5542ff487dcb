import Foundation

/// The trial files of a folder, sorted out against a plan: which trials are there, missing, failed or present more
/// than once, and which files belong to another recipe (refused).
public struct TrialCollection: Sendable {
    /// One record per trial index that has one (the first file read, in name order, when there are several).
    public var records: [Int: TrialRecord] = [:]
    /// Trial indices with no file.
    public var missing: [Int] = []
    /// Trial indices whose file says the trial failed.
    public var failed: [Int] { records.values.filter { $0.status == .failed }.map(\.trial).sorted() }
    /// Trial index → the files that hold it, for indices held by more than one file.
    public var duplicated: [Int: [String]] = [:]
    /// Files that are not trial records of this plan, and why.
    public var refused: [(file: String, reason: String)] = []

    /// Whether the summary can be trusted: no file refused, none missing, failed, or duplicated with different
    /// results.
    public var isComplete: Bool { refused.isEmpty && missing.isEmpty && failed.isEmpty && conflicting.isEmpty }
    /// Duplicated indices whose files disagree on the weights (the same trial run twice agrees bit for bit).
    public var conflicting: [Int] = []

    /// Reads every `.json` file in `folder`.
    public static func read(folder: String, plan: SweepPlan) throws -> TrialCollection {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted {
            $0.compare($1, options: .numeric) == .orderedAscending
        }
        var files: [(name: String, contents: Data)] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            files.append((name, try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        return sort(files, plan: plan)
    }

    /// Sorts decoded files (name, contents) against the plan.
    public static func sort(_ files: [(name: String, contents: Data)], plan: SweepPlan) -> TrialCollection {
        var collection = TrialCollection()
        var holders: [Int: [String]] = [:]
        for (name, contents) in files {
            guard let record = try? JSONDecoder().decode(TrialRecord.self, from: contents),
                  record.format == TrialRecord.formatName else {
                collection.refused.append((name, "not a trial file (\(TrialRecord.formatName))"))
                continue
            }
            guard record.recipeSHA256 == plan.recipeHash else {
                collection.refused.append((name, "written for another recipe or other --set values "
                                           + "(recipe_sha256 \(record.recipeSHA256.prefix(12))…, "
                                           + "this one \(plan.recipeHash.prefix(12))…)"))
                continue
            }
            guard record.trials == plan.trialCount, (0..<plan.trialCount).contains(record.trial) else {
                collection.refused.append((name, "trial \(record.trial) of \(record.trials), but the sweep has "
                                           + "\(plan.trialCount) trials"))
                continue
            }
            holders[record.trial, default: []].append(name)
            if let first = collection.records[record.trial] {
                if first.summary?.weightsSHA256 != record.summary?.weightsSHA256 || first.status != record.status {
                    collection.conflicting.append(record.trial)
                }
            } else {
                collection.records[record.trial] = record
            }
        }
        collection.duplicated = holders.filter { $0.value.count > 1 }
        collection.conflicting = Array(Set(collection.conflicting)).sorted()
        collection.missing = (0..<plan.trialCount).filter { collection.records[$0] == nil }
        return collection
    }

    /// The records in trial order.
    public var ordered: [TrialRecord] { records.keys.sorted().compactMap { records[$0] } }

    /// One line per problem, for the end of a sweep's output.
    public var problems: [String] {
        var lines: [String] = []
        for (file, reason) in refused { lines.append("refused \(file): \(reason)") }
        if !missing.isEmpty { lines.append("missing trials: " + Self.ranges(missing)) }
        for trial in failed {
            lines.append("failed trial \(trial): " + (records[trial]?.failures.first ?? "no reason recorded"))
        }
        for (trial, names) in duplicated.sorted(by: { $0.key < $1.key }) {
            let agreement = conflicting.contains(trial) ? "with different results" : "with the same result"
            lines.append("duplicated trial \(trial) \(agreement): " + names.joined(separator: ", "))
        }
        return lines
    }

    /// `0-3, 7, 9-10`.
    static func ranges(_ indices: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < indices.count {
            var j = i
            while j + 1 < indices.count, indices[j + 1] == indices[j] + 1 { j += 1 }
            parts.append(i == j ? "\(indices[i])" : "\(indices[i])-\(indices[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
