import ArgumentParser
import Foundation
import NNScript

/// `nnscript test [FILE|DIR…]`: runs recipes as tests of their `expect` lines.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run recipes and check their expect lines; ends with 'N passed, M failed'.",
        discussion: """
            Each recipe runs quietly; a recipe passes when it runs without error and every expect holds. \
            Folders are searched for .nn files (sorted, recursively).

            Example:
              nnscript test examples/

            Exit status: 0 when every recipe passed, 1 when any failed, 2 on usage errors.
            """
    )

    @Argument(help: "Recipe files or folders (default: examples).")
    var paths: [String] = []

    @Option(help: "Threads for the kernels.")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "Show each recipe's full output.")
    var verbose = false

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func run() throws {
        if let threads { Runtime.threadCount = max(1, threads) }
        let recipes = try RecipeFinder.recipes(in: paths.isEmpty ? ["examples"] : paths)
        var passed = 0, failed = 0
        for recipe in recipes {
            let output = StringOutput(), errors = StringOutput()
            var options = SessionOptions()
            options.file = recipe
            options.quiet = !verbose
            options.width = 80
            options.baseDirectory = URL(fileURLWithPath: recipe).deletingLastPathComponent().path
            safety.apply(to: &options)
            let started = Date()
            let result: Session.RunResult
            switch SourceFile.read(recipe) {
            case .failure(let diagnostic):
                errors.write(DiagnosticRenderer.render(diagnostic, source: "", color: false) + "\n")
                result = Session.RunResult(exitCode: 1, expectationsPassed: 0, expectationsFailed: 0,
                                           failures: [diagnostic.message], summary: nil)
            case .success(let source):
                if let outcome = try sweepOutcome(recipe, source: source) {
                    result = outcome
                    break
                }
                let session = Session(options: options, output: output, errors: errors)
                result = Interrupts.during(session) { session.run(source: source) }
            }
            let seconds = String(format: "%.1f s", Date().timeIntervalSince(started))
            if verbose { print(output.text, terminator: "") }
            if result.exitCode == 0 {
                passed += 1
                print("PASS  \(recipe)  (\(result.expectationsPassed) expectations, \(seconds))")
            } else {
                failed += 1
                print("FAIL  \(recipe)  (\(seconds))")
                for failure in result.failures where failure != "the recipe has errors" { print("      \(failure)") }
                let detail = errors.text.split(separator: "\n").prefix(12).map { "      " + $0 }.joined(separator: "\n")
                if !detail.isEmpty { print(detail) }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 || recipes.isEmpty { throw ExitCode(1) }
    }

    /// A recipe with `sweep` lines or expectations over a sweep runs as a whole sweep (all cores): it passes when
    /// every trial ran and passed and every expectation over the sweep held. nil for an ordinary recipe.
    private func sweepOutcome(_ recipe: String, source: String) throws -> Session.RunResult? {
        guard !Checker.checkRecipe(source: source, file: recipe).3.isEmpty else { return nil }
        let (plan, diagnostics, _) = SweepPlan.make(source: source, file: recipe)
        guard let plan else {
            let first = diagnostics.first { $0.diagnostic.isError }.map { $0.rendered(color: false) }
            return Session.RunResult(exitCode: 1, expectationsPassed: 0, expectationsFailed: 0,
                                     failures: [first ?? "the recipe has errors"], summary: nil)
        }
        let sweep = LocalSweep(plan: plan, setArguments: [], jobs: LocalSweep.cores, threads: threads, safety: safety,
                               outputFolder: nil, progress: false)
        let result = try sweep.run()
        if verbose { print(result.summary.text(width: 80, plotHeight: 0)) }
        let expectations = result.summary.expectations
        var failures = result.problems
        failures += result.summary.trials.filter { !$0.passed }.map { "trial \($0.trial) (\(plan.assignments(ofTrial: $0.trial))): " + ($0.failures.first ?? "failed") }
        for expectation in expectations where !expectation.passed {
            failures.append(expectation.text + ": " + expectation.details.joined(separator: "; "))
        }
        let held = expectations.filter(\.passed).count
        let trialExpectations = result.summary.trials.map { $0.summary?.expectationsPassed ?? 0 }.reduce(0, +)
        return Session.RunResult(exitCode: result.passed ? 0 : 1, expectationsPassed: held + trialExpectations,
                                 expectationsFailed: expectations.count - held, failures: failures, summary: nil)
    }
}

/// Finds the recipes a `test` invocation names.
enum RecipeFinder {
    static func recipes(in paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A missing recipe is an error in what was run (exit 1), as it is for `run` and `check`.
                Terminal.writeError("error: no such file or folder: \(path)\n")
                throw ExitCode(1)
            }
            if !isDirectory.boolValue {
                found.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var inFolder: [String] = []
            while let entry = enumerator?.nextObject() as? String {
                if entry.hasSuffix(".nn") { inFolder.append((path as NSString).appendingPathComponent(entry)) }
            }
            found.append(contentsOf: inFolder.sorted())
        }
        return found
    }
}
