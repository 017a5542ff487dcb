/// A statement whose names are resolved and whose numbers are evaluated and validated: what the interpreter runs.
public struct CheckedStatement: Hashable, Sendable {
    /// What to do.
    public var kind: Kind
    /// The statement's source range (for runtime diagnostics).
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Every statement form, resolved.
    public indirect enum Kind: Hashable, Sendable {
        // MARK: Set-up
        case seed(UInt64)
        case data(DataSpec)
        /// A built-in classification set; nil noise: the set's default.
        case dataSet(ClassificationKind, noise: Double?, samples: Int)
        /// `data csv "f.csv" [target A, B]`: no targets named means the last column.
        case dataCSV(path: String, targets: [Identifier])
        /// `holdout on [A, B] [x [C, D] …] samples N`: points of the noiseless target, one range per input.
        case holdout([Interval], samples: Int)
        /// `holdout csv "test.csv"`: rows with the training table's columns.
        case holdoutCSV(path: String)
        case normalize
        case features(FeatureSpec)
        case letBinding(name: String, value: Double)
        case input(Int)
        case layer(LayerSpec)
        case output(OutputSpec)
        case activationDefinition(name: String, function: CustomFunction)
        /// Insert before hidden layer `index` (1-based; `count + 1` appends).
        case insertLayer(index: Int, layer: LayerSpec)
        case removeLayer(index: Int)
        case replaceLayer(index: Int, layer: LayerSpec)
        case loss(LossSpec)
        case optimizer(OptimizerSpec)
        case schedule(ScheduleSpec)
        case initScheme(InitScheme)
        /// nil: full batch.
        case batch(Int?)

        // MARK: Actions
        case train(count: Int, unit: TrainUnit)
        case report
        case plot(PlotKind, file: String?)
        case expect(Expectation)
        /// Points of one or more inputs each: `predict 0.5, 1` (one input) or `predict (0.5, 1.2), (1, -2)`.
        case predict([[Double]])
        case predictRange(Interval, samples: Int, file: String?)
        /// `predict csv "new.csv" "predictions.csv"`.
        case predictCSV(input: String, output: String)
        case save(path: String)
        case load(path: String)
        case export(ExportFormat, path: String)
        case print(Expr, value: Double)
        case compare(CompareVariants)

        // MARK: REPL
        case meta(MetaCommand, argument: String?)
    }
}

/// A closed interval `[low, high]` with `low < high`.
public struct Interval: Hashable, Sendable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// `data EXPR noise S on [A, B] samples N [grid]` (or `data [E1, E2] … on [A, B] x [C, D]`), with defaults
/// filled in: one target expression per output, one range per input.
public struct DataSpec: Hashable, Sendable {
    /// The target expressions, one per output, of the inputs `x1 … xk` (`x` is `x1`).
    public var outputs: [Expr]
    /// The constants and custom functions the expressions may use, as they were when the statement was checked.
    public var environment: ExprEnvironment
    /// Standard deviation of the Gaussian noise (0 when not given).
    public var noise: Double
    /// One range per input.
    public var intervals: [Interval]
    public var samples: Int
    /// Evenly spaced points instead of uniform random ones (one input only).
    public var grid: Bool

    public init(outputs: [Expr], environment: ExprEnvironment, noise: Double, intervals: [Interval], samples: Int,
                grid: Bool) {
        self.outputs = outputs
        self.environment = environment
        self.noise = noise
        self.intervals = intervals
        self.samples = samples
        self.grid = grid
    }

    /// One expression of `x` over one range: the 1-D form.
    public init(function: Expr, environment: ExprEnvironment, noise: Double, interval: Interval, samples: Int,
                grid: Bool) {
        self.init(outputs: [function], environment: environment, noise: noise, intervals: [interval],
                  samples: samples, grid: grid)
    }

    /// The first target expression (the only one in the 1-D form).
    public var function: Expr { outputs[0] }
    /// The first input's range (the only one in the 1-D form).
    public var interval: Interval { intervals[0] }

    /// The shape of the rows it generates.
    public var shape: DataShape {
        DataShape(inputNames: DataShape.variables(intervals.count), outputNames: DataShape.outputs(outputs.count))
    }

    /// The first output's noiseless target at `x` (the 1-D form's target).
    public func target(at x: Double) -> Double {
        ExprEvaluator.evaluate(function, x: x, environment: environment)
    }

    /// Output `output`'s noiseless target at the point `inputs`.
    public func target(_ output: Int, at inputs: [Double]) -> Double {
        ExprEvaluator.evaluate(outputs[output], inputs: inputs, environment: environment)
    }
}

