import Foundation
import NNTensor

// MARK: - The REPL's state

/// One statement of the session's recipe: its text as typed (what `:list` and `:save` write) and its syntax.
struct RecipeEntry: Equatable {
    var text: String
    var statement: Statement
    /// A set-up statement (data, model, optimizer…), kept by `:reset`; actions (train, report…) are not.
    var isSetUp: Bool
}

extension Session {
    /// A copy of everything that defines the session at one moment: the interpreter's set-up, training state
    /// and ledger, the checker and the recipe. Restoring it gives back the same session, so the same statements
    /// after it give the same bits; two equal states are the same session (the caches aside, which are rebuilt).
    public struct State: Equatable {
        var interpreter: Interpreter.Snapshot
        var checker: Checker
        var recipe: [RecipeEntry]

        /// A new session's state.
        static var initial: State {
            State(interpreter: Interpreter.initialSnapshot, checker: Checker(allowsMetaCommands: false), recipe: [])
        }
    }

    /// A copy of the session's whole state (for undo, and for tests that compare states).
    public var state: State {
        State(interpreter: interpreter.snapshot(), checker: checker, recipe: recipe)
    }

    func restore(_ state: State) {
        interpreter.restore(state.interpreter)
        checker = state.checker
        recipe = state.recipe
    }
}

/// A state to go back to, with what leaving it did ("train 100") and the statements after it that changed
/// nothing (`report`, `predict 0.5`): undone with it, since they are not steps of their own.
struct UndoStep {
    var state: Session.State
    var description: String
    var followers: [String] = []

    /// What undoing (or redoing) the step does, in the statements' words: "train 100 (and report, predict 0.5
    /// after it)".
    var summary: String {
        followers.isEmpty ? description : description + " (and \(followers.joined(separator: ", ")) after it)"
    }
}

/// The undo and redo history of a REPL session.
struct UndoHistory {
    var undo: [UndoStep] = []
    var redo: [UndoStep] = []
    /// Undo steps kept; the oldest go first (each holds a copy of the weights).
    static let limit = 500

    /// Records `step` as the newest undo step, dropping the oldest beyond the limit or beyond `byteLimit`
    /// (big models keep fewer steps); a new step ends what could be redone.
    mutating func push(_ step: UndoStep, byteLimit: Int) {
        undo.append(step)
        if undo.count > UndoHistory.limit { undo.removeFirst() }
        var held = undo.reduce(0) { $0 + $1.state.interpreter.training.approximateBytes }
        while undo.count > 1, held > byteLimit {
            held -= undo.removeFirst().state.interpreter.training.approximateBytes
        }
        redo.removeAll()
    }
}

// MARK: - Statements typed one entry at a time

extension Session {
    /// The file name diagnostics of typed lines carry (`<repl>:LINE:COL`).
    public static let interactiveFile = "<repl>"

    /// Runs one REPL entry (a line, `;`-joined statements, or lines joined while a bracket was open).
    ///
    /// Each statement is checked against the session so far and run; the first one that fails prints its located
    /// diagnostic, and the session is left as it was before that statement. An interrupted `train` keeps the
    /// iterations it did (the recipe records how many) and ends the entry.
    /// - Parameter lineNumber: the REPL's number of the entry's first line, for diagnostics.
    /// - Returns: false when a statement failed or was interrupted.
    public func execute(line entry: String, lineNumber: Int) -> Bool {
        interpreter.interruptFlag.store(false, ordering: .relaxed)
        let joined = EntryAssembler.joiningBracketedLines(entry)
        // A joined entry is recorded formatted: its text holds the blanks of the line breaks and comments.
        return runInteractively(joined, file: Session.interactiveFile, firstLine: max(lineNumber, 1),
                                formatted: joined != entry)
    }

