/// Checks statements one at a time, as the REPL needs, keeping what earlier statements established.
///
/// A value type: copy it to snapshot the context (for `:undo`). A statement with an error yields nil, but its
/// effect on the context is still applied where it is clear (a bad `layer` still counts as a layer), so one
/// mistake does not cascade into false errors further down.
public struct Checker: Sendable, Hashable {
    /// `let` constants and custom activations, as later expressions see them.
    public var environment = ExprEnvironment()
    /// `let` names whose definition failed: expressions using them fail quietly instead of repeating the error.
    public var poisonedNames: Set<String> = []
    /// The expanded size of each custom activation's body (see `Limits.expandedExpressionSize`).
    public var expandedSizes: [String: Int] = [:]
    /// How many hidden layers the model has so far.
    public var hiddenLayerCount = 0
    /// Whether a `data` statement has been seen.
    public var hasData = false
    /// Whether an `output` statement has been seen.
    public var hasOutput = false
    /// The shape of the data when its statement tells it (generated data, a built-in set); nil before any `data`
    /// and for a table, whose columns are known only when it is read.
    public var dataShape: DataShape?
    /// The size an `output N` statement gave, where it was written.
    public var outputSize: Int?
    /// The loss a `loss` statement chose (nil: the default, which follows the data).
    public var loss: LossKind?
    /// True in the REPL; in a recipe file a `:command` is a warning and is skipped.
    public var allowsMetaCommands: Bool
    /// The recipe's `sweep` lines and expectations over a sweep (Checker+Sweep.swift).
    public internal(set) var sweep = SweepDeclarations()

    /// A checker with an empty context.
    public init(allowsMetaCommands: Bool = true) {
        self.allowsMetaCommands = allowsMetaCommands
    }

    /// Checks a whole recipe file: every statement in order, all diagnostics in one pass.
    public static func check(_ program: Program) -> ([CheckedStatement], [Diagnostic]) {
        let (checked, diagnostics, _) = checkRecipe(program)
        return (checked, diagnostics)
    }

    /// Checks a whole recipe file and returns what its `sweep` lines declare too.
    public static func checkRecipe(_ program: Program) -> ([CheckedStatement], [Diagnostic], SweepDeclarations) {
        var checker = Checker(allowsMetaCommands: false)
        var diagnostics: [Diagnostic] = []
        var checked: [CheckedStatement] = []
        checked.reserveCapacity(program.statements.count)
        for statement in program.statements {
            checker.noteSweepTargets(statement)
            if let result = checker.check(statement, into: &diagnostics) { checked.append(result) }
        }
        diagnostics += checker.sweepTargetProblems()
        return (checked, diagnostics, checker.sweep)
    }

    /// Parses and checks source text: the whole front end in one call.
    public static func check(source: String, file: String) -> (Program, [CheckedStatement], [Diagnostic]) {
        let (program, checked, diagnostics, _) = checkRecipe(source: source, file: file)
        return (program, checked, diagnostics)
    }

    /// `check(source:file:)`, also returning what the recipe's `sweep` lines declare.
    public static func checkRecipe(source: String, file: String)
        -> (Program, [CheckedStatement], [Diagnostic], SweepDeclarations)
    {
        let (program, syntaxDiagnostics) = Parser.parse(source: source, file: file)
        let (checked, semanticDiagnostics, sweep) = checkRecipe(program)
        let all = (syntaxDiagnostics + semanticDiagnostics).sorted { $0.range.start < $1.range.start }
        return (program, checked, all, sweep)
    }

    /// Checks one statement against the context, updates the context, and returns the resolved statement
    /// (nil when the statement has an error, which is appended to `diagnostics`).
    public mutating func check(_ statement: Statement, into diagnostics: inout [Diagnostic]) -> CheckedStatement? {
        var scope = Scope(checker: self)
        let kind = resolve(statement, scope: &scope)
        diagnostics.append(contentsOf: scope.diagnostics)
        guard let kind, !scope.diagnostics.containsErrors else { return nil }
        return CheckedStatement(kind, range: statement.range)
    }
}

/// The working state while one statement is checked: the context to read and the diagnostics found.
struct Scope {
    var checker: Checker
    var diagnostics: [Diagnostic] = []
    /// Set once something fails; the statement then yields nil.
    var failed = false

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.isError { failed = true }
    }
}
