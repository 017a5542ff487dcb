// MARK: - ONNX export

/// Writes a `ModelDescription` as an ONNX model that onnxruntime, Netron and converters read.
///
/// The model has one input `x` (float, `[N, rawInputSize]`, `N` symbolic) and one output `y` (float,
/// `[N, outputSize]`); a classifier's `y` holds one logit per class, and a second output `probabilities` their
/// softmax. The metadata properties `nnscript.inputs`, `nnscript.outputs` and (for classes) `nnscript.classes`
/// name the columns of `x` and `y` as JSON arrays of strings. A model with features computes them first (each
/// column of `x` it reads taken out by a Gather, each feature's expression as ONNX ops, the features joined by a
/// Concat), so its users feed raw values. Each layer is a Gemm (or a MatMul when it has no bias) followed by its
/// activation as ONNX ops. The opset is 17 (IR version 8): new enough for every op used and old enough for most
/// tools; GELU has no op of its own before opset 20, so it is written with Erf, which also is its exact definition.
public enum ONNXExporter {
    /// The ONNX operator set the exported models import.
    public static let opsetVersion = 17
    /// The ONNX IR version matching opset 17.
    public static let irVersion = 8

    /// The encoded ModelProto for `model`; `producer` names the program, e.g. "nnscript".
    public static func export(_ model: ModelDescription, producer: String) throws -> [UInt8] {
        try model.validate()
        var graph = ONNXGraph()
        var current = model.features.map { emitFeatures($0, input: "x", into: &graph) } ?? "x"
        for (index, layer) in model.layers.enumerated() {
            let prefix = "layer\(index + 1)"
            graph.scope = prefix + "/"
            graph.initializer("\(prefix).weight", dims: [layer.inputs, layer.outputs], values: layer.weight)
            let linear: String
            if let bias = layer.bias {
                graph.initializer("\(prefix).bias", dims: [layer.outputs], values: bias)
                linear = graph.node("Gemm", [current, "\(prefix).weight", "\(prefix).bias"])
            } else {
                linear = graph.node("MatMul", [current, "\(prefix).weight"])
            }
            current = emitActivation(layer.activation, input: linear, into: &graph)
        }
        graph.bind(current, to: "y")
        let rows: [ONNXGraph.Dimension] = [.symbolic("N"), .fixed(model.outputSize)]
        var outputs = [("y", rows)]
        if model.shape.isClassification {
            // Softmax over the last axis (opset 13 on): one probability per class, each row summing to 1.
            graph.scope = "classes/"
            graph.bind(graph.node("Softmax", ["y"]), to: "probabilities")
            outputs.append(("probabilities", rows))
        }
        return graph.encodeModel(
            graphName: "nnscript_model", producer: producer, producerVersion: NNScriptInfo.version,
            docString: model.summary + " (" + model.shape.summary + ")", opset: opsetVersion, irVersion: irVersion,
            input: ("x", [.symbolic("N"), .fixed(model.rawInputSize)]), outputs: outputs,
            metadata: metadata(model.shape))
    }

    /// The column names as metadata properties, each a JSON array of strings.
    static func metadata(_ shape: DataShape) -> [(key: String, value: String)] {
        var entries = [(key: "nnscript.inputs", value: JSONText.stringArray(shape.inputNames)),
                       (key: "nnscript.outputs", value: JSONText.stringArray(shape.outputNames))]
        if let classes = shape.classes {
            entries.append((key: "nnscript.classes", value: JSONText.stringArray(classes)))
        }
        return entries
    }

    /// Exports `model` to the file at `path`, atomically.
    public static func write(_ model: ModelDescription, producer: String, to path: String) throws {
        try AtomicFile.write(export(model, producer: producer), to: path)
    }

    // MARK: - Features

    /// Emits the features of the raw rows `x` (`[N, k]`) and returns the name of their `[N, features]` matrix.
    static func emitFeatures(_ features: [ExportExpr], input x: String, into graph: inout ONNXGraph) -> String {
        graph.scope = "features/"
        let axis = ONNXGraph.Attribute(name: "axis", int: 1)
        var columns: [Int: String] = [:]
        for index in Set(features.flatMap(\.columns) + [0]).sorted() {
            // Gather with the indices [index] keeps the axis: column `index` as an [N, 1] matrix.
            columns[index] = graph.node("Gather", [x, graph.indices([index])], attributes: [axis])
        }
        let values = features.map { feature in
            // A constant feature is broadcast to one column's shape, [N, 1].
            guard let value = feature.constantValue else {
                return emit(feature, input: x, columns: columns, into: &graph)
            }
            return graph.node("Expand", [graph.constant(value), graph.node("Shape", [columns[0, default: x]])])
        }
        return graph.node("Concat", values, attributes: [axis])
    }

    // MARK: - Activations

