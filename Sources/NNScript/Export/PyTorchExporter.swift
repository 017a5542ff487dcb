// MARK: - PyTorch export

/// Writes a `ModelDescription` as a self-contained Python script: an `nn.Module` with the trained weights as
/// literals, which prints its predictions.
///
/// Run it as `python m.py` for predictions at a few sample inputs, or `python m.py X1 X2 …` for chosen inputs
/// (`rawInputSize` numbers per row; a model with features computes them from these first). Each line printed is
/// `inputs -> outputs`, numbers separated by spaces; for a classifier, `inputs -> CLASS p1 … pK`: the likeliest
/// class's name, then every class's probability. The module returns the raw outputs (logits for classes); `INPUTS`,
/// `OUTPUTS` and `CLASSES` name its columns.
///
/// Weights are written as the shortest decimal of their exact Double value, so Python parses exactly the Float32
/// the model holds (no double rounding). nn.Linear stores its weight as `[out, in]`, the transpose of the
/// description's `[in, out]`.
public enum PyTorchExporter {
    /// The Python script for `model`; `sampleInputs` are the rows it predicts when run without arguments
    /// (by default five points in [-1, 1] on every feature).
    public static func export(_ model: ModelDescription, sampleInputs: [[Double]]? = nil) throws -> String {
        try model.validate()
        let samples = sampleInputs ?? [-1, -0.5, 0, 0.5, 1].map { Array(repeating: $0, count: model.rawInputSize) }
        let functions = customFunctions(model)
        var script = header(model)
        script += customActivationFunctions(functions)
        script += moduleClass(model, functions: functions)
        script += mainProgram(model, samples: samples)
        return script
    }

    /// Exports `model` as a script to the file at `path`, atomically.
    public static func write(_ model: ModelDescription, sampleInputs: [[Double]]? = nil, to path: String) throws {
        try AtomicFile.write(export(model, sampleInputs: sampleInputs), to: path)
    }

    // MARK: - Sections

    private static func header(_ model: ModelDescription) -> String {
        """
        #!/usr/bin/env python3
        \"\"\"A network trained by nnscript \(NNScriptInfo.version): \(model.summary).

        Usage: python3 this_file.py [X ...]   (\(model.rawInputSize) number(s) per input row)
        Prints one line per row: the inputs, "->", \(model.shape.isClassification
            ? "the likeliest class, then each class's probability." : "the outputs.")
        \"\"\"
        import sys

        import torch
        from torch import nn
        import torch.nn.functional as F

        # The columns of the model's input and output rows; CLASSES names the outputs of a classifier (logits).
        INPUTS = \(JSONText.stringArray(model.shape.inputNames))
        OUTPUTS = \(JSONText.stringArray(model.shape.outputNames))
        CLASSES = \(model.shape.classes.map(JSONText.stringArray) ?? "None")



        """
    }

    /// A custom activation's Python function.
    private struct CustomFunction {
        var name: String
        var body: ExportExpr
        var identifier: String
    }

    /// One function per distinct custom activation, named `act_<name>`, with a numeric suffix when two share a
    /// name but not a body (a REPL session that redefined an activation between layers). Keyed by signature.
    private static func customFunctions(_ model: ModelDescription) -> [String: CustomFunction] {
        var functions: [String: CustomFunction] = [:]
        var used = Set<String>()
        for layer in model.layers {
            guard case .custom(let name, let body) = layer.activation, functions[layer.activation.signature] == nil
            else { continue }
            let stem = functionName(name)
            var identifier = stem
            var suffix = 1
            while !used.insert(identifier).inserted {
                suffix += 1
                identifier = "\(stem)_\(suffix)"
            }
            functions[layer.activation.signature] = CustomFunction(name: name, body: body, identifier: identifier)
        }
        return functions
    }

    private static func customActivationFunctions(_ functions: [String: CustomFunction]) -> String {
        var text = ""
        for function in functions.values.sorted(by: { $0.identifier < $1.identifier }) {
            let (name, body) = (function.name, function.body)
            text += """
                def \(function.identifier)(x):
                    \"\"\"\(name)(x) = \(body)\"\"\"
                    return \(PythonExpression.torch(body, input: "x"))



                """
        }
        return text
    }

