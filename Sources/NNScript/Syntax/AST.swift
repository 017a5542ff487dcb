/// A parsed recipe: its statements in order and the comments the formatter puts back.
public struct Program: Hashable, Sendable {
    /// The file name given to the parser.
    public var file: String
    /// Every statement that parsed; a statement with a syntax error is left out (its diagnostic says why).
    public var statements: [Statement]
    /// Every `#` comment, in source order.
    public var comments: [SourceComment]

    /// A program from its parts.
    public init(file: String, statements: [Statement], comments: [SourceComment] = []) {
        self.file = file
        self.statements = statements
        self.comments = comments
    }
}

/// One statement with the range from its first keyword to its last token.
public struct Statement: Hashable, Sendable {
    /// What the statement says.
    public var kind: StatementKind
    /// The whole statement.
    public var range: SourceRange

    /// A statement from its parts.
    public init(_ kind: StatementKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

extension Statement {
    /// A `sweep` line or an expectation over a sweep: it declares part of a sweep (Sweep/) and has no checked
    /// form, because a single run does nothing with it.
    public var declaresSweep: Bool {
        switch kind {
        case .sweep, .expect(statistic: _?, metric: _, comparison: _, value: _): return true
        default: return false
        }
    }
}

/// Every statement form of the language, as written (names are not yet resolved; the checker does that).
public indirect enum StatementKind: Hashable, Sendable {
    // MARK: Set-up
    /// `seed N`
    case seed(Expr)
    /// `data EXPR [noise S] on [A, B] [samples N] [grid]`, `data [E1, E2] … on [A, B] x [C, D] …`
    case data(DataSyntax)
    /// `data spiral [classes K] [noise S] [samples N]` (and circles, xor, blobs, moons)
    case dataSet(DataSetSyntax)
    /// `data csv "points.csv" [target NAME {, NAME}]`
    case dataCSV(StringLiteral, targets: [Identifier])
    /// `holdout on [A, B] [samples N]`, `holdout on [A, B] x [C, D] …` for several inputs
    case holdout(ranges: [RangeSyntax], samples: Expr?)
    /// `holdout csv "test.csv"`: rows with the training table's columns, never trained on
    case holdoutCSV(StringLiteral)
    /// `normalize`: standardise the network's inputs with the training rows' mean and std
    case normalize
    /// `features E1, E2, …`: the network's inputs as expressions of the raw ones
    case features([Expr])
    /// `let NAME = EXPR`
    case letBinding(name: Identifier, value: Expr)
    /// `input N`
    case input(Expr)
    /// `layer N ACT [init=NAME] [bias=false]`
    case layer(LayerSyntax)
    /// `output [N] ACT [init=NAME] [bias=false]`
    case output(OutputSyntax)
    /// `activation NAME(x) = EXPR`
    case activationDefinition(name: Identifier, parameter: Identifier, body: Expr)
    /// `insert layer K N ACT …`
    case insertLayer(index: Expr, layer: LayerSyntax)
    /// `remove layer K`
    case removeLayer(index: Expr)
    /// `replace layer K N ACT …`
    case replaceLayer(index: Expr, layer: LayerSyntax)
    /// `loss NAME [key=value …]`
    case loss(ConfiguredName)
    /// `optimizer NAME [key=value …]`
    case optimizer(ConfiguredName)
    /// `schedule NAME [key=value …]`
    case schedule(ConfiguredName)
    /// `init NAME`
    case initScheme(Identifier)
    /// `batch N` or `batch full` (nil)
    case batch(Expr?)

    // MARK: Actions
    /// `train N [iterations|epochs]`
    case train(count: Expr, unit: Identifier?)
    /// `report`
    case report
    /// `plot [fit|loss] ["file.svg"]`
    case plot(kind: Identifier?, file: StringLiteral?)
    /// `expect [STATISTIC] METRIC OP VALUE` (VALUE is a number expression or another metric's name). With a
    /// statistic (`all`, `median`, …) it is an expectation over a sweep's trials, checked once they have all run.
    case expect(statistic: Identifier?, metric: Identifier, comparison: ComparisonSyntax, value: Expr)
    /// `predict X [, X …]` or `predict (X1, X2) [, (X1, X2) …]`: one list of coordinates per point
    case predict([[Expr]])
    /// `predict csv "new.csv" "predictions.csv"`: one row out per row in
    case predictCSV(input: StringLiteral, output: StringLiteral)
    /// `predict on [A, B] [samples N] ["file.csv"]`
    case predictRange(range: RangeSyntax, samples: Expr?, file: StringLiteral?)
    /// `save "file"`
    case save(StringLiteral)
    /// `load "file"`
    case load(StringLiteral)
    /// `export onnx|pytorch "file"`
    case export(format: Identifier, file: StringLiteral)
    /// `print EXPR`
    case print(Expr)
    /// `compare KIND ALT | ALT …`
    case compare(kind: Identifier, alternatives: [CompareAlternative])
    /// `sweep AXIS VALUE {, VALUE}`: one axis of a grid of trials (Sweep/).
    case sweep(SweepSyntax)

    // MARK: REPL
    /// `:name [argument]`
    case meta(name: Identifier, argument: MetaArgument?)
}

/// A name as written, with its range (for "did you mean" fix-its).
public struct Identifier: Hashable, Sendable {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A string literal's decoded text and the range of the whole literal, quotes included.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var range: SourceRange

    public init(_ value: String, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// `[low, high]`.
public struct RangeSyntax: Hashable, Sendable {
    public var low: Expr
    public var high: Expr
    public var range: SourceRange

    public init(low: Expr, high: Expr, range: SourceRange) {
        self.low = low
        self.high = high
        self.range = range
    }
}

/// `key=value`. The value is an expression; a bare name (`init=randn`, `bias=false`) is a variable expression
/// that the checker reads as a name.
public struct OptionSyntax: Hashable, Sendable {
    public var name: Identifier
    public var value: Expr
    public var range: SourceRange

    public init(name: Identifier, value: Expr, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// A name followed by options: `adam lr=1e-2`, `huber delta=0.5`, `step every=100 gamma=0.5`.
public struct ConfiguredName: Hashable, Sendable {
    public var name: Identifier
    public var options: [OptionSyntax]

    public init(name: Identifier, options: [OptionSyntax]) {
        self.name = name
        self.options = options
    }
}

/// An activation as written: `tanh`, `leaky_relu(0.1)`, `sin(30)`, or a user-defined name.
public struct ActivationSyntax: Hashable, Sendable {
    public var name: Identifier
    public var argument: Expr?
    public var range: SourceRange

    public init(name: Identifier, argument: Expr?, range: SourceRange) {
        self.name = name
        self.argument = argument
        self.range = range
    }
}

/// The body of `layer`, `insert layer K …` and `replace layer K …`: `N ACT [options]`.
public struct LayerSyntax: Hashable, Sendable {
    public var size: Expr
    public var activation: ActivationSyntax
    public var options: [OptionSyntax]
    public var range: SourceRange

    public init(size: Expr, activation: ActivationSyntax, options: [OptionSyntax], range: SourceRange) {
        self.size = size
        self.activation = activation
        self.options = options
        self.range = range
    }
}

/// `output [N] ACT [options]`.
public struct OutputSyntax: Hashable, Sendable {
    public var size: Expr?
    public var activation: ActivationSyntax
    public var options: [OptionSyntax]

    public init(size: Expr?, activation: ActivationSyntax, options: [OptionSyntax]) {
        self.size = size
        self.activation = activation
        self.options = options
    }
}

/// `data EXPR [noise S] on [A, B] [samples N] [grid]`, or `data [E1, E2, …]` for several outputs and
/// `on [A, B] x [C, D] …` for several inputs.
public struct DataSyntax: Hashable, Sendable {
    /// One expression per output.
    public var functions: [Expr]
    /// Written in brackets (`data [sin(x)] …`), which the formatter keeps.
    public var bracketed: Bool
    public var noise: Expr?
    /// One range per input.
    public var ranges: [RangeSyntax]
    public var samples: Expr?
    public var grid: Bool

    public init(functions: [Expr], bracketed: Bool = false, noise: Expr?, ranges: [RangeSyntax], samples: Expr?,
                grid: Bool) {
        self.functions = functions
        self.bracketed = bracketed
        self.noise = noise
        self.ranges = ranges
        self.samples = samples
        self.grid = grid
    }

    /// The first (in the 1-D form, the only) expression.
    public var function: Expr { functions[0] }
    /// The first (in the 1-D form, the only) range.
    public var range: RangeSyntax { ranges[0] }
}

/// `data NAME [classes K] [noise S] [samples N]`: a built-in classification set.
public struct DataSetSyntax: Hashable, Sendable {
    public var name: Identifier
    public var classes: Expr?
    public var noise: Expr?
    public var samples: Expr?

    public init(name: Identifier, classes: Expr?, noise: Expr?, samples: Expr?) {
        self.name = name
        self.classes = classes
        self.noise = noise
        self.samples = samples
    }
}

/// The comparison operators of `expect`.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case less = "<", lessEqual = "<=", equal = "==", notEqual = "!=", greaterEqual = ">=", greater = ">"

    /// Whether `lhs op rhs` holds.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .less: return lhs < rhs
        case .lessEqual: return lhs <= rhs
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        case .greaterEqual: return lhs >= rhs
        case .greater: return lhs > rhs
        }
    }
}

/// A comparison operator with its range.
public struct ComparisonSyntax: Hashable, Sendable {
    public var op: ComparisonOperator
    public var range: SourceRange

    public init(_ op: ComparisonOperator, range: SourceRange) {
        self.op = op
        self.range = range
    }
}

/// One alternative of `compare`: a head (a name, a name with a parameter such as `sin(30)`, or a number) and
/// options, e.g. `adam lr=1e-2`, `huber delta=0.5`, `32`, `full`.
public struct CompareAlternative: Hashable, Sendable {
    public var head: Expr
    public var options: [OptionSyntax]
    public var range: SourceRange

    public init(head: Expr, options: [OptionSyntax], range: SourceRange) {
        self.head = head
        self.options = options
        self.range = range
    }
}

/// `sweep AXIS VALUE {, VALUE}`: what to vary and the values it takes.
public struct SweepSyntax: Hashable, Sendable {
    /// The axis's name (`seed`, `lr`, `layer`…).
    public var name: Identifier
    /// `layer K PROPERTY`: the layer's position K (nil for other axes).
    public var layer: Expr?
    /// `layer K PROPERTY`: `size` or `activation` (nil for other axes).
    public var property: Identifier?
    /// The values, in order; at least one.
    public var values: [SweepValueSyntax]

    public init(name: Identifier, layer: Expr?, property: Identifier?, values: [SweepValueSyntax]) {
        self.name = name
        self.layer = layer
        self.property = property
        self.values = values
    }

    /// The axis as written: `seed`, `layer 2 size`.
    public var axisRange: SourceRange { property.map { name.range.extended(to: $0.range) } ?? name.range }
}

/// One item of a sweep: a value written like the statement it replaces (`3e-3`, `adam lr=1e-2`, `sin(30)`), or a
/// run of whole numbers `A to B`.
public struct SweepValueSyntax: Hashable, Sendable {
    public var head: Expr
    public var options: [OptionSyntax]
    /// `head to through`: every whole number from head to through.
    public var through: Expr?
    public var range: SourceRange

    public init(head: Expr, options: [OptionSyntax], through: Expr?, range: SourceRange) {
        self.head = head
        self.options = options
        self.through = through
        self.range = range
    }
}

/// The argument of a REPL command, quoted (`:save "my run.nn"`) or not (`:help train`, `:load runs/a.nn`).
public enum MetaArgument: Hashable, Sendable {
    /// Unquoted: the rest of the line as typed, up to a ` #` comment.
    case text(StringLiteral)
    /// A string literal, escapes decoded.
    case string(StringLiteral)

    /// The argument's value and where it is, however it was written.
    public var literal: StringLiteral {
        switch self {
        case .text(let literal), .string(let literal): return literal
        }
    }
}
