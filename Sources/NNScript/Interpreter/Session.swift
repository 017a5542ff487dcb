import Foundation
import NNTensor

// MARK: - Session

/// Runs recipes: a whole file at once (`run(source:)`), or one REPL entry at a time (`execute(line:lineNumber:)`)
/// with the recipe so far and undo/redo.
///
/// The work is split by what owns which state: `Interpreter` executes checked statements and owns the set-up
/// (`SessionSpec`), the training state (`TrainingState`, copied whole as a `TrainingMemento`), the run's ledger
/// (`RunLedger`) and the cache of what is derived from them (`ProgramCache`); this class is the interactive layer
/// around it and owns the checker of typed statements, the recipe and the undo history (Session+Interactive.swift).
public final class Session {
    let interpreter: Interpreter
    /// Checks typed statements against the ones before (a script run checks its whole file at once instead).
    var checker = Checker(allowsMetaCommands: false)
    /// The statements that succeeded, in order: what `:list` shows and `:save` writes.
    var recipe: [RecipeEntry] = []
    var history = UndoHistory()

    public init(options: SessionOptions = SessionOptions(), output: TextOutput = StandardStream.output,
                errors: TextOutput = StandardStream.error) {
        interpreter = Interpreter(options: options, output: output, errors: errors)
    }

    public var options: SessionOptions { interpreter.options }

    /// Asks a running `train` to stop after the current iteration (Ctrl-C); the weights are kept.
    public func requestInterrupt() { interpreter.interruptFlag.store(true, ordering: .relaxed) }

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

    /// Parses and checks all of `source`, reporting every error; when clean, runs it statement by statement.
    public func run(source: String) -> RunResult { interpreter.run(source: source) }

    // MARK: - What the session holds

    /// The iterations trained so far.
    public var iterations: Int { interpreter.training.position.iterations }
    /// The seconds spent in training loops so far.
    public var trainSeconds: Double { interpreter.training.position.trainSeconds }
    /// SHA-256 of every weight's IEEE-754 bits, little-endian, in layer order (weight then bias).
    public var weightsSHA256: String { interpreter.training.network.weightsSHA256 }
    /// The run's summary; metrics are those of the current weights (nil before the model exists).
    public func summary() -> RunSummary? { interpreter.summary() }

    /// `:show`: the model as the set-up describes it, layer by layer with shapes and parameter counts, then the
    /// training configuration, the data, the iterations trained and the weights' SHA-256.
    public func showText() -> String { interpreter.showText() }

    /// `:help [topic]`: the statements, or one statement or list of names.
    public func helpText(topic: String?) -> String { interpreter.helpText(topic: topic) }

    // MARK: - Comparisons across recipes (`nnscript compare`)

    /// Trains one copy of the current set-up per variant from a fresh training state of the same seed, leaving
    /// the session's own untouched. A variant that diverges keeps its row with a note.
    public func comparison(of variants: CompareVariants) -> Result<Comparison, Diagnostic> {
        interpreter.comparison(of: variants, range: interpreter.currentRange)
    }

    /// This session's current model as a run of a comparison: its metrics, its fit on `grid` and its losses.
    public func comparedRun(name: String, grid: [Double]) -> ComparedRun {
        interpreter.comparedRun(name: name, grid: grid)
    }

    /// The session's data: its x range and, for a function, its noiseless target and points (nil before `data`).
    public func comparisonFrame() -> (grid: [Double], target: [Double]?, pointsX: [Double], pointsY: [Double])? {
        interpreter.comparisonFrame()
    }
}
