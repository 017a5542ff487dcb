import NNScript

/// What the REPL needs from the interpreter: run what was typed, answer the `:` commands, name things for
/// completion. `NNScript.Session` conforms when integrated; tests drive the loop with a fake.
///
/// Every method runs on the REPL's thread except `requestInterrupt`. No method may end the process or trap: bad
/// input is reported and the session carries on with its state as it was.
public protocol REPLSession: AnyObject {
    /// Parses, checks and runs the statements of one entry (a line, `;`-joined statements, or several lines joined
    /// while a bracket was open), printing their output and their diagnostics to the session's own streams.
    ///
    /// `lineNumber` is the REPL's number of the entry's first line, for `<repl>:LINE:COL` locations; the marker
    /// points into `source`. Statements before an error have run; from the failing one on, nothing changed.
    /// A pending interrupt request from before the call is cleared when it starts.
    /// - Returns: false when any statement failed (syntax, meaning, runtime) or was interrupted.
    func execute(_ source: String, lineNumber: Int) -> Bool

    /// Asks the running statement to stop soon (Ctrl-C): training stops after the current step and keeps its
    /// weights, and `execute` returns. Called from another thread while `execute` runs, so it must be thread-safe
    /// (setting an atomic flag that the training loop polls is enough).
    func requestInterrupt()

    /// `:help [topic]`: the language's help, on a statement or topic when given (its own "did you mean" when
    /// the topic is unknown). The REPL adds the `:` commands.
    func helpText(topic: String?) -> String

    /// `:show`: the model summary (layers, shapes, parameter counts, weight hash once trained).
    func showText() -> String

    /// `:list`: the session so far as a recipe, exactly what `saveRecipe` would write.
    func recipeText() -> String

    /// `:undo`: restores the session as it was before the last state-changing statement, weights included.
    /// - Returns: a one-line description of what was undone (e.g. the statement), nil when there is nothing.
    func undo() -> String?

    /// `:redo`: re-applies what the last `undo` took back.
    /// - Returns: a one-line description of what was redone, nil when there is nothing.
    func redo() -> String?

    /// `:reset`: re-initialises the weights, keeping the recipe's set-up (its trainings and other actions go, so a
    /// saved session still replays exactly); undoable.
    /// - Returns: a one-line confirmation to print.
    func reset() -> String

    /// `:save`: writes the session as a recipe that replays it to bit-identical weights.
    /// - Throws: when the file cannot be written; the error's description is printed after `error: `.
    func saveRecipe(to path: String) throws

    /// `:load` and `nnscript repl FILE`: runs a recipe's statements in this session, printing as `execute` does
    /// (diagnostics located in that file).
    /// - Returns: false when the file is missing or any statement failed.
    func loadRecipe(from path: String) -> Bool

    /// Names this session defined, offered by tab completion beside the built-in vocabulary.
    func userNames() -> UserNames
}
