/// The recipe being run: the first line of a run's output.
public struct RunHeader: Equatable, Sendable {
    public var file: String
    /// Nil when the recipe sets no seed.
    public var seed: UInt64?

    public init(file: String, seed: UInt64?) {
        self.file = file
        self.seed = seed
    }
}

/// The training data as the `data` line describes it.
public struct DataDescription: Equatable, Sendable {
    /// Where the points come from.
    public enum Source: Equatable, Sendable {
        /// `y = EXPRESSION` (as written in the recipe) plus Gaussian noise of this standard deviation (nil or 0: none).
        case expression(String, noise: Double?)
        /// Points read from a CSV file.
        case csv(String)
        /// A built-in classification set (`spiral (3 classes)`) with its noise.
        case builtin(String, noise: Double)
    }

    public var count: Int
    public var source: Source
    /// The x range of the points.
    public var lower: Double
    public var upper: Double
    /// Evenly spaced (`grid`) rather than uniformly random x.
    public var evenlySpaced: Bool
    /// The inputs, outputs and classes (the 1-D line names none).
    public var shape: DataShape

    public init(count: Int, source: Source, lower: Double, upper: Double, evenlySpaced: Bool = false,
                shape: DataShape = .scalar) {
        self.count = count
        self.source = source
        self.lower = lower
        self.upper = upper
        self.evenlySpaced = evenlySpaced
        self.shape = shape
    }
}

/// One dense layer of the model: its width and activation name (hidden layers and the output layer alike).
public struct LayerOverview: Equatable, Sendable {
    public var units: Int
    public var activation: String

    public init(units: Int, activation: String) {
        self.units = units
        self.activation = activation
    }
}

/// The model as the `model` line describes it.
public struct ModelOverview: Equatable, Sendable {
    public var inputs: Int
    /// Hidden layers, then the output layer.
    public var layers: [LayerOverview]
    public var parameters: Int

    public init(inputs: Int, layers: [LayerOverview], parameters: Int) {
        self.inputs = inputs
        self.layers = layers
        self.parameters = parameters
    }
}

/// The training set-up as the `train` line describes it.
public struct TrainDescription: Equatable, Sendable {
    /// The optimizer's name, e.g. `adam`.
    public var optimizer: String
    /// Options in the order to print them, e.g. `[("lr", 0.01)]`.
    public var options: [Option]
    /// The loss's name, e.g. `mse`.
    public var loss: String
    /// Nil for full batch.
    public var batchSize: Int?
    /// E.g. `cosine warmup=100`; nil for a constant learning rate.
    public var schedule: String?

    public struct Option: Equatable, Sendable {
        public var name: String
        public var value: Double
        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    public init(optimizer: String, options: [Option], loss: String, batchSize: Int? = nil, schedule: String? = nil) {
        self.optimizer = optimizer
        self.options = options
        self.loss = loss
        self.batchSize = batchSize
        self.schedule = schedule
    }

    /// `adam lr=0.01`, the optimizer as a recipe would write it.
    public var optimizerText: String {
        ([optimizer] + options.map { "\($0.name)=\(NumberFormat.short($0.value))" }).joined(separator: " ")
    }
}

/// Where training stands, for the progress bar and the summary line.
public struct TrainingProgress: Equatable, Sendable {
    /// Iterations done so far (of this `train` statement).
    public var iteration: Int
    /// Iterations asked for.
    public var total: Int
    /// The latest loss.
    public var loss: Double
    /// Wall time since this `train` statement started.
    public var elapsedSeconds: Double

    public init(iteration: Int, total: Int, loss: Double, elapsedSeconds: Double) {
        self.iteration = iteration
        self.total = total
        self.loss = loss
        self.elapsedSeconds = elapsedSeconds
    }

    /// Iterations per second so far (nil before any time has passed).
    public var rate: Double? {
        elapsedSeconds > 0 && iteration > 0 ? Double(iteration) / elapsedSeconds : nil
    }

    /// Estimated seconds left at the current rate.
    public var secondsLeft: Double? {
        rate.map { Double(max(0, total - iteration)) / $0 }
    }
}

/// What `report` shows, filled by the interpreter.
public struct RunReport: Equatable, Sendable {
    /// The last training loss (nil before any training).
    public var finalLoss: Double?
    /// Metrics against the noiseless target; nil when there is no target (CSV data).
    public var metrics: FitMetrics?
    public var holdoutMSE: Double?
    /// The loss per iteration, for the sparkline and the "train longer" note.
    public var losses: [Double]
    /// The compact fit plot; nil to leave it out.
    public var plot: FitPlotData?

    public init(
        finalLoss: Double?, metrics: FitMetrics?, holdoutMSE: Double? = nil, losses: [Double] = [],
        plot: FitPlotData? = nil
    ) {
        self.finalLoss = finalLoss
        self.metrics = metrics
        self.holdoutMSE = holdoutMSE
        self.losses = losses
        self.plot = plot
    }
}

/// One checked `expect` statement.
public struct ExpectationOutcome: Equatable, Sendable {
    /// The expectation as written, e.g. `mse < 5e-4`.
    public var text: String
    public var passed: Bool
    /// What was actually found, shown when it failed, e.g. `mse = 1.2e-3`.
    public var actual: String?

    public init(text: String, passed: Bool, actual: String? = nil) {
        self.text = text
        self.passed = passed
        self.actual = actual
    }

    /// An outcome whose actual value is one metric: `actual` reads `metric = value`.
    public init(text: String, passed: Bool, metric: String, value: Double) {
        self.init(text: text, passed: passed, actual: "\(metric) = \(NumberFormat.short(value))")
    }
}

/// One variant in a comparison: its name and its metrics by name (missing metrics print as `–`).
public struct ComparisonRow: Equatable, Sendable {
    public var name: String
    public var values: [String: Double]

    public init(name: String, values: [String: Double]) {
        self.name = name
        self.values = values
    }
}