/// An activation: a built-in (with its parameter when one was given) or a custom one by name.
public enum ActivationSpec: Hashable, Sendable {
    /// nil parameter: the activation's default (`Activation.defaultParameter`).
    case builtin(Activation, parameter: Double?)
    /// Defined by an earlier `activation NAME(x) = …` statement.
    case custom(String)

    /// How a recipe spells it: `tanh`, `sin(30)`, `bump`.
    public var description: String {
        switch self {
        case .builtin(let activation, let parameter?): return "\(activation.rawValue)(\(Diagnostic.format(parameter)))"
        case .builtin(let activation, nil): return activation.rawValue
        case .custom(let name): return name
        }
    }
}

/// A hidden dense layer.
public struct LayerSpec: Hashable, Sendable {
    public var size: Int
    public var activation: ActivationSpec
    /// nil: the session's `init` scheme.
    public var initScheme: InitScheme?
    public var bias: Bool

    public init(size: Int, activation: ActivationSpec, initScheme: InitScheme? = nil, bias: Bool = true) {
        self.size = size
        self.activation = activation
        self.initScheme = initScheme
        self.bias = bias
    }
}

/// The output layer.
public struct OutputSpec: Hashable, Sendable {
    /// nil: inferred from the data.
    public var size: Int?
    public var activation: ActivationSpec
    public var initScheme: InitScheme?
    public var bias: Bool

    public init(size: Int?, activation: ActivationSpec, initScheme: InitScheme? = nil, bias: Bool = true) {
        self.size = size
        self.activation = activation
        self.initScheme = initScheme
        self.bias = bias
    }
}

/// A loss; `delta` only for huber (nil: its default, 1).
public struct LossSpec: Hashable, Sendable {
    public var kind: LossKind
    public var delta: Double?

    public init(kind: LossKind, delta: Double? = nil) {
        self.kind = kind
        self.delta = delta
    }
}

/// An optimizer with exactly the options the recipe gave (validated); the runtime supplies the rest.
public struct OptimizerSpec: Hashable, Sendable {
    public var kind: OptimizerKind
    public var options: [OptimizerOption: Double]

    public init(kind: OptimizerKind, options: [OptimizerOption: Double] = [:]) {
        self.kind = kind
        self.options = options
    }
}

/// A learning-rate schedule with its values resolved (defaults: step gamma 0.1, cosine min_lr 0, warmup 0).
public struct ScheduleSpec: Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
        case constant
        /// Multiply by `gamma` every `every` steps.
        case step(every: Int, gamma: Double)
        /// Multiply by `gamma` every step.
        case exponential(gamma: Double)
        /// Cosine from the base rate down to `minLR` over the training run.
        case cosine(minLR: Double)
    }

    public var shape: Shape
    /// Steps of linear warm-up from 0 to the base rate.
    public var warmup: Int
    /// A fixed horizon for the schedules that have one (cosine, `total=N`): the optimizer steps, warm-up included,
    /// over which the rate falls, whatever the `train` statements add up to. Nil: the horizon is the optimizer's
    /// steps so far plus the current `train`'s, so a run split over several statements (or a save and a load)
    /// differs from one `train` of the sum.
    public var total: Int?

    public init(shape: Shape, warmup: Int = 0, total: Int? = nil) {
        self.shape = shape
        self.warmup = warmup
        self.total = total
    }
}

/// `expect METRIC OP VALUE`.
public struct Expectation: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case number(Double)
        case metric(Metric)

        /// The other metric compared with, when the value is one.
        public var metric: Metric? {
            if case .metric(let metric) = self { return metric }
            return nil
        }
    }

    public var metric: Metric
    public var comparison: ComparisonOperator
    public var value: Value


    public init(metric: Metric, comparison: ComparisonOperator, value: Value) {
        self.metric = metric
        self.comparison = comparison
        self.value = value
    }
}

/// `compare KIND ALT | ALT …`: the variants to train, one per alternative.
public enum CompareVariants: Hashable, Sendable {
    case optimizer([OptimizerSpec])
    case loss([LossSpec])
    case initScheme([InitScheme])
    case schedule([ScheduleSpec])
    /// nil: full batch.
    case batch([Int?])
    case output([ActivationSpec])
    /// The activation of every hidden layer.
    case layers([ActivationSpec])

    /// How many variants.
    public var count: Int {
        switch self {
        case .optimizer(let v): return v.count
        case .loss(let v): return v.count
        case .initScheme(let v): return v.count
        case .schedule(let v): return v.count
        case .batch(let v): return v.count
        case .output(let v): return v.count
        case .layers(let v): return v.count
        }
    }
}
