import ArgumentParser
import Foundation
import NNScript

/// `nnscript run FILE`: trains and reports a recipe.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe: generate its data, train its network, report the fit, check its expectations.",
        discussion: """
            Every error in the recipe is reported before anything trains. A recipe that never says 'train' is \
            trained for 3000 iterations at its end and reported. Ctrl-C stops training; the weights are kept \
            and the run still reports.

            The recipe reads and writes files only inside its own folder (--allow-read DIR and --allow-write DIR \
            widen that), and a statement that would need more memory than --max-memory is refused with the size \
            it needs.

            The recipe may also come from standard input ('-') or from the command line (-e); then its files \
            are relative to the current folder and messages name it <stdin> or <command line>.

            --set NAME=VALUE (repeatable) runs the recipe with a setting changed, named as a 'sweep' line names \
            it (seed, samples, noise, batch, train, loss, optimizer, schedule, init, lr and every other \
            optimizer or schedule option, delta, layer.K.size, layer.K.activation). A recipe with 'sweep' lines \
            runs one trial only when --set fixes every axis; otherwise use 'nnscript sweep'. Expectations over a \
            sweep ('expect median …') are checked by 'nnscript sweep', not by a single run.

            Example:
              nnscript run examples/sin.nn
              nnscript run examples/sin.nn --json summary.json --threads 1
              nnscript run -e 'layer 128 tanh; output linear; optimizer adam lr=1e-3; data sin(x)/2.5 noise 0.05 on [-1,9]'
              cat examples/sin.nn | nnscript run -
              nnscript run examples/sin.nn --set seed=3 --set lr=1e-2

            Exit status: 0 success; 1 an error in the recipe, a failed expect or a diverging run; 2 usage errors.
            """
    )

    @Argument(help: "The recipe (.nn file) to run; '-' reads it from standard input.")
    var file: String?

    @Option(name: [.customShort("e"), .customLong("expression")], help: ArgumentHelp(
        "Run RECIPE given here instead of a file (statements separated by ';'); the files it names are relative "
            + "to the current folder.", valueName: "RECIPE"))
    var expression: String?

    @Option(name: .customLong("json"), help: ArgumentHelp(
        "Write a JSON summary (metrics and the weights' SHA-256) to PATH, or to stdout with '-'.",
        valueName: "PATH"))
    var json: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Change a setting (repeatable): NAME=VALUE, e.g. seed=4, lr=3e-3, layer.1.size=64.", valueName: "NAME=VALUE"))
    var settings: [String] = []

    @Flag(help: "Print only errors, failed expectations and explicit output (print, predict).")
    var quiet = false

    @Option(help: "Threads for the kernels (results are bit-identical for any count).")
    var threads: Int?

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func validate() throws {
        if (file == nil) == (expression == nil) {
            throw ValidationError("give one recipe: a file, '-' for standard input, or -e 'RECIPE'")
        }
        if let threads, !(1...256).contains(threads) {
            throw ValidationError("--threads must be between 1 and 256")
        }
    }

    func run() throws {
        let recipe = try RecipeInput(file: file, expression: expression)
        let source = try trialSource(recipe.text, name: recipe.name)
        if let threads { Runtime.threadCount = threads }
        let options = sessionOptions(for: recipe.name, baseDirectory: recipe.baseDirectory, quiet: quiet, safety: safety)
        // With `--json -`, stdout carries only the JSON; the run's own output goes to stderr.
        let session = Session(options: options, output: json == "-" ? StandardStream.error : StandardStream.output)
        let result = Interrupts.during(session) { session.run(source: source) }
        if let json, let summary = result.summary {
            if json == "-" {
                print(summary.json)
            } else {
                do { try AtomicFile.write(summary.json + "\n", to: json) } catch {
                    Terminal.writeError("error: cannot write '\(json)': \(error)\n")
                    throw ExitCode(1)
                }
            }
        }
        if !options.quiet, json != "-", let summary = result.summary {
            print("weights sha256:\(summary.weightsSHA256)")
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    /// The recipe with the --set values written in, as the same trial of a sweep has them (so the weights are the
    /// same bits); the recipe unchanged when it neither sweeps nor is given --set.
    private func trialSource(_ source: String, name file: String) throws -> String {
        let fixed = try parseSetArguments(settings)
        if fixed.isEmpty, Checker.checkRecipe(source: source, file: file).3.isEmpty { return source }
        let plan = try makePlanOrExit(source: source, file: file, fixed: fixed)
        if let message = plan.unfixedAxesMessage {
            Terminal.writeError("error: \(message)\n")
            throw ExitCode(2)
        }
        if !plan.expectations.isEmpty {
            Terminal.writeError("note: \(plan.expectations.count) expectation\(plan.expectations.count == 1 ? "" : "s") "
                                + "over the sweep \(plan.expectations.count == 1 ? "is" : "are") checked by "
                                + "'nnscript sweep', not by a single run\n")
        }
        return plan.trialText(0).text
    }
}
