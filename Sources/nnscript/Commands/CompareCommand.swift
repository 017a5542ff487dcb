import ArgumentParser
import Foundation
import NNScript

/// `nnscript compare A.nn B.nn …`: runs recipes quietly and shows them side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several recipes and compare them: a table of metrics, their fits and losses overlaid.",
        discussion: """
            Each recipe runs quietly, as 'nnscript run --quiet' would (its expect lines are checked but do not \
            stop the comparison). The fits are drawn on the first recipe's data range, over its data and target; \
            the metrics in the table are each recipe's own.

            Example:
              nnscript compare examples/seed-original.nn examples/sin.nn
              nnscript compare examples/sin.nn examples/deep.nn --svg out/deep-vs-sin --threads 1

            Exit status: 0 success; 1 a recipe with errors or a file that cannot be written; 2 usage errors.
            """
    )

    @Argument(help: "Two or more recipes (.nn files) to compare.")
    var files: [String]

    @Option(help: ArgumentHelp("Also write PREFIX-fit.svg (1-D data) and PREFIX-loss.svg.", valueName: "PREFIX"))
    var svg: String?

    @Option(help: "Threads for the kernels (results are bit-identical for any count).")
    var threads: Int?

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func validate() throws {
        if files.count < 2 { throw ValidationError("compare needs at least two recipes") }
        if let threads, !(1...256).contains(threads) {
            throw ValidationError("--threads must be between 1 and 256")
        }
    }

    func run() throws {
        if let threads { Runtime.threadCount = threads }
        let width = Terminal.width
        let names = CompareCommand.names(for: files)
        var runs: [ComparedRun] = []
        var frame: (grid: [Double], target: [Double]?, pointsX: [Double], pointsY: [Double])?
        for (file, name) in zip(files, names) {
            let session = try CompareCommand.runQuietly(file, width: width, safety: safety)
            if frame == nil { frame = session.comparisonFrame() }
            guard let frame else {
                Terminal.writeError("error: \(file) has no data to compare on\n")
                throw ExitCode(1)
            }
            runs.append(session.comparedRun(name: name, grid: frame.grid))
        }
        guard let frame else { throw ExitCode(1) }
        let comparison = Comparison(title: names.joined(separator: " vs "), grid: frame.grid, target: frame.target,
                                    pointsX: frame.pointsX, pointsY: frame.pointsY, runs: runs)
        let color = Terminal.standardOutputIsTerminal && Terminal.standardErrorSupportsColor
        print(comparison.terminalText(width: width, color: color))
        if let svg {
            for (suffix, text) in [("fit", comparison.fitSVG), ("loss", comparison.lossSVG)] {
                guard let text else { continue }  // no fit overlay for data that is not 1-D
                let path = "\(svg)-\(suffix).svg"
                do { try AtomicFile.write(text, to: path) } catch {
                    Terminal.writeError("error: cannot write '\(path)': \(error)\n")
                    throw ExitCode(1)
                }
                print("wrote \(path)")
            }
        }
    }

    /// Runs one recipe with its output collected; a recipe with errors stops the comparison with its diagnostics.
    private static func runQuietly(_ file: String, width: Int, safety: SafetyOptions) throws -> Session {
        var options = SessionOptions()
        options.file = file
        options.quiet = true
        options.width = width
        options.baseDirectory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        safety.apply(to: &options)
        let source = try readRecipeOrExit(file)
        let output = StringOutput(), errors = StringOutput()
        let session = Session(options: options, output: output, errors: errors)
        let result = Interrupts.during(session) { session.run(source: source) }
        if result.summary == nil || (result.exitCode != 0 && result.expectationsFailed == 0) {
            Terminal.writeError(errors.text)
            throw ExitCode(1)
        }
        return session
    }

    /// Each recipe's file name without `.nn`; the paths as given when two names would coincide.
    static func names(for files: [String]) -> [String] {
        let short = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        return Set(short).count == short.count ? short : files
    }
}
