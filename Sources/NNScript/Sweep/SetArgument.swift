import Foundation

/// `--set NAME=VALUE`: one value for one setting, named as a `sweep` line names its axis (`lr=3e-3`, `seed=4`,
/// `layer.2.size=64`, `optimizer='sgd lr=0.1'`). It is read as the line `sweep NAME VALUE`, so it obeys the same
/// rules, and its errors point into the argument (shown as the file `--set NAME=VALUE`).
public enum SetArgument {
    private static let filePrefix = "--set "
    /// `sweep ` before the name: what the argument's positions are shifted by.
    private static let keyword = "sweep "

    /// The argument a diagnostic's file name stands for, when it is a `--set`.
    public static func argument(inFile file: String) -> String? {
        file.hasPrefix(filePrefix) ? String(file.dropFirst(filePrefix.count)) : nil
    }

    /// The setting an argument names, or its located errors.
    public static func parse(_ argument: String) -> Result<SweepOverride, LocatedDiagnostic> {
        let file = filePrefix + argument
        let whole = SourceRange(file: file, start: SourcePosition(line: 1, column: 1, offset: 0),
                                end: SourcePosition(line: 1, column: argument.unicodeScalars.count + 1,
                                                    offset: argument.utf8.count))
        guard let equals = argument.firstIndex(of: "="), !argument.contains("\n") else {
            return .failure(LocatedDiagnostic(.unexpectedToken(expected: "NAME=VALUE", found: "'\(argument)'", at: whole),
                                              source: argument))
        }
        let name = argument[..<equals].replacingOccurrences(of: ".", with: " ")
        let line = keyword + name + " " + String(argument[argument.index(after: equals)...])
        let (program, syntax) = Parser.parse(source: line, file: file)
        let (_, semantic, declarations) = Checker.checkRecipe(program)
        let problems = (syntax + semantic).filter { $0.isError && $0.id != .sweepTargetMissing }
        if let first = problems.first {
            var diagnostic = first
            diagnostic.range = shifted(first.range, within: whole)
            diagnostic.fixIt?.range = diagnostic.range
            return .failure(LocatedDiagnostic(diagnostic, source: argument))
        }
        guard let axis = declarations.axes.first, axis.values.count == 1, program.statements.count == 1 else {
            return .failure(LocatedDiagnostic(.unexpectedToken(expected: "one value after '='", found: "several",
                                                               at: whole), source: argument))
        }
        var value = axis.values[0]
        value.origin = shifted(value.origin, within: whole)
        return .success(SweepOverride(target: axis.target, value: value))
    }

    /// A range in `sweep NAME VALUE` moved back onto `NAME=VALUE`.
    private static func shifted(_ range: SourceRange, within whole: SourceRange) -> SourceRange {
        func move(_ p: SourcePosition) -> SourcePosition {
            let offset = min(max(p.offset - keyword.utf8.count, 0), whole.end.offset)
            let column = min(max(p.column - keyword.count, 1), whole.end.column)
            return SourcePosition(line: 1, column: column, offset: offset)
        }
        return SourceRange(file: whole.file, start: move(range.start), end: move(range.end))
    }
}
