import NNTensor

// MARK: - Export: the live network as a ModelDescription

extension Interpreter {
    /// `export onnx|pytorch "file"`: writes the trained network (creating it first if nothing trained yet).
    func export(_ format: ExportFormat, path: String, range: SourceRange) -> Diagnostic? {
        let resolved: String
        switch allowedPath(path, for: .write, at: pathRange(in: range)) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        if let diagnostic = ensureModel(range: range) { return diagnostic }
        let pipeline: InputPipeline
        switch inputPipeline(spec: spec, range: range) {
        case .success(let value): pipeline = value
        case .failure(let diagnostic): return diagnostic
        }
        let model: ModelDescription
        // The features are computed in the model and `normalize` is folded into its first layer: the exported
        // model takes raw values.
        do { model = Self.foldingScaling(pipeline.scaling, into: try modelDescription(pipeline: pipeline)) } catch {
            return .unsupportedExport(format.rawValue, reason: "\(error)", at: range)
        }
        do {
            switch format {
            case .onnx:
                try ONNXExporter.write(model, producer: "nnscript", to: resolved)
            case .pytorch:
                try PyTorchExporter.write(model, sampleInputs: sampleInputs(for: model), to: resolved)
            }
        } catch let error as FileWriteError {
            return .fileNotWritable(path, reason: "\(error.step): \(error.reason)", at: range)
        } catch {
            return .unsupportedExport(format.rawValue, reason: "\(error)", at: range)
        }
        if !options.quiet { out.write(RunText.labelled("export", "\(format.rawValue) → \(path)") + "\n") }
        return nil
    }

    /// The live network with its current weights (`W` row-major `[inputs × outputs]`, as `Dense` stores it), and
    /// the features of `pipeline` (its scaling is the caller's to fold in).
    func modelDescription(pipeline: InputPipeline) throws -> ModelDescription {
        let converter = ExportExprConverter(environment: spec.environment)
        let network = training.network
        let layers = try network.layers.map { layer in
            LayerDescription(inputs: layer.dense.inputs, outputs: layer.dense.outputs,
                             weight: layer.dense.weight.value.array, bias: layer.dense.bias?.value.array,
                             activation: try converter.activation(layer.activation))
        }
        // The features keep the constants and functions they were checked with.
        let features = try pipeline.features.map { features in
            let converter = ExportExprConverter(environment: features.environment)
            return try features.positional(inputNames: pipeline.rawNames).map {
                try converter.feature($0, inputs: pipeline.rawNames.count)
            }
        }
        return ModelDescription(inputSize: network.architecture.inputs, layers: layers, shape: dataShape(of: spec),
                                features: features)
    }

    /// The rows the PyTorch script predicts when run without arguments: five points spread over a function's
    /// one input, else the first five rows of the data (points the user knows), else the script's default.
    private func sampleInputs(for model: ModelDescription) -> [[Double]]? {
        if model.rawInputSize == 1, let interval = spec.dataInterval {
            return DataGenerator.grid(interval, count: 5).map { [$0] }
        }
        guard let data = currentData, data.shape.inputCount == model.rawInputSize, data.count > 0 else { return nil }
        return (0..<min(5, data.count)).map(data.inputRow)
    }

    /// The signature of an architecture, computed without weights (so `load` can check a file before changing
    /// anything).
    func signature(of architecture: Architecture) throws -> ArchitectureSignature {
        let converter = ExportExprConverter(environment: spec.environment)
        return ArchitectureSignature(inputSize: architecture.inputs, layers: try architecture.layers.map {
            ArchitectureSignature.Layer(outputs: $0.outputs, activation: try converter.activation($0.activation).signature,
                                        bias: $0.bias)
        })
    }
}

extension SessionSpec {
    /// The interval of a function data set, for the sample inputs the PyTorch script prints.
    var dataInterval: Interval? {
        if case .function(let dataSpec, _)? = data { return dataSpec.interval }
        return nil
    }
}

// MARK: - Expressions

/// Turns the language's activation and feature expressions into the exporters' `ExportExpr`: an activation's
/// parameter becomes `.input` and a feature's `x1 … xk` become `.column(0) …`; every sub-expression free of them
/// (`let` names, `pi`, `e`, `2*pi`) becomes its number, and calls of custom activations are expanded inline.
struct ExportExprConverter {
    let environment: ExprEnvironment

    /// Why an activation cannot be described for export.
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    func activation(_ spec: ActivationSpec) throws -> ExportActivation {
        switch spec {
        case .builtin(let activation, let parameter):
            return .builtin(name: activation.rawValue, parameter: parameter)
        case .custom(let name):
            guard let function = environment.functions[name] else {
                throw Unsupported(description: "the activation \"\(name)\" is not defined")
            }
            return .custom(name: name, body: try convert(function.body, bindings: [function.parameter: .input],
                                                         depth: 0))
        }
    }

    /// A feature of `inputs` raw inputs, written with their positional names `x1 … xk` (`x` is `x1`).
    func feature(_ expr: Expr, inputs: Int) throws -> ExportExpr {
        var bindings: [String: ExportExpr] = [:]
        for variable in expr.variables {
            if let index = ExprEvaluator.inputIndex(of: variable.name), index < inputs {
                bindings[variable.name] = .column(index)
            }
        }
        return try convert(expr, bindings: bindings, depth: 0)
    }

    /// `expr` with each variable of `bindings` replaced by its value there (as ExprEvaluator binds them, before any
    /// constant of the same name).
    private func convert(_ expr: Expr, bindings: [String: ExportExpr], depth: Int) throws -> ExportExpr {
        guard depth < 64 else { throw Unsupported(description: "the activation calls itself too deeply") }
        if !bindings.keys.contains(where: { expr.dependsOn($0) }) {
            return .constant(ExprEvaluator.evaluate(expr, x: .nan, input: "", environment: environment))
        }
        func sub(_ e: Expr) throws -> ExportExpr {
            try convert(e, bindings: bindings, depth: depth)
        }
        switch expr.kind {
        case .number(let value, _):
            return .constant(value)
        case .variable(let name):
            // Depends on a binding, so it is one (anything else was folded above).
            guard let bound = bindings[name] else { throw Unsupported(description: "\(name) is not an input") }
            return bound
        case .negate(let operand):
            return .negate(try sub(operand))
        case .binary(let op, let lhs, let rhs):
            guard let exportOp = ExportBinaryOperator(rawValue: op.rawValue) else {
                throw Unsupported(description: "the operator \(op.rawValue) cannot be exported")
            }
            return .binary(op: exportOp, lhs: try sub(lhs), rhs: try sub(rhs))
        case .call(let name, _, let arguments):
            if let custom = environment.functions[name], arguments.count == 1 {
                return try convert(custom.body, bindings: [custom.parameter: try sub(arguments[0])],
                                   depth: depth + 1)
            }
            guard ExportFunction(rawValue: name) != nil else {
                throw Unsupported(description: "the function \(name) cannot be exported")
            }
            return .call(name: name, args: try arguments.map(sub))
        }
    }
}
