import Foundation
import NNTensor
import Synchronization

// MARK: - Session

/// Runs recipes: holds the set-up the statements describe, the data, the live network and its training state.
///
/// A script run (`run(source:)`) checks the whole recipe first and reports every error before anything trains; the
/// REPL feeds it one line at a time (`execute(line:)`). Runtime problems (a missing file, divergence, a failed
/// `expect`) become located diagnostics; nothing traps.
public final class Session {
    public let options: SessionOptions
    let out: TextOutput
    let err: TextOutput

    var spec = SessionSpec()
    var checker = Checker(allowsMetaCommands: false)
    /// The text diagnostics point into: the whole recipe, or the REPL's current line.
    var source = ""

    // MARK: Runtime state
    var dataSet: DataSet?
    let network = Network()
    var initStream = RandomStream(seed: 0, stream: "init")
    var shuffleStream = RandomStream(seed: 0, stream: "shuffle")
    var optimizer: Optimizer?
    var optimizerKey: OptimizerConfig?
    var trainer: Trainer?
    var predictors: [Int: Predictor] = [:]
    var losses: [Double] = []
    /// The mini-batch order of the current epoch and the position in it (drawn from the shuffle stream).
    var permutation: [Int] = []
    var batchCursor = 0
    public internal(set) var iterations = 0
    public internal(set) var trainSeconds = 0.0
    /// A schedule span set from outside (a `compare` variant's budget). Recipes and the REPL leave it nil: a
    /// `train` statement's schedule then spans the optimizer's steps so far plus its own, known when it starts, so a
    /// REPL session (which cannot see its future statements) and its saved recipe train alike.
    var plannedIterations: Int?
    /// The most recent `train` statement's budget: a `compare` trains each variant for as long.
    var lastTrain: (count: Int, unit: TrainUnit)?
    var cachedReport: ReportValues?
    var describedSetup: String?
    var expectationsFailed = 0
    var expectationsPassed = 0
    var printedLints: Set<String> = []

    /// Which files statements may read and write (from the options, resolved once).
    lazy var pathPolicy = PathPolicy(baseDirectory: options.baseDirectory, allowRead: options.allowedReadFolders,
                                     allowWrite: options.allowedWriteFolders)

    let interruptFlag = Atomic<Bool>(false)
    /// The REPL's recipe so far and its undo/redo history (Session+Interactive.swift).
    var interactive = InteractiveState()

    public init(options: SessionOptions = SessionOptions(), output: TextOutput = StandardStream.output,
                errors: TextOutput = StandardStream.error) {
        self.options = options
        self.out = output
        self.err = errors
    }

    /// Asks a running `train` to stop after the current iteration (Ctrl-C); the weights are kept.
    public func requestInterrupt() { interruptFlag.store(true, ordering: .relaxed) }

    // MARK: - Whole recipes

    /// The outcome of running a recipe.
    public struct RunResult: Sendable {
        /// 0 success, 1 any error in the recipe or a failed expectation.
        public var exitCode: Int32
        public var expectationsPassed: Int
        public var expectationsFailed: Int
        /// The first failed expectation as text, with its actual value (for `nnscript test`).
        public var failures: [String]
        public var summary: RunSummary?

        public init(exitCode: Int32, expectationsPassed: Int, expectationsFailed: Int, failures: [String],
                    summary: RunSummary?) {
            self.exitCode = exitCode
            self.expectationsPassed = expectationsPassed
            self.expectationsFailed = expectationsFailed
            self.failures = failures
            self.summary = summary
        }
    }

    var failureTexts: [String] = []

    /// Parses and checks all of `source`, reporting every error; when clean, runs it statement by statement.
    public func run(source: String) -> RunResult {
        self.source = source
        let (_, checked, diagnostics) = Checker.check(source: source, file: options.file)
        if !diagnostics.isEmpty {
            err.write(DiagnosticRenderer.render(diagnostics, source: source, color: options.color) + "\n")
        }
        if diagnostics.containsErrors {
            return RunResult(exitCode: 1, expectationsPassed: 0, expectationsFailed: 0,
                             failures: ["the recipe has errors"], summary: nil)
        }
        if !options.quiet {
            out.write(RunText.header(RunHeader(file: options.file, seed: explicitSeed(checked))) + "\n")
        }
        var trained = false
        for statement in checked {
            if case .train = statement.kind { trained = true }
            if case .compare = statement.kind { trained = true }  // a comparison recipe need not train its own model
            if let diagnostic = execute(statement) {
                err.write(DiagnosticRenderer.render(diagnostic, source: source, color: options.color) + "\n")
                return result(exitCode: 1)
            }
        }
        if !trained {
            // A recipe that never says `train` is trained with the default budget at its end, and reported.
            let end = SourceRange.startOfFile(options.file)
            if let diagnostic = train(count: options.defaultBudget, unit: .iterations, range: end)
                ?? report(range: end) {
                err.write(DiagnosticRenderer.render(diagnostic, source: source, color: options.color) + "\n")
                return result(exitCode: 1)
            }
        }
        return result(exitCode: expectationsFailed > 0 ? 1 : 0)
    }

    private func explicitSeed(_ statements: [CheckedStatement]) -> UInt64? {
        for statement in statements { if case .seed(let seed) = statement.kind { return seed } }
        return nil
    }

    private func result(exitCode: Int32) -> RunResult {
        RunResult(exitCode: exitCode, expectationsPassed: expectationsPassed, expectationsFailed: expectationsFailed,
                  failures: failureTexts, summary: summary())
    }

    /// Writes a diagnostic that does not stop the run (a warning, a lint).
    func warn(_ diagnostic: Diagnostic) {
        err.write(DiagnosticRenderer.render(diagnostic, source: source, color: options.color) + "\n")
    }
}
