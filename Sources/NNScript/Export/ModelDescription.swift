// MARK: - Model description

/// A trained network as the exporters see it: a stack of dense layers, each `y = act(x·W + b)`.
///
/// The interpreter fills it from the live session; the exporters, the checkpoint's architecture signature and the
/// reference evaluator (`predict`) read only this, so they are independent of the runtime's graph.
public struct ModelDescription: Equatable, Sendable {
    /// The network's inputs per row: the first layer's width (the number of features when there are features).
    public var inputSize: Int
    /// `features E1, E2, …`: the network's inputs as expressions of the raw input columns (`.column(i)`), which the
    /// exported models compute first; nil when the raw inputs feed the network directly.
    public var features: [ExportExpr]?
    /// The layers in order, hidden ones first, the output layer last.
    public var layers: [LayerDescription]
    /// What the inputs and outputs are called, and the class names when the outputs are one logit per class: the
    /// exported files carry them so their users know which column is which.
    public var shape: DataShape

    /// A model whose inputs and outputs are named as generated data names them (`x` or `x1 … xk`, `y` or
    /// `y1 … ym`) unless `shape` says otherwise; with `features`, `shape` names the raw inputs the features read.
    public init(inputSize: Int, layers: [LayerDescription], shape: DataShape? = nil, features: [ExportExpr]? = nil) {
        self.inputSize = inputSize
        self.layers = layers
        self.features = features
        let rawInputs = features.map { $0.flatMap(\.columns).max().map { $0 + 1 } ?? 1 } ?? inputSize
        self.shape = shape ?? DataShape(inputNames: DataShape.variables(rawInputs),
                                        outputNames: DataShape.outputs(layers.last?.outputs ?? inputSize))
    }

    /// The values per row the exported model takes: the raw inputs (as many as `shape` names) when there are
    /// features, else `inputSize`.
    public var rawInputSize: Int { features == nil ? inputSize : shape.inputCount }

    /// Features per output row (the last layer's width), or `inputSize` for an empty stack.
    public var outputSize: Int { layers.last?.outputs ?? inputSize }

    /// A one-line summary such as `1 → 32 tanh → 1 linear`, or `2 → 5 features → 16 tanh → 3 linear`.
    public var summary: String {
        let front = features.map { [String(rawInputSize), "\($0.count) features"] } ?? [String(inputSize)]
        return (front + layers.map { "\($0.outputs) \($0.activation.signature)" }).joined(separator: " → ")
    }
}

/// One dense layer: `y = act(x·W + b)` with `W` row-major `[inputs × outputs]`.
public struct LayerDescription: Equatable, Sendable {
    public var inputs: Int
    public var outputs: Int
    /// Row-major `[inputs × outputs]`: element `(i, j)` at `i * outputs + j` multiplies input `i` into output `j`.
    public var weight: [Float]
    /// `outputs` values, or nil for a layer declared `bias=false`.
    public var bias: [Float]?
    public var activation: ExportActivation

    public init(inputs: Int, outputs: Int, weight: [Float], bias: [Float]?, activation: ExportActivation) {
        self.inputs = inputs
        self.outputs = outputs
        self.weight = weight
        self.bias = bias
        self.activation = activation
    }
}

// MARK: - Activations

/// A layer's activation: one of the language's built-ins or a user-defined `activation NAME(x) = EXPR`.
public enum ExportActivation: Equatable, Sendable {
    /// `linear tanh sigmoid relu leaky_relu elu gelu softplus sin swish`; `parameter` is `a` for leaky_relu (default
    /// 0.01) and elu (default 1), `w0` for sin (`sin(w0·x)`, default 1), and nil otherwise.
    case builtin(name: String, parameter: Double?)
    /// A user-defined activation; `body` uses `.input` for its argument and has every `let` name substituted.
    case custom(name: String, body: ExportExpr)

    /// The built-in activation names, as the language spells them.
    public static let builtinNames: Set<String> = [
        "linear", "tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu", "softplus", "sin", "swish",
    ]

    /// The parameter a built-in uses when the recipe gives none.
    public static func defaultParameter(of name: String) -> Double? {
        switch name {
        case "leaky_relu": return 0.01
        case "elu": return 1
        case "sin": return 1
        default: return nil
        }
    }

    /// The canonical text used in summaries and checkpoint signatures: `tanh`, `leaky_relu(0.2)`, `sin(30.0)`,
    /// `bump(x) = exp(-(x ^ 2.0))`. A parameter equal to the default is left out, so `sin(1)` and `sin` agree.
    public var signature: String {
        switch self {
        case .builtin(let name, let parameter?) where parameter != Self.defaultParameter(of: name):
            return "\(name)(\(parameter))"
        case .builtin(let name, _):
            return name
        case .custom(let name, let body):
            return "\(name)(x) = \(body)"
        }
    }
}

// MARK: - Validation

/// Why a model description cannot be exported.
public struct ExportError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "cannot export: \(message)" }
}

extension ModelDescription {
    /// Checks that sizes chain, every buffer has the right length, and every activation and function is known.
    public func validate() throws {
        guard inputSize > 0 else { throw ExportError("the input size is \(inputSize)") }
        guard !layers.isEmpty else { throw ExportError("the model has no layers") }
        var width = inputSize
        for (index, layer) in layers.enumerated() {
            let label = "layer \(index + 1)"
            guard layer.inputs == width else {
                throw ExportError("\(label) takes \(layer.inputs) inputs but receives \(width)")
            }
            guard layer.outputs > 0 else { throw ExportError("\(label) has \(layer.outputs) outputs") }
            let (product, overflow) = layer.inputs.multipliedReportingOverflow(by: layer.outputs)
            guard !overflow, layer.weight.count == product else {
                throw ExportError(
                    "\(label) has \(layer.weight.count) weights, expected \(layer.inputs) × \(layer.outputs)")
            }
            if let bias = layer.bias, bias.count != layer.outputs {
                throw ExportError("\(label) has \(bias.count) biases, expected \(layer.outputs)")
            }
            try layer.activation.validate(label: label)
            width = layer.outputs
        }
        if let features {
            guard features.count == inputSize else {
                throw ExportError("\(features.count) features for \(inputSize) network inputs")
            }
            for (index, feature) in features.enumerated() {
                try feature.validate(in: "feature \(index + 1)")
                if let column = feature.columns.last, column >= shape.inputCount || feature.columns[0] < 0 {
                    throw ExportError("feature \(index + 1) reads input column \(column + 1) of \(shape.inputCount)")
                }
            }
        } else {
            guard shape.inputCount == inputSize else {
                throw ExportError("\(shape.inputCount) input names for \(inputSize) inputs")
            }
        }
        guard shape.networkOutputs == outputSize else {
            let what = shape.classes == nil ? "output names" : "classes"
            throw ExportError("\(shape.networkOutputs) \(what) for \(outputSize) outputs")
        }
    }
}

extension ExportActivation {
    func validate(label: String) throws {
        switch self {
        case .builtin(let name, let parameter):
            guard Self.builtinNames.contains(name) else {
                throw ExportError("\(label) uses the unknown activation \"\(name)\"")
            }
            if let parameter, !parameter.isFinite {
                throw ExportError("\(label): \(name)'s parameter is \(parameter)")
            }
            if parameter != nil, Self.defaultParameter(of: name) == nil {
                throw ExportError("\(label): \(name) takes no parameter")
            }
        case .custom(let name, let body):
            guard !name.isEmpty else { throw ExportError("\(label) has a custom activation without a name") }
            try body.validate(in: "\(label)'s activation \(name)")
        }
    }
}
