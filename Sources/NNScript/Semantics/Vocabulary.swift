/// Every name the language knows, in one place: for the checker's "did you mean", the REPL's tab completion,
/// `:help`, and the test that holds the grammar to the parser.
public enum Vocabulary {
    /// Words that start a statement.
    public static let statements: [String] = Keyword.statementKeywords.map(\.rawValue)
    /// Every word the grammar quotes: statement keywords and contextual ones (`noise`, `on`, `samples`…).
    public static let keywords: [String] = Keyword.allCases.map(\.rawValue)
    /// Built-in activations, with how many parameters each accepts (0 or 1, always optional).
    public static let activations: [(name: String, parameters: Int)] = Activation.allCases.map {
        ($0.rawValue, $0.parameterName == nil ? 0 : 1)
    }
    /// Optimizers with the options each accepts.
    public static let optimizers: [(name: String, options: [String])] = OptimizerKind.allCases.map {
        ($0.rawValue, $0.allowedOptions.map(\.rawValue))
    }
    /// Losses with their options.
    public static let losses: [(name: String, options: [String])] = LossKind.allCases.map {
        ($0.rawValue, $0 == .huber ? ["delta"] : [])
    }
    /// Schedules with their options (`warmup` is accepted by all).
    public static let schedules: [(name: String, options: [String])] = ScheduleKind.allCases.map {
        ($0.rawValue, $0.allowedOptions + ["warmup"])
    }
    /// Weight initialisation schemes.
    public static let initSchemes: [String] = InitScheme.allCases.map(\.rawValue)
    /// Metrics of `report` and `expect`.
    public static let metrics: [String] = Metric.allCases.map(\.rawValue)
    /// Options of `layer`, `output`, `insert layer`, `replace layer`.
    public static let layerOptions: [String] = ["init", "bias"]
    /// Expression functions with their arity.
    public static let functions: [(name: String, arity: Int)] = ExprFunction.allCases.map { ($0.rawValue, $0.arity) }
    /// Expression constants.
    public static let constants: [String] = ExprConstants.values.keys.sorted()
    /// The built-in classification sets of `data NAME`.
    public static let dataSets: [String] = ["spiral", "circles", "xor", "blobs", "moons"]
    /// The input variable of `data` expressions.
    public static let inputVariable = "x"
    /// `train N iterations|epochs`.
    public static let trainUnits: [String] = TrainUnit.allCases.map(\.rawValue)
    /// `plot fit|loss`.
    public static let plotKinds: [String] = PlotKind.allCases.map(\.rawValue)
    /// `export onnx|pytorch`.
    public static let exportFormats: [String] = ExportFormat.allCases.map(\.rawValue)
    /// What `compare` can vary.
    public static let compareKinds: [String] = CompareKind.allCases.map(\.rawValue)
    /// REPL commands, without the colon.
    public static let metaCommands: [String] = MetaCommand.allCases.map(\.rawValue)

    /// Every word a user may type, for tab completion.
    public static var allWords: [String] {
        var words = Set(keywords + initSchemes + metrics + layerOptions + constants + trainUnits + plotKinds)
        words.formUnion(activations.map(\.name) + optimizers.flatMap { [$0.name] + $0.options })
        words.formUnion(losses.flatMap { [$0.name] + $0.options } + schedules.flatMap { [$0.name] + $0.options })
        words.formUnion(functions.map(\.name) + exportFormats + compareKinds + dataSets
            + ["true", "false", inputVariable])
        return words.sorted()
    }
}

/// The bounds the checker enforces on counts and sizes, so no later stage meets an absurd number.
public enum Limits {
    public static let layerSize = 1...65_536
    public static let inputSize = 1...4_096
    /// Hidden layers in one model: far deeper than anything that trains, and small enough that each stage (the
    /// checker, the memory estimate, the graph compiler) stays well within a second.
    public static let hiddenLayers = 10_000
    public static let samples = 1...10_000_000
    /// The data's inputs (a table's input columns, an expression's variables): as many as `input N` allows.
    public static let dataInputs = inputSize.upperBound
    /// The data's numeric targets (a table's target columns, a bracketed list's expressions).
    public static let dataOutputs = 4_096
    /// The classes of a label column, one logit each: far more than any classification table has, so that naming
    /// an identifier or free-text column as the target is an error rather than a network of a million outputs.
    public static let classes = 1_000
    /// A table's rows, as many as generated data may have (`samples`); the CSV reader stops past it.
    public static let tableRows = samples.upperBound
    public static let trainCount = 1...100_000_000
    public static let batchSize = 1...10_000_000
    public static let scheduleSteps = 1...100_000_000
    public static let warmup = 0...100_000_000
    public static let predictPoints = 1...1_000_000
    /// Operations in an expression once every custom activation it calls is expanded, as evaluation and the
    /// graph compiler expand them: without it, a few lines that each call the previous activation twice grow
    /// geometrically and hang the checker.
    public static let expandedExpressionSize = 10_000
    /// The largest magnitude of a data range's ends and of the noise: x and y reach the network as Float32
    /// (largest about 3.4e38), and 1e37 leaves room for a noise draw of several standard deviations.
    public static let dataMagnitude = 1e37
    /// How a message states `dataMagnitude`.
    public static let dataMagnitudeRequirement = "at most 1e37 in magnitude (the network computes in Float32)"
    /// Seeds are whole numbers exactly representable in a Double.
    public static let seed = 0...(1 << 53)
}

/// Values the checker fills in when a statement leaves them out.
public enum Defaults {
    public static let dataSamples = 1_000
    public static let holdoutSamples = 200
    public static let predictSamples = 101
    public static let noise = 0.0
    public static let stepGamma = 0.1
    public static let cosineMinimumRate = 0.0
}
