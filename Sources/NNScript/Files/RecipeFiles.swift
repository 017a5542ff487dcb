// MARK: - The files a recipe reads, judged without running it

/// What `nnscript check` can say about the files a recipe names without opening them: a path `data csv`,
/// `holdout csv`, `predict csv` or `load` reads that exists but is a FIFO, a folder or a device fails the run, so
/// `check` reports it, at the path's own range.
///
/// Missing files are not reported: a recipe may `save` a checkpoint and `load` it later.
public enum RecipeFiles {
    /// A located error for each file the program reads that exists and is not a regular file. Relative paths are
    /// taken from `baseDirectory`, the recipe's folder, as the run takes them.
    public static func problems(in program: Program, baseDirectory: String) -> [Diagnostic] {
        program.statements.compactMap { statement in
            guard let literal = readPath(of: statement) else { return nil }
            let path = literal.value
            guard !path.isEmpty, !path.utf8.contains(0) else { return nil }
            let located = path.hasPrefix("/") ? path : baseDirectory + "/" + path
            guard let kind = FileContents.nonRegularKind(at: located) else { return nil }
            return .fileUnreadable(path, reason: FileContents.notRegular(kind), at: literal.range)
        }
    }

    /// The path a statement reads, when it reads one.
    private static func readPath(of statement: Statement) -> StringLiteral? {
        switch statement.kind {
        case .dataCSV(let literal, _), .holdoutCSV(let literal), .load(let literal), .predictCSV(let literal, _):
            return literal
        default: return nil
        }
    }
}
