import ArgumentParser
import Foundation
import NNScript

/// `nnscript sweep FILE`: runs every trial of a recipe's `sweep` lines, on this machine or as a list of independent
/// jobs for a cluster's job runner, and summarises them.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a recipe's sweep: every trial of its grid, in parallel, then the spread over seeds.",
        discussion: """
            A recipe's 'sweep' lines form a grid of trials (the last line varies fastest); each trial is the \
            recipe with its values written in, and is bit-identical to 'nnscript run FILE --set NAME=VALUE …'. \
            The sweep prints a table of the trials, the mean, median, min, max and std of each metric over the \
            seeds at each point of the other axes, the best point, a plot of mse against the first axis, and \
            the expectations over the sweep ('expect median mse < 3e-4').

            On one machine the trials run as child processes, --jobs at a time (default: the cores); Ctrl-C \
            stops them and reports the finished ones. The memory budget (--max-memory) is shared out among the \
            jobs. On a cluster, use the job runner you have (docs/sweeps.md):
              nnscript sweep FILE --list                   one trial per line: index, then its --set values
              nnscript sweep FILE --trial N --out DIR      run trial N, write DIR/trial-N.json atomically
              nnscript sweep FILE --collect DIR            the same summary and expectations from those files

            Examples:
              nnscript sweep examples/seeds.nn
              nnscript sweep examples/seeds.nn --jobs 4 --json sweep.json --svg mse.svg
              nnscript sweep examples/seeds.nn --list | cut -d' ' -f1 | xargs -P 2 -I{} \\
                  nnscript sweep examples/seeds.nn --trial {} --out trials
              nnscript sweep examples/seeds.nn --collect trials

            Exit status: 0 when every trial ran, passed its own expects and every expectation over the sweep \
            held; 1 otherwise (an error in the recipe, a failed, missing or refused trial, a failed expect); \
            2 usage errors (including a bad --set); 130 after Ctrl-C.
            """
    )

    @Argument(help: "The recipe (.nn file) with 'sweep' lines.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Fix a setting (repeatable): NAME=VALUE as a sweep line names it, e.g. lr=3e-3, layer.1.size=64; a swept "
            + "axis it names is no longer swept.", valueName: "NAME=VALUE"))
    var settings: [String] = []

    @Option(help: "Trials run at once on this machine (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print one trial per line (its index, then its values as --set arguments) and stop.")
    var list = false

    @Option(help: ArgumentHelp("Run only trial N (from 0); with --out, write DIR/trial-N.json.", valueName: "N"))
    var trial: Int?

    @Option(help: ArgumentHelp("The folder for trial files (kept; by default a sweep uses a temporary one).",
                               valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Summarise the trial files in DIR instead of running trials.", valueName: "DIR"))
    var collect: String?

    @Option(help: ArgumentHelp("Write the trials and the summary as JSON to PATH, or to stdout with '-'.",
                               valueName: "PATH"))
    var json: String?

    @Option(help: ArgumentHelp("Write the plot of mse against the first axis as SVG.", valueName: "PATH"))
    var svg: String?

    @Flag(help: "Print only errors and the summary (no progress; a single --trial prints only errors).")
    var quiet = false

    @Option(help: "Kernel threads per trial (default: the cores shared out among the jobs).")
    var threads: Int?

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func validate() throws {
        if [list, trial != nil, collect != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --list, --trial and --collect")
        }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        if let trial, trial < 0 { throw ValidationError("--trial counts from 0") }
        if collect != nil, out != nil { throw ValidationError("--collect reads a folder; --out is for running trials") }
    }

    func run() throws {
        let source = try readRecipeOrExit(file)
        let plan = try makePlanOrExit(source: source, file: file, fixed: try parseSetArguments(settings))
        if list {
            for index in 0..<plan.trialCount { print("\(index) \(plan.assignments(ofTrial: index))") }
            return
        }
        if let trial { return try runTrial(trial, of: plan) }
        if let collect {
            let collection: TrialCollection
            do { collection = try TrialCollection.read(folder: collect, plan: plan) } catch {
                Terminal.writeError("error: cannot read the trial files in '\(collect)': \(error.localizedDescription)\n")
                throw ExitCode(1)
            }
            let summary = SweepSummary(plan: plan, trials: collection.ordered)
            let passed = collection.isComplete && summary.trials.allSatisfy(\.passed) && summary.expectationsHold
            try report(summary, problems: collection.problems, header: "\(file): \(collection.records.count) of "
                       + "\(plan.trialCount) trials collected from \(collect)")
            if !passed { throw ExitCode(1) }
            return
        }
        let sweep = LocalSweep(plan: plan, setArguments: settings, jobs: jobs ?? LocalSweep.cores, threads: threads,
                               safety: safety, outputFolder: out, progress: !quiet)
        let result: LocalSweep.Result
        do { result = try sweep.run() } catch {
            Terminal.writeError("error: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        var header = "\(file): \(result.summary.trials.count) of \(plan.trialCount) trials, \(result.jobs) at a time, "
            + String(format: "%.1f s", result.seconds)
        if !result.overheads.isEmpty {
            let mean = result.overheads.reduce(0, +) / Double(result.overheads.count)
            header += String(format: " (%.0f ms a trial besides its run)", mean * 1000)
        }
        if result.interrupted { header += "; interrupted: the finished trials follow" }
        try report(result.summary, problems: result.problems, header: header)
        if result.interrupted { throw ExitCode(130) }
        if !result.passed { throw ExitCode(1) }
    }

    /// Runs one trial in this process, as `nnscript run FILE --set …` would; with --out, records it.
    private func runTrial(_ index: Int, of plan: SweepPlan) throws {
        guard index < plan.trialCount else {
            Terminal.writeError("error: --trial \(index): the sweep has \(plan.trialCount) trials (0 to \(plan.trialCount - 1))\n")
            throw ExitCode(2)
        }
        if let threads { Runtime.threadCount = threads }
        let errors = TeeOutput(StandardStream.error)
        let session = Session(options: sessionOptions(for: file, quiet: quiet, safety: safety), errors: errors)
        let started = Date()
        // No Ctrl-C handler: an interrupted trial is not the trial, so the process ends without writing a file.
        let result = session.run(source: plan.trialText(index).text)
        let record = TrialRecord(plan: plan, trial: index, result: result, errors: errors.text,
                                 seconds: Date().timeIntervalSince(started))
        if let out {
            let path = (out as NSString).appendingPathComponent(TrialRecord.fileName(trial: index))
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try AtomicFile.write(record.json() + "\n", to: path)
            } catch {
                Terminal.writeError("error: cannot write '\(path)': \(error)\n")
                throw ExitCode(1)
            }
        }
        if !quiet, let summary = result.summary { print("weights sha256:\(summary.weightsSHA256)") }
        if !record.passed { throw ExitCode(1) }
    }

    /// The summary on stdout (stderr when the JSON goes to stdout), then the JSON and SVG files asked for.
    private func report(_ summary: SweepSummary, problems: [String], header: String) throws {
        let text = header + "\n\n" + summary.text(width: Terminal.width, color: false)
            + (problems.isEmpty ? "" : "\n" + problems.joined(separator: "\n"))
        if json == "-" { Terminal.writeError(text + "\n") } else { print(text) }
        if let json {
            let report = SweepReport(summary: summary, problems: problems).json
            if json == "-" { print(report) } else { try write(report + "\n", to: json) }
        }
        if let svg, let data = summary.spreadData(metric: "mse") ?? summary.spreadData(metric: "loss") {
            try write(SVGPlot.spread(data), to: svg)
        }
    }

    private func write(_ text: String, to path: String) throws {
        do { try AtomicFile.write(text, to: path) } catch {
            Terminal.writeError("error: cannot write '\(path)': \(error)\n")
            throw ExitCode(1)
        }
    }
}

/// Writes through to another output and keeps a copy (a trial's errors go to stderr and into its record).
final class TeeOutput: TextOutput {
    private let target: TextOutput
    private(set) var text = ""
    init(_ target: TextOutput) { self.target = target }
    func write(_ text: String) {
        self.text += text
        target.write(text)
    }
}
