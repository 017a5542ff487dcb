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
        case "holdout_mse", "holdout_loss", "holdout_r2", "holdout_accuracy":
            note = "add a 'holdout csv \"test.csv\"' (a table) or 'holdout on [A, B]' (data from an expression)"
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

    // MARK: - Limits

    /// A statement whose buffers would pass the memory budget (`--max-memory`); nothing was allocated.
    public static func memoryBudgetExceeded(_ what: String, needed: Double, budget: Int, parts: [String],
                                            at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .memoryBudgetExceeded,
                   message: "\(what) would need about \(MemoryBudget.format(needed)) of memory, more than the "
                       + "budget of \(MemoryBudget.format(Double(budget)))",
                   range: range,
                   notes: ["largest parts: " + parts.joined(separator: ", "),
                           "use fewer or narrower layers, fewer samples or a smaller 'batch'"
                               + (MemoryBudget.suggestion(for: needed).map {
                                   "; or, if the machine has the memory, raise the budget with --max-memory \($0)"
                               } ?? "")])
    }

    /// A file path that leads outside the folders a recipe may read or write.
    public static func pathNotAllowed(_ refusal: PathPolicy.Refusal, interactive: Bool,
                                      at range: SourceRange) -> Diagnostic {
        guard refusal.concernsPlace else {
            return Diagnostic(severity: .error, id: .pathNotAllowed,
                              message: "cannot \(refusal.access.rawValue) \(refusal.description)", range: range)
        }
        let home = interactive ? "the current folder" : "the recipe's folder"
        var notes: [String] = []
        if let resolved = refusal.resolved { notes.append("it resolves to \(resolved)") }
        notes.append("a recipe may \(refusal.access.rawValue) only inside \(home) (\(refusal.allowed.first ?? "."))"
            + (refusal.allowed.count > 1 ? " and " + refusal.allowed.dropFirst().joined(separator: ", ") : ""))
        let flag = refusal.access == .read ? "--allow-read" : "--allow-write"
        let folder = refusal.resolved.map { AtomicFile.parentFolder(of: $0) } ?? "DIR"
        notes.append("to allow it, run with \(flag) \(folder)")
        return Diagnostic(severity: .error, id: .pathNotAllowed,
                          message: "cannot \(refusal.access.rawValue) \(refusal.description)", range: range,
                          notes: notes)
    }

    /// `train N epochs` (or a comparison's budget) that adds up to more steps than one statement may train.
    public static func trainingTooLong(_ steps: Double, maximum: Int, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .trainingTooLong,
                   message: "this would train \(NumberFormat.short(steps)) steps; one 'train' may run at most "
                       + "\(maximum) steps",
                   range: range,
                   notes: ["train fewer epochs, use a larger 'batch', or split the training into several 'train' "
                           + "statements"])
    }
}