    /// Runs the statements of `text` one by one as `execute(line:)` does, up to the first error; `formatted`
    /// records them in the recipe as `Formatter` writes them rather than as typed.
    func runInteractively(_ text: String, file: String, firstLine: Int = 1, formatted: Bool = false) -> Bool {
        interpreter.source = text
        let (program, syntax) = Parser.parse(source: text, file: file, firstLine: firstLine)
        let firstError = syntax.filter(\.isError).map(\.range.start).min()
        let warnings = syntax.filter { !$0.isError }
        if !warnings.isEmpty { interpreter.err.write(render(warnings)) }
        for statement in program.statements {
            if let firstError, statement.range.end > firstError { break }
            guard runStatement(statement, in: text, formatted: formatted) else { return false }
        }
        guard firstError == nil else {
            interpreter.err.write(render(syntax.filter(\.isError)))
            return false
        }
        return true
    }

    /// Checks and runs one statement; on failure restores the session as it was before it.
    private func runStatement(_ statement: Statement, in text: String, formatted: Bool) -> Bool {
        var nextChecker = checker
        var diagnostics: [Diagnostic] = []
        let checked = nextChecker.check(statement, into: &diagnostics)
        if !diagnostics.isEmpty { interpreter.err.write(render(diagnostics)) }
        // A statement dropped with only a warning (a `:` command in a recipe file) is skipped and the rest runs,
        // as `run` and `check` do: a warning never fails the entry, nor `nnscript repl FILE`'s exit status.
        guard let checked else { return !diagnostics.contains(where: \.isError) }
        if case .meta = checked.kind { return true }
        let before = state
        checker = nextChecker
        if let diagnostic = interpreter.execute(checked) {
            interpreter.err.write(render([diagnostic]))
            restore(before)
            return false
        }
        if interpreter.ledger.expectationsFailed > before.interpreter.ledger.expectationsFailed {
            // A failed `expect` stops the entry and stays out of the recipe, which then replays without failing.
            restore(before)
            return false
        }
        var recorded = formatted ? Formatter.text(of: statement) : Session.text(of: statement, in: text)
        var succeeded = true
        if case .train = checked.kind, interpreter.interruptFlag.load(ordering: .relaxed) {
            let done = iterations - before.interpreter.training.position.iterations
            guard done > 0 else {
                restore(before)
                return false
            }
            // The recipe records what was trained, so `:save` still replays the session exactly, except for a
            // cosine schedule without `total=`, whose span was the statement's whole length; a later `compare`
            // trains as long.
            recorded = "train \(done)"
            interpreter.training.position.lastTrain = TrainBudget(count: done, unit: .iterations)
            succeeded = false
            // A fixed horizon (`total=`) does not depend on the statement's length: the replay is exact then.
            if case .cosine = interpreter.spec.schedule.shape, interpreter.spec.schedule.total == nil {
                interpreter.err.write("note: the recipe records this as '\(recorded)'; replayed, its cosine "
                    + "schedule spans those iterations only, so the weights will differ (a fixed horizon, "
                    + "'schedule cosine total=N', replays exactly)\n")
            }
        }
        recipe.append(RecipeEntry(text: recorded, statement: statement, isSetUp: checked.kind.isSetUp))
        if checked.kind.changesSession || history.undo.isEmpty {
            pushUndo(UndoStep(state: before, description: recorded))
        } else {
            // Output only: `:undo` goes past it to the last statement that changed something, and takes it out of
            // the recipe with that one. A new entry still ends what could be redone.
            history.undo[history.undo.count - 1].followers.append(recorded)
            history.redo.removeAll()
        }
        return succeeded
    }

    private func pushUndo(_ step: UndoStep) {
        // The history may hold at most half the memory budget: big models keep fewer undo steps.
        history.push(step, byteLimit: options.memoryBudget / 2)
    }

