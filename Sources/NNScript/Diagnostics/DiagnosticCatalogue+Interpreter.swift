/// Messages the interpreter raises while running a checked recipe (the rest of the catalogue is in
/// DiagnosticCatalogue.swift).
extension Diagnostic {
    /// An action that needs data before any `data` statement.
    public static func missingDataAtRuntime(at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .missingDataAtRuntime, message: "there is no data to train on yet",
                   range: range, notes: ["add a 'data' statement, e.g. data sin(x) on [0, 6]"])
    }

    /// A user-defined activation calls a function the runtime cannot differentiate.
    public static func unsupportedActivationFunction(_ function: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .unsupportedActivationFunction,
                   message: "'\(function)' cannot be used in an activation: it has no derivative in the runtime",
                   range: range,
                   notes: ["activations may use + - * / ^, sin cos tan sinh cosh tanh exp log log2 log10 sqrt abs "
                           + "sigmoid relu min max pow"])
    }

    /// The runtime refused an optimizer configuration.
    public static func invalidOptimizerAtRuntime(_ reason: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .invalidOptimizer, message: "invalid optimizer: \(reason)", range: range)
    }

    /// The model could not be compiled into a runtime graph.
    public static func modelCompileFailed(_ reason: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .modelCompileFailed, message: "cannot build the model: \(reason)",
                   range: range)
    }

    /// A metric with no value in this session (e.g. `holdout_mse` without a `holdout` statement).
    public static func metricUnavailable(_ metric: String, at range: SourceRange) -> Diagnostic {
        let note: String
        switch metric {
        case "holdout_mse": note = "add a 'holdout on [A, B]' statement"
        case "loss": note = "train first"
        default: note = "it needs data from an expression (CSV data has no noiseless target)"
        }
        return Diagnostic(severity: .error, id: .metricUnavailable, message: "'\(metric)' has no value here",
                          range: range, notes: [note])
    }

    /// A set-up lint: a warning with advice, located at the statement that trained.
    public static func setupLint(_ message: String, advice: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .warning, id: .setupLint, message: message, range: range, notes: [advice])
    }
}
