// MARK: - What may come here

/// What the grammar accepts at one place of a statement, declared by the parse method of its rule as it parses.
///
/// Completion asks the parser which slots it tried where the input ends (`Parser.slots(atEndOf:)`); the semantics
/// say which words fill each (`Vocabulary+Slots.swift`). So a statement's completion is its parse method: a new
/// statement that reads its names with `parseName(_:)`, its options with `parseOptions(of:)` and its expressions
/// with `parseExpression(_:)` completes without further work.
public enum GrammarSlot: Hashable, Sendable {
    /// The first word of a statement.
    case statement
    /// A `:` command (only where an entry starts).
    case command
    /// The argument of the `:` command typed as this name (`help`, `save`…).
    case commandArgument(String)
    /// A keyword the rule tests for here: `on`, `noise`, `layer`, `full`…
    case keyword(Keyword)
    /// A name from a list the language (and, for activations, the session) defines.
    case name(NameKind)
    /// `key=`: an option of `OptionOwner`, with the keys given already.
    case option(OptionOwner, given: [String])
    /// An expression, by what it stands for here.
    case expression(ExpressionRole)
    /// A column of the CSV file named here (`data csv "FILE" target …`): the names of its header.
    case column(file: String)
}

/// The lists of names a statement may quote, each resolved by the checker against `Vocabulary`.
public enum NameKind: Hashable, Sendable {
    case activation, optimizer, loss, schedule, initScheme, metric, trainUnit, plotKind, exportFormat, compareKind
    case dataSet
    /// What a `sweep` line varies (`seed`, `lr`, `layer`…), a layer's property it varies (`size`, `activation`), and
    /// the statistic an expectation over a sweep takes (`median`…).
    case sweepAxis, layerProperty, statistic

    /// How a parse error names the word it wanted: `expected an activation such as 'tanh', found …`.
    public var expectation: String {
        switch self {
        case .activation: return "an activation such as 'tanh'"
        case .optimizer: return "an optimizer name"
        case .loss: return "a loss name"
        case .schedule: return "a schedule name"
        case .initScheme: return "an init scheme name"
        case .metric: return "a metric such as 'mse'"
        case .trainUnit: return "'iterations' or 'epochs'"
        case .plotKind: return "'fit' or 'loss'"
        case .exportFormat: return "'onnx' or 'pytorch'"
        case .compareKind: return "what to compare, such as 'optimizer'"
        case .dataSet: return "a data set such as 'spiral'"
        case .sweepAxis: return "what to sweep, such as 'seed' or 'lr'"
        case .layerProperty: return "'size' or 'activation' after the layer's position"
        case .statistic: return "a statistic such as 'median'"
        }
    }
}

/// Whose `key=value` options a list is: which keys exist depends on it.
public enum OptionOwner: Hashable, Sendable {
    /// `layer`, `output`, `insert layer`, `replace layer`.
    case layer
    /// A named choice with its own options: `optimizer adam …`, `loss huber …`, `schedule cosine …`.
    case named(NameKind, String)
    /// An alternative of `compare KIND`, by its head: `compare optimizer sgd lr=0.1 | adam …`.
    case alternative(compare: String, head: String)
    /// A value of a `sweep` axis, by its head: `sweep optimizer adam lr=1e-2, sgd`.
    case sweepValue(axis: String, head: String)
}

/// What an expression stands for where it is written, which decides the names that make sense in it.
public enum ExpressionRole: Hashable, Sendable {
    /// A whole number: a size, a count, a layer position, the seed.
    case count
    /// A constant value: a noise level, a `let`, a printed or predicted value, a range bound.
    case number
    /// A function of the named input: the `data` target (`x`), an activation's body (its parameter).
    case function(of: String)
    /// A feature: a function of the data's raw inputs, named by their columns or `x1 … xk`.
    case feature
    /// The value of option `key` of `owner`.
    case option(OptionOwner, key: String)
    /// The head of an alternative of `compare KIND`: a name the kind chooses among, or a batch size.
    case alternative(compare: String)
    /// The value an `expect` compares with: a number or another metric.
    case expectedValue
    /// A value of the `sweep` axis written as `axis` (`lr`, `optimizer`; a layer's `size` or `activation`).
    case sweepValue(axis: String)
}