    /// The diagnostics one after the other, without the count line a whole file's check ends with.
    private func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { DiagnosticRenderer.render($0, source: interpreter.source, color: options.color) }.joined()
    }

    /// The statement's own text (its first keyword to its last token) in `text`.
    static func text(of statement: Statement, in text: String) -> String {
        let bytes = Array(text.utf8)
        let start = min(max(statement.range.start.offset, 0), bytes.count)
        let end = min(max(statement.range.end.offset, start), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: - Recipes

    /// `:list`: the statements that succeeded so far, one per line, as `saveRecipe` writes them.
    public func recipeText() -> String {
        recipe.map(\.text).joined(separator: "\n")
    }

    /// `:save`: writes `recipeText()`, which `nnscript run` replays to the same weights when it trains.
    public func saveRecipe(to path: String) throws {
        let text = recipeText()
        try AtomicFile.write(text.isEmpty ? "" : text + "\n", to: path)
    }

    /// `:load` and `nnscript repl FILE`: runs a recipe's statements in this session, up to the first error,
    /// with diagnostics located in that file.
    public func loadRecipe(from path: String) -> Bool {
        interpreter.interruptFlag.store(false, ordering: .relaxed)
        switch SourceFile.read(path) {
        case .failure(let diagnostic):
            interpreter.err.write(DiagnosticRenderer.render(diagnostic, source: "", color: options.color))
            return false
        case .success(let text):
            return runInteractively(text, file: path)
        }
    }

    // MARK: - Undo, redo, reset

    /// `:undo`: back to before the last statement that changed the session (`CheckedStatement.Kind
    /// .changesSession`: set-up, `train`, `load`, `:reset`), weights and optimizer state included; the outputs
    /// after it (`report`, `predict`…) leave the recipe with it.
    /// - Returns: what was undone ("train 100 (and report after it)"), nil when there is nothing to undo.
    public func undo() -> String? {
        guard let step = history.undo.popLast() else { return nil }
        history.redo.append(UndoStep(state: state, description: step.description, followers: step.followers))
        restore(step.state)
        return step.summary
    }

    /// `:redo`: forward again to where the last `undo` came from.
    /// - Returns: what was redone, nil when there is nothing to redo.
    public func redo() -> String? {
        guard let step = history.redo.popLast() else { return nil }
        history.undo.append(UndoStep(state: state, description: step.description, followers: step.followers))
        restore(step.state)
        return step.summary
    }

    /// `:reset`: starts the model afresh, as a replay of the recipe's set-up statements would, so a saved
    /// session still replays exactly; the training and other actions so far leave the recipe. Undoable.
    /// - Returns: what happened, to print.
    public func reset() -> String {
        let before = state
        let setUp = recipe.filter(\.isSetUp)
        restore(.initial)
        for entry in setUp {
            var diagnostics: [Diagnostic] = []
            // Set-up statements that passed before pass again and never fail at run time.
            guard let checked = checker.check(entry.statement, into: &diagnostics),
                  interpreter.execute(checked) == nil else {
                restore(before)
                return "cannot reset: '\(entry.text)' no longer runs"
            }
            recipe.append(entry)
        }
        pushUndo(UndoStep(state: before, description: ":reset"))
        let dropped = before.recipe.count - setUp.count
        return "weights re-initialised (the next train starts from fresh weights and optimizer state); "
            + "\(dropped) action statement\(dropped == 1 ? "" : "s") left the recipe"
    }

    // MARK: - Names for completion

    /// Constants bound with `let`, sorted.
    public var userConstantNames: [String] { checker.environment.constants.keys.sorted() }

    /// The columns of the session's data once it is made or read (its inputs, then its targets); empty before.
    public var dataColumnNames: [String] {
        guard let shape = interpreter.currentData?.shape else { return [] }
        return shape.inputNames + shape.outputNames
    }

    /// The data's raw inputs (a table's input columns, or `x1 … xk`), for completion in `features`.
    public var dataInputNames: [String] { interpreter.knownInputNames }

    /// Activations defined with `activation NAME(x) = …`, sorted.
    public var userActivationNames: [String] { checker.environment.functions.keys.sorted() }
}
