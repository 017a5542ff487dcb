/// Messages about the data's shape: inputs, outputs, classes and the statements that must agree with them (the
/// rest of the catalogue is in DiagnosticCatalogue.swift and DiagnosticCatalogue+Interpreter.swift).
extension Diagnostic {
    /// What the recipe says disagrees with the data's inputs or outputs (found by the checker): `x3` in a 2-input
    /// recipe, a range count that does not match the variables, `accuracy` of a regression, and so on.
    public static func shapeMismatch(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        Diagnostic(severity: .error, id: .shapeMismatch, message: message, range: range, notes: notes)
    }

    /// The same, found only when a table was read (its targets' kind is known then).
    public static func targetMismatch(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        Diagnostic(severity: .error, id: .targetMismatch, message: message, range: range, notes: notes)
    }

    /// Data with more inputs, targets or classes than `Limits` allows, found when it is made or read.
    public static func dataTooWide(_ what: String, count: Int, maximum: Int, at range: SourceRange,
                                   notes: [String] = []) -> Diagnostic {
        Diagnostic(severity: .error, id: .targetMismatch, message: "the data has \(count) \(what); at most \(maximum) are allowed",
                   range: range, notes: notes)
    }

    /// `target NAME` that the file's header does not have.
    public static func missingColumn(_ name: String, file: String, header: [String], at range: SourceRange)
        -> Diagnostic
    {
        let columns = header.isEmpty ? "it has no header row" : "its columns: " + DataShape.list(header)
        var diagnostic = Diagnostic(severity: .error, id: .missingColumn,
                                    message: "'\(file)' has no column '\(name)'", range: range, notes: [columns])
        if let near = Suggestions.nearest(to: name, in: header) {
            diagnostic.fixIt = FixIt(range: range, replacement: near, message: "did you mean '\(near)'?")
        }
        return diagnostic
    }

    /// A data expression of several inputs that is NaN or infinite at a point.
    public static func nonFiniteTargetAtPoint(_ point: [Double], at range: SourceRange) -> Diagnostic {
        let coordinates = point.map { NumberFormat.short($0) }.joined(separator: ", ")
        return Diagnostic(severity: .error, id: .nonFiniteTarget,
                          message: "the data expression is not finite at (\(coordinates))", range: range)
    }

    /// A built-in classification set that cannot be made as asked.
    public static func invalidDataSet(_ name: String, reason: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .error, id: .invalidDataSet, message: "cannot make the \(name) data: \(reason)",
                   range: range)
    }
}
