// TODO(lead): replace with NNScript.Vocabulary — the front end's list of every known name (branch `front`,
// Sources/NNScript/Semantics/) is the source of truth; these lists copy LANGUAGE.md until it lands.

/// The built-in names tab completion offers, grouped by where they may appear.
public enum CompletionVocabulary {
    /// Words that may start a statement.
    public static let statements = [
        "seed", "data", "holdout", "let", "input", "layer", "output", "activation", "insert", "remove", "replace",
        "loss", "optimizer", "schedule", "init", "batch",
        "train", "report", "plot", "expect", "predict", "save", "load", "export", "print",
    ]

    /// Activation functions usable after `layer N` and `output`.
    public static let activations = [
        "linear", "tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu", "softplus", "sin", "swish",
    ]

    /// Optimizer names after `optimizer`.
    public static let optimizers = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"]

    /// Option keys an optimizer accepts, completed with their `=`.
    public static let optimizerOptions = ["lr", "momentum", "beta1", "beta2", "eps", "alpha", "weight_decay", "clip"]

    /// Loss names after `loss`.
    public static let losses = ["mse", "sse", "l1", "huber"]

    /// Option keys per loss.
    public static let lossOptions = ["huber": ["delta"]]

    /// Learning-rate schedules after `schedule`.
    public static let schedules = ["constant", "step", "exponential", "cosine"]

    /// Option keys per schedule; `warmup` is accepted by every schedule.
    public static let scheduleOptions = [
        "constant": ["warmup"],
        "step": ["every", "gamma", "warmup"],
        "exponential": ["gamma", "warmup"],
        "cosine": ["min_lr", "warmup"],
    ]

    /// Weight initialisation schemes after `init` and `init=`.
    public static let initSchemes = ["default", "randn", "xavier", "xavier_normal", "he", "he_normal", "lecun", "siren"]

    /// Option keys of `layer N ACT`.
    public static let layerOptions = ["init", "bias"]

    /// Metrics after `expect`.
    public static let metrics = [
        "loss", "mse", "max_error", "extrema", "target_extrema", "holdout_mse", "parameters",
    ]

    /// Functions and constants of expressions (in `data`, `let`, `print`, `activation`).
    public static let expressionNames = [
        "x", "pi", "e", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "log2",
        "log10", "sqrt", "abs", "sign", "floor", "ceil", "sigmoid", "relu", "min", "max", "pow",
    ]

    /// Words that follow a statement's keyword, keyed by that keyword, beside its other arguments.
    public static let statementWords: [String: [String]] = [
        "data": ["csv", "noise", "on", "samples", "grid"],
        "holdout": ["on", "samples"],
        "insert": ["layer"],
        "remove": ["layer"],
        "replace": ["layer"],
        "train": ["iterations", "epochs"],
        "plot": ["fit", "loss"],
        "export": ["onnx", "pytorch"],
        "batch": ["full"],
    ]

    /// Values of boolean options such as `bias=`.
    public static let booleans = ["true", "false"]
}
