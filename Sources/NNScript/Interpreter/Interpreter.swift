import Foundation
import NNTensor
import Synchronization

// MARK: - The run's ledger

/// What the run has said and found so far: kept so each thing is said once, and counted for the exit code.
struct RunLedger: Equatable {
    var expectationsPassed = 0
    var expectationsFailed = 0
    /// Each failed expectation as text, with its actual value (for `nnscript test`).
    var failures: [String] = []
    /// Lint messages already printed: each is printed once per run.
    var printedLints: Set<String> = []
    /// The `data`, `model` and `train` lines last printed before training: printed again only when they change.
    var describedSetup: String?
}

// MARK: - Interpreter

/// Executes checked statements: owns the set-up they describe (`SessionSpec`), the training state that realises
/// it (`TrainingState`), the run's ledger, and the cache of everything derived from those (`ProgramCache`).
///
/// A script run (`run(source:)`) checks the whole recipe first and reports every error before anything trains.
/// The REPL's layer around it (`Session`) checks statements one at a time and keeps the recipe and undo history.
/// Runtime problems (a missing file, divergence, a failed `expect`) become located diagnostics; nothing traps.
final class Interpreter {
    let options: SessionOptions
    let out: TextOutput
    let err: TextOutput
    /// The text diagnostics point into: the whole recipe, or the REPL's current entry.
    var source = ""

    var spec = SessionSpec()
    let training = TrainingState()
    var ledger = RunLedger()
    let programs = ProgramCache()

    /// Which files statements may read and write (from the options, resolved once).
    lazy var pathPolicy = PathPolicy(baseDirectory: options.baseDirectory, allowRead: options.allowedReadFolders,
                                     allowWrite: options.allowedWriteFolders)
    let interruptFlag = Atomic<Bool>(false)

    init(options: SessionOptions, output: TextOutput, errors: TextOutput) {
        self.options = options
        self.out = output
        self.err = errors
    }

    // MARK: - Mementos

    /// A copy of everything the interpreter's statements changed (the cache aside: it is rebuilt on demand).
    struct Snapshot: Equatable {
        var spec: SessionSpec
        var training: TrainingMemento
        var ledger: RunLedger

        static func == (a: Snapshot, b: Snapshot) -> Bool {
            // `SessionSpec`'s own == compares what the statements said; a snapshot is also its next layer id.
            a.spec == b.spec && a.spec.nextLayerID == b.spec.nextLayerID && a.training == b.training
                && a.ledger == b.ledger
        }
    }

    /// A new session's: nothing said, nothing trained, nothing printed.
    static var initialSnapshot: Snapshot {
        Snapshot(spec: SessionSpec(), training: .fresh(seed: 0), ledger: RunLedger())
    }

    func snapshot() -> Snapshot {
        Snapshot(spec: spec, training: training.memento, ledger: ledger)
    }

    func restore(_ snapshot: Snapshot) {
        spec = snapshot.spec
        training.restore(snapshot.training)
        ledger = snapshot.ledger
    }

    // MARK: - Whole recipes

    /// Parses and checks all of `source`, reporting every error; when clean, runs it statement by statement.
    func run(source: String) -> Session.RunResult {
        self.source = source
        let (_, checked, diagnostics) = Checker.check(source: source, file: options.file)
        if !diagnostics.isEmpty {
            err.write(DiagnosticRenderer.render(diagnostics, source: source, color: options.color) + "\n")
        }
        if diagnostics.containsErrors {
            return Session.RunResult(exitCode: 1, expectationsPassed: 0, expectationsFailed: 0,
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
                warn(diagnostic)
                return result(exitCode: 1)
            }
        }
        if !trained {
            // A recipe that never says `train` is trained with the default budget at its end, and reported.
            if let diagnostic = trainByDefault(checked) {
                warn(diagnostic)
                return result(exitCode: 1)
            }
        }
        return result(exitCode: ledger.expectationsFailed > 0 ? 1 : 0)
    }

    /// The implicit training of a recipe without `train`, then its report. A divergence is placed at the
    /// `optimizer` line (what to change), else at the recipe's last statement (where the training happens).
    private func trainByDefault(_ statements: [CheckedStatement]) -> Diagnostic? {
        let range = SourceRange.startOfFile(options.file)
        guard var diagnostic = train(count: options.defaultBudget, unit: .iterations, range: range) else {
            return report(range: range)
        }
        if diagnostic.id == .divergence {
            let optimizerLine = statements.last { if case .optimizer = $0.kind { true } else { false } }
            diagnostic.range = (optimizerLine ?? statements.last)?.range ?? range
        }
        return diagnostic
    }

    private func explicitSeed(_ statements: [CheckedStatement]) -> UInt64? {
        for statement in statements { if case .seed(let seed) = statement.kind { return seed } }
        return nil
    }

    private func result(exitCode: Int32) -> Session.RunResult {
        Session.RunResult(exitCode: exitCode, expectationsPassed: ledger.expectationsPassed,
                          expectationsFailed: ledger.expectationsFailed, failures: ledger.failures,
                          summary: summary())
    }

    /// Writes a diagnostic (an error that stops the run, a warning, a lint).
    func warn(_ diagnostic: Diagnostic) {
        err.write(DiagnosticRenderer.render(diagnostic, source: source, color: options.color) + "\n")
    }
}