    private static func moduleClass(_ model: ModelDescription, functions: [String: CustomFunction]) -> String {
        var text = """
            class Model(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.layers = nn.ModuleList([

            """
        for layer in model.layers {
            let bias = layer.bias == nil ? "False" : "True"
            text += "            nn.Linear(\(layer.inputs), \(layer.outputs), bias=\(bias)),\n"
        }
        text += "        ])\n"
        text += "        with torch.no_grad():\n"
        for (index, layer) in model.layers.enumerated() {
            let target = "            self.layers[\(index)]"
            text += "\(target).weight.copy_(torch.tensor(\(transposedRows(layer)), dtype=torch.float32))\n"
            if let bias = layer.bias {
                text += "\(target).bias.copy_(torch.tensor(\(list(bias)), dtype=torch.float32))\n"
            }
        }
        text += "\n    def forward(self, x):\n"
        if let features = model.features {
            // The features of the raw columns x[:, 0] …, one column each, as the session computed them.
            text += "        # features, x1 … xk being the columns of INPUTS: "
                + features.map(\.description).joined(separator: ", ") + "\n"
            let columns = features.map { PythonExpression.feature($0, rows: "x") }
            text += "        x = torch.stack([" + columns.joined(separator: ", ") + "], dim=1)\n"
        }
        for (index, layer) in model.layers.enumerated() {
            let call = activationCall(layer.activation, on: "self.layers[\(index)](x)") {
                functions[layer.activation.signature]?.identifier ?? functionName($0)
            }
            text += "        x = \(call)\n"
        }
        text += "        return x\n\n\n"
        return text
    }

    private static func mainProgram(_ model: ModelDescription, samples: [[Double]]) -> String {
        let sampleText = "[" + samples.map { list($0.map(Float.init)) }.joined(separator: ", ") + "]"
        return """
            def main(argv):
                width = \(model.rawInputSize)
                if argv:
                    values = [float(v) for v in argv]
                    if len(values) % width != 0:
                        sys.exit(f"expected a multiple of {width} numbers, got {len(values)}")
                    rows = [values[i:i + width] for i in range(0, len(values), width)]
                else:
                    rows = \(sampleText)
                model = Model().eval()
                with torch.no_grad():
                    ys = model(torch.tensor(rows, dtype=torch.float32))
                if CLASSES is not None:
                    probabilities = torch.softmax(ys, dim=1)
                    for row, p in zip(rows, probabilities.tolist()):
                        best = max(range(len(p)), key=lambda k: p[k])
                        print(*[repr(float(v)) for v in row], "->", CLASSES[best], *[repr(float(v)) for v in p])
                    return
                for row, y in zip(rows, ys.tolist()):
                    print(*[repr(float(v)) for v in row], "->", *[repr(float(v)) for v in y])


            if __name__ == "__main__":
                main(sys.argv[1:])

            """
    }

    // MARK: - Pieces

    /// `act(expr)` in PyTorch, exactly the language's meaning of the activation.
    /// `customName` gives the Python function of a user-defined activation.
    static func activationCall(_ activation: ExportActivation, on argument: String,
                               customName: (String) -> String) -> String {
        switch activation {
        case .custom(let name, _):
            return "\(customName(name))(\(argument))"
        case .builtin(let name, let parameter):
            let a = PythonExpression.literal(parameter ?? ExportActivation.defaultParameter(of: name) ?? 0)
            switch name {
            case "tanh": return "torch.tanh(\(argument))"
            case "sigmoid": return "torch.sigmoid(\(argument))"
            case "relu": return "torch.relu(\(argument))"
            case "leaky_relu": return "F.leaky_relu(\(argument), negative_slope=\(a))"
            case "elu": return "F.elu(\(argument), alpha=\(a))"
            case "gelu": return "F.gelu(\(argument))"
            case "softplus": return "F.softplus(\(argument), beta=1.0, threshold=20.0)"
            case "sin": return "torch.sin(\(a) * \(argument))"
            case "swish": return "F.silu(\(argument))"
            default: return argument  // "linear"
            }
        }
    }

    /// A Python identifier for a custom activation, whatever characters its name holds.
    static func functionName(_ name: String) -> String {
        "act_" + String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }.filter(\.isASCII))
    }

    /// The weight as nn.Linear's `[out][in]` nested list.
    private static func transposedRows(_ layer: LayerDescription) -> String {
        let rows = (0..<layer.outputs).map { j in
            list((0..<layer.inputs).map { i in layer.weight[i * layer.outputs + j] })
        }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    private static func list(_ values: [Float]) -> String {
        "[" + values.map { PythonExpression.literal(Double($0)) }.joined(separator: ", ") + "]"
    }
}
