/// The messages of `sweep` lines and of expectations over a sweep (Sweep/).
extension Diagnostic {
    private static func sweepError(_ id: DiagnosticID, _ message: String, _ range: SourceRange,
                                   notes: [String] = []) -> Diagnostic {
        Diagnostic(severity: .error, id: id, message: message, range: range, notes: notes)
    }

    /// `sweep seed 8 to 1`.
    public static func sweepRangeDescending(low: Int, high: Int, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepRangeDescending, "'\(low) to \(high)' runs backwards", range,
                   notes: ["write the smaller value first: '\(high) to \(low)'"])
    }

    /// `sweep lr 1 to 3`: runs of whole numbers only for axes that take whole numbers.
    public static func sweepRangeNotWhole(_ axis: String, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepRangeNotWhole, "'\(axis)' takes numbers that need not be whole, so it has no 'A to B'",
                   range, notes: ["list its values instead, e.g. 'sweep \(axis) 1e-3, 3e-3, 1e-2'"])
    }

    /// `sweep lr 1e-3 beta1=0.8`: options belong to whole-statement axes (`optimizer`, `loss`, `schedule`).
    public static func sweepValueOptions(_ axis: String, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepValueOptions, "a value of '\(axis)' takes no options", range,
                   notes: ["sweep the whole statement instead, e.g. 'sweep optimizer adam lr=1e-2, sgd lr=0.1'"])
    }

    /// A grid larger than the limit.
    public static func sweepTooManyTrials(_ count: Double, limit: Int, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepTooManyTrials,
                   "the sweep has \(format(count)) trials, more than the limit of \(limit)", range,
                   notes: ["sweep fewer values, or split the grid into several recipes"])
    }

    /// The same axis in two `sweep` lines.
    public static func sweepAxisRepeated(_ axis: String, first: SourceRange, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepAxisRepeated, "'\(axis)' is already swept at line \(first.start.line)", range,
                   notes: ["put all its values in one 'sweep' line"])
    }

    /// An axis that has no statement to set (`sweep train …` in a recipe without `train`).
    public static func sweepTargetMissing(_ axis: String, reason: String, at range: SourceRange) -> Diagnostic {
        sweepError(.sweepTargetMissing, "'\(axis)' has nothing to set: \(reason)", range)
    }

    /// `sweep` or `expect median …` typed in the REPL.
    public static func sweepInREPL(at range: SourceRange) -> Diagnostic {
        sweepError(.sweepInREPL, "sweeps and expectations over them run many trials, which the REPL does not",
                   range, notes: ["write them in a recipe and run 'nnscript sweep FILE'; "
                                  + "'nnscript run FILE --set NAME=VALUE' runs one trial"])
    }
}