    /// Emits `activation(input)` and returns the name of its result.
    static func emitActivation(_ activation: ExportActivation, input z: String, into graph: inout ONNXGraph) -> String {
        switch activation {
        case .custom(_, let body):
            return emitCustom(body, input: z, into: &graph)
        case .builtin(let name, let parameter):
            let a = parameter ?? ExportActivation.defaultParameter(of: name) ?? 0
            switch name {
            case "tanh": return graph.node("Tanh", [z])
            case "sigmoid": return graph.node("Sigmoid", [z])
            case "relu": return graph.node("Relu", [z])
            case "leaky_relu": return graph.node("LeakyRelu", [z], attributes: [.init(name: "alpha", float: Float(a))])
            case "elu": return graph.node("Elu", [z], attributes: [.init(name: "alpha", float: Float(a))])
            case "gelu":
                // 0.5·z·(1 + erf(z/√2)), the exact GELU that PyTorch's default computes.
                let erf = graph.node("Erf", [graph.node("Div", [z, graph.constant(2.0.squareRoot())])])
                let half = graph.node("Mul", [z, graph.constant(0.5)])
                return graph.node("Mul", [half, graph.node("Add", [erf, graph.constant(1)])])
            case "softplus":
                // PyTorch returns z itself above the threshold; ONNX's Softplus has no threshold.
                let above = graph.node("Greater", [z, graph.constant(ExportActivation.softplusThreshold)])
                return graph.node("Where", [above, z, graph.node("Softplus", [z])])
            case "sin":
                return graph.node("Sin", [a == 1 ? z : graph.node("Mul", [z, graph.constant(a)])])
            case "swish":
                return graph.node("Mul", [z, graph.node("Sigmoid", [z])])
            default:  // "linear"; validate() has rejected every other name
                return z
            }
        }
    }

    /// Emits a user-defined activation's body with `.input` bound to `z`. A body that ignores its input is
    /// broadcast to `z`'s shape, so the layer's output keeps its `[N, outputs]` shape.
    static func emitCustom(_ body: ExportExpr, input z: String, into graph: inout ONNXGraph) -> String {
        if let value = body.constantValue {
            return graph.node("Expand", [graph.constant(value), graph.node("Shape", [z])])
        }
        return emit(body, input: z, into: &graph)
    }

    // MARK: - Expressions

    /// Emits `expr` with `.input` bound to `z` and `.column(i)` to `columns[i]`, and returns its result's name.
    private static func emit(_ expr: ExportExpr, input z: String, columns: [Int: String] = [:],
                             into graph: inout ONNXGraph) -> String {
        if let value = expr.constantValue { return graph.constant(value) }
        func sub(_ operand: ExportExpr) -> String { emit(operand, input: z, columns: columns, into: &graph) }
        switch expr {
        case .input:
            return z
        case .column(let index):
            return columns[index] ?? z  // emitFeatures gathered every column its features read
        case .constant(let value):
            return graph.constant(value)
        case .negate(let operand):
            return graph.node("Neg", [sub(operand)])
        case .binary(let op, let lhs, let rhs):
            let operands = [sub(lhs), sub(rhs)]
            return graph.node(onnxOperator(op), operands)
        case .call(let name, let args):
            let operands = args.map(sub)
            guard let function = ExportFunction(rawValue: name) else { return z }  // validate() rejected it
            return emitCall(function, operands, into: &graph)
        }
    }

    private static func emitCall(_ function: ExportFunction, _ args: [String], into graph: inout ONNXGraph) -> String {
        switch function {
        case .log2:
            return graph.node("Div", [graph.node("Log", args), graph.constant(0.6931471805599453)])
        case .log10:
            return graph.node("Div", [graph.node("Log", args), graph.constant(2.302585092994046)])
        default:
            return graph.node(onnxOperator(function), args)
        }
    }

    private static func onnxOperator(_ op: ExportBinaryOperator) -> String {
        switch op {
        case .add: return "Add"
        case .subtract: return "Sub"
        case .multiply: return "Mul"
        case .divide: return "Div"
        case .power: return "Pow"
        }
    }

    /// The ONNX op of a function that maps one-to-one (every one but log2 and log10).
    private static func onnxOperator(_ function: ExportFunction) -> String {
        switch function {
        case .sin: return "Sin"
        case .cos: return "Cos"
        case .tan: return "Tan"
        case .asin: return "Asin"
        case .acos: return "Acos"
        case .atan: return "Atan"
        case .sinh: return "Sinh"
        case .cosh: return "Cosh"
        case .tanh: return "Tanh"
        case .exp: return "Exp"
        case .log, .log2, .log10: return "Log"
        case .sqrt: return "Sqrt"
        case .abs: return "Abs"
        case .sign: return "Sign"
        case .floor: return "Floor"
        case .ceil: return "Ceil"
        case .sigmoid: return "Sigmoid"
        case .relu: return "Relu"
        case .min: return "Min"
        case .max: return "Max"
        case .pow: return "Pow"
        }
    }
}
