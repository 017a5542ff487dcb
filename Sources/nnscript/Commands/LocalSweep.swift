import Foundation
import NNScript

/// A whole sweep on this machine: every trial as a child process (`TrialProcesses`), then the summary built from
/// the trial files exactly as `--collect` builds it. Used by `nnscript sweep FILE` and by `nnscript test`.
struct LocalSweep {
    var plan: SweepPlan
    /// The `--set` arguments as given (the children get them too, so their plan is the same).
    var setArguments: [String]
    var jobs: Int
    /// Kernel threads per child (default: the cores shared out among the jobs).
    var threads: Int?
    var safety: SafetyOptions
    /// Where the trial files go; nil: a temporary folder, removed afterwards.
    var outputFolder: String?
    /// Print a line to stderr as each trial ends.
    var progress: Bool

    struct Result {
        var summary: SweepSummary
        var collection: TrialCollection
        var interrupted: Bool
        /// Per trial: the child's wall-clock seconds minus the trial's own (process start, reading and checking
        /// the recipe, writing the file).
        var overheads: [Double]
        /// Problems to report: the collection's, plus the log of each child that left no file.
        var problems: [String]
        var jobs: Int
        var seconds: Double

        /// Whether every trial ran, passed its own expectations, and every expectation over the sweep held.
        var passed: Bool {
            !interrupted && collection.isComplete && summary.trials.allSatisfy(\.passed) && summary.expectationsHold
        }
    }

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    func run() throws -> Result {
        let started = Date()
        let temporary = outputFolder == nil
        let folder = outputFolder ?? (FileManager.default.temporaryDirectory.path as NSString)
            .appendingPathComponent("nnscript-sweep-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if temporary { try? FileManager.default.removeItem(atPath: folder) } }

        let jobs = max(1, min(self.jobs, plan.trialCount))
        let childThreads = threads ?? max(1, Self.cores / jobs)
        let budget = safety.maxMemory.flatMap(MemoryBudget.parse) ?? MemoryBudget.defaultBytes
        let share = max(MemoryBudget.minimumBytes, budget / jobs)
        var arguments = ["--quiet", "--threads", "\(childThreads)", "--max-memory", "\(share >> 20)M"]
        arguments += setArguments.flatMap { ["--set", $0] }
        arguments += safety.allowRead.flatMap { ["--allow-read", $0] }
        arguments += safety.allowWrite.flatMap { ["--allow-write", $0] }
        let processes = TrialProcesses(childArguments: arguments, file: plan.file, jobs: jobs, outputFolder: folder)

        var done = 0
        let total = plan.trialCount
        let (outcomes, interrupted) = processes.run(Array(0..<total)) { outcome in
            done += 1
            guard progress else { return }
            let state = outcome.exitStatus == 0 ? "ok" : "exit \(outcome.exitStatus)"
            Terminal.writeError("[\(done)/\(total)] trial \(outcome.trial)  \(plan.assignments(ofTrial: outcome.trial))"
                                + "  \(state)  \(String(format: "%.1f", outcome.seconds)) s\n")
        }
        var collection = try TrialCollection.read(folder: folder, plan: plan)
        if interrupted {
            // Trials that were never launched or were stopped are not "missing" from the user's point of view.
            collection.missing = []
        }
        var problems = collection.problems
        for outcome in outcomes where collection.records[outcome.trial] == nil && !interrupted {
            let log = (folder as NSString).appendingPathComponent("trial-\(outcome.trial).log")
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n").suffix(6).map { "    " + $0 }.joined(separator: "\n")
            problems.append("trial \(outcome.trial) left no file (exit \(outcome.exitStatus))" + (tail.isEmpty ? "" : ":\n" + tail))
        }
        let overheads = outcomes.compactMap { outcome in
            collection.records[outcome.trial].map { outcome.seconds - $0.seconds }
        }
        let summary = SweepSummary(plan: plan, trials: collection.ordered)
        return Result(summary: summary, collection: collection, interrupted: interrupted, overheads: overheads,
                      problems: problems, jobs: jobs, seconds: Date().timeIntervalSince(started))
    }
}
