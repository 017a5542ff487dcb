/// The words the parser recognises by position. They are not reserved: `let noise = 1` is fine, because a keyword
/// only means something where the grammar expects it. `grammar/nnscript.ebnf` quotes exactly these words.
public enum Keyword: String, CaseIterable, Sendable {
    // MARK: Statement keywords (first word of a statement)
    case seed, data, holdout, `let`, input, layer, output, activation, insert, remove, replace, loss, optimizer
    case schedule, `init`, batch, train, report, plot, expect, predict, save, load, export, print, compare, sweep
    case normalize, features

    // MARK: Contextual keywords
    case csv, noise, on, samples, grid, full, to, classes, target

    /// The keywords that can start a statement.
    public static let statementKeywords: [Keyword] = [
        .seed, .data, .holdout, .normalize, .features, .let, .input, .layer, .output, .activation, .insert, .remove, .replace, .loss,
        .optimizer, .schedule, .`init`, .batch, .train, .report, .plot, .expect, .predict, .save, .load, .export,
        .print, .compare, .sweep,
    ]
}
