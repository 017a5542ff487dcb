import Foundation
import NNScript
import Testing

/// Models of several inputs, outputs or classes export to ONNX and PyTorch: the files name their columns (and
/// classes), and run in onnxruntime and in PyTorch to the session's own `predict` answers.
@Suite struct ManyInputsExportTests {
    /// One data kind: its recipe (from ManyInputsTests), points to predict, and the names the files must carry.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var setup: String
        var points: [[Double]]
        var inputs: [String]
        var outputs: [String]
        var classes: [String]?
        var description: String { name }
    }

    /// The iris tables' columns, classes and three of their flowers.
    static let irisInputs = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    static let irisClasses = ["setosa", "versicolor", "virginica"]
    static let irisPoints: [[Double]] = [[5.1, 3.5, 1.4, 0.2], [6.7, 3, 5.2, 2.3], [5.9, 3, 4.2, 1.5]]

    static let cases: [Case] = [
        Case(name: "2-D regression", setup: ManyInputsTests.cases[0].setup,
             points: [[0.5, 1.2], [1, -2], [-2.5, 0.25], [2, 2]], inputs: ["x1", "x2"], outputs: ["y"]),
        Case(name: "two outputs", setup: ManyInputsTests.cases[1].setup, points: [[0.5], [3], [5.5]],
             inputs: ["x"], outputs: ["y1", "y2"]),
        Case(name: "spiral", setup: ManyInputsTests.cases[2].setup,
             points: [[0.5, 1.2], [1, -2], [-0.75, 0.25], [0, 0.5]], inputs: ["x1", "x2"], outputs: ["class"],
             classes: ["0", "1", "2"]),
        Case(name: "iris table", setup: ManyInputsTests.cases[3].setup,
             points: irisPoints, inputs: irisInputs, outputs: ["species"], classes: irisClasses),
        // `normalize` is folded into the first layer: the files take raw values, as `predict` does.
        Case(name: "2-D regression, normalize", setup: ManyInputsTests.cases[6].setup,
             points: [[0.5, 1.2], [1, -2], [-2.5, 0.25], [2, 2]], inputs: ["x1", "x2"], outputs: ["y"]),
        Case(name: "iris table, normalize", setup: "seed 4\ndata csv \"iris-train.csv\" target species\nnormalize\n"
                 + "layer 8 tanh\noptimizer adam lr=1e-2\n",
             points: irisPoints, inputs: irisInputs, outputs: ["species"], classes: irisClasses),
        // `features` are computed in the files from the raw columns, then `normalize` (folded in) applies to them.
        Case(name: "spiral, features and normalize", setup: ManyInputsTests.cases[4].setup,
             points: [[0.5, 1.2], [1, -2], [-0.75, 0.25], [0, 0.5]], inputs: ["x1", "x2"], outputs: ["class"],
             classes: ["0", "1", "2"]),
        Case(name: "iris table, features named by columns", setup: ManyInputsTests.cases[5].setup,
             points: irisPoints, inputs: irisInputs, outputs: ["species"], classes: irisClasses),
        // `x` for x1, a `let` constant, a custom function, a two-argument call and a constant feature.
        Case(name: "2-D regression, features with let, custom functions and a constant",
             setup: "seed 4\nlet w = 2\nactivation bump(t) = exp(-t ^ 2)\n"
                 + "data sin(x1) * cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 300\n"
                 + "features x, x2, w * x1 * x2, bump(x1 / w), min(x2, 1), pi / w\n"
                 + "layer 16 tanh\noptimizer adam lr=1e-2\n",
             points: [[0.5, 1.2], [1, -2], [-2.5, 0.25], [2, 2]], inputs: ["x1", "x2"], outputs: ["y"]),
    ]

    /// A trained session of `c` that exported `m.onnx` and `m.py` and printed its predictions at `c.points`.
    struct Exported {
        var folder: String
        var predictions: [Prediction]
    }

    static func export(_ c: Case) throws -> Exported {
        let folder = try ManyInputsTests.folder()
        let points = c.points.map { "(" + $0.map { "\($0)" }.joined(separator: ", ") + ")" }.joined(separator: ", ")
        let recipe = c.setup + "train 80\nexport onnx \"m.onnx\"\nexport pytorch \"m.py\"\npredict \(points)\n"
        let run = RecipeRun(recipe, in: folder, quiet: false)
        try #require(run.result.exitCode == 0, "\(run.errors)")
        let predictions = run.output.split(separator: "\n").filter { $0.hasPrefix("predict (") }
            .compactMap { Prediction(line: String($0), classes: c.classes) }
        try #require(predictions.count == c.points.count, "\(run.output)")
        return Exported(folder: folder, predictions: predictions)
    }

    // MARK: - The files name their columns

    @Test(arguments: cases)
    func theFilesNameTheInputsOutputsAndClasses(_ c: Case) throws {
        let exported = try Self.export(c)
        defer { try? FileManager.default.removeItem(atPath: exported.folder) }
        let script = try String(contentsOfFile: exported.folder + "/m.py", encoding: .utf8)
        #expect(script.contains("INPUTS = " + Self.json(c.inputs) + "\n"), "\(script.prefix(900))")
        #expect(script.contains("OUTPUTS = " + Self.json(c.outputs) + "\n"))
        #expect(script.contains("CLASSES = " + (c.classes.map(Self.json) ?? "None") + "\n"))
        #expect(script.contains("width = \(c.inputs.count)"))
        let onnx = try #require(FileManager.default.contents(atPath: exported.folder + "/m.onnx"))
        let bytes = [UInt8](onnx)
        #expect(Self.contains(bytes, "nnscript.inputs") && Self.contains(bytes, Self.json(c.inputs)))
        #expect(Self.contains(bytes, "nnscript.classes") == (c.classes != nil))
        #expect(Self.contains(bytes, "Softmax") == (c.classes != nil))
        #expect(Self.contains(bytes, "probabilities") == (c.classes != nil))
    }

    // MARK: - The files compute what the session predicts

    /// Runs `m.onnx` on the points; prints outputs, probabilities and metadata as JSON.
    static let onnxScript = #"""
    import json, sys
    try:
        import numpy as np
        import onnxruntime as ort
    except Exception as error:
        print(json.dumps({"error": "cannot import onnxruntime and numpy: %r" % (error,)}))
        sys.exit(0)
    session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    results = session.run(None, {"x": np.array(json.loads(sys.argv[2]), dtype=np.float32)})
    print(json.dumps({"outputs": {n: r.astype(np.float64).tolist() for n, r in zip(names, results)},
                      "metadata": session.get_modelmeta().custom_metadata_map}))
    """#

    @Test(.enabled(if: PythonRunner.runsONNXRuntimeTests, PythonRunner.onnxruntimeSkipReason), arguments: cases)
    func onnxruntimeAgreesWithTheSession(_ c: Case) throws {
        let exported = try Self.export(c)
        defer { try? FileManager.default.removeItem(atPath: exported.folder) }
        let run = try PythonRunner.run(script: Self.onnxScript,
                                       arguments: [exported.folder + "/m.onnx", Self.json(c.points)])
        try #require(run.status == 0, "\(PythonRunner.interpreter) failed: \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                                  "unreadable output from Python: \(run.stdout)")
        if let error = report["error"] as? String { Issue.record("onnxruntime is required: \(error)"); return }
        let outputs = try #require(report["outputs"] as? [String: [[Double]]])
        let metadata = try #require(report["metadata"] as? [String: String])
        #expect(metadata["nnscript.inputs"] == Self.json(c.inputs))
        #expect(metadata["nnscript.outputs"] == Self.json(c.outputs))
        #expect(metadata["nnscript.classes"] == c.classes.map(Self.json))
        let rows = try #require(outputs[c.classes == nil ? "y" : "probabilities"], "\(outputs.keys)")
        if c.classes != nil {
            #expect(Set(outputs.keys) == ["y", "probabilities"])
            for row in rows { #expect(Swift.abs(row.reduce(0, +) - 1) < 1e-5) }
        } else {
            #expect(Array(outputs.keys) == ["y"])
        }
        try Self.expectAgreement(rows, exported.predictions, c, tool: "onnxruntime")
    }

    @Test(.enabled(if: PythonRunner.runsTorchTests, PythonRunner.torchSkipReason), arguments: cases)
    func theTorchScriptAgreesWithTheSession(_ c: Case) throws {
        let exported = try Self.export(c)
        defer { try? FileManager.default.removeItem(atPath: exported.folder) }
        let script = try String(contentsOfFile: exported.folder + "/m.py", encoding: .utf8)
        let run = try PythonRunner.run(script: script, arguments: c.points.flatMap { $0.map { "\($0)" } })
        try #require(run.status == 0, "\(PythonRunner.interpreter) failed: \(run.stderr)")
        // Each line: the inputs, "->", then the outputs, or the likeliest class and the probabilities.
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        try #require(lines.count == c.points.count, "\(run.stdout)")
        var rows: [[Double]] = []
        for (line, point) in zip(lines, c.points) {
            let arrow = try #require(line.firstIndex(of: "->"))
            #expect(line[..<arrow].compactMap(Double.init) == point)
            var values = Array(line[(arrow + 1)...])
            if let classes = c.classes {
                let name = values.removeFirst()
                let probabilities = values.compactMap(Double.init)
                let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
                #expect(best.map { classes[$0] } == name)
            }
            rows.append(values.compactMap(Double.init))
        }
        try Self.expectAgreement(rows, exported.predictions, c, tool: "PyTorch")
    }

    // MARK: - Helpers

    /// What `predict` printed for one point: its outputs, or its class and probabilities (to 3 decimals).
    struct Prediction {
        var values: [Double]
        var className: String?

        init?(line: String, classes: [String]?) {
            guard let arrow = line.range(of: " → ") else { return nil }
            let text = line[arrow.upperBound...]
            if let classes {
                // "class NAME   (NAME1 p1, NAME2 p2, …)"
                guard text.hasPrefix("class "), let open = text.firstIndex(of: "(") else { return nil }
                className = text[text.index(text.startIndex, offsetBy: 6)..<open]
                    .trimmingCharacters(in: .whitespaces)
                let entries = text[text.index(after: open)...].dropLast().components(separatedBy: ", ")
                values = entries.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
                guard values.count == classes.count else { return nil }
            } else {
                // "0.123" or "y1 = 0.5, y2 = 1"
                values = text.components(separatedBy: ", ").compactMap {
                    $0.split(separator: " ").last.flatMap { Double($0) }
                }
            }
        }
    }

    /// Outputs agree with `predict`'s to the digits it prints (6 significant; 3 decimals for probabilities).
    static func expectAgreement(_ rows: [[Double]], _ predictions: [Prediction], _ c: Case, tool: String) throws {
        try #require(rows.count == predictions.count)
        for (row, prediction) in zip(rows, predictions) {
            #expect(row.count == prediction.values.count, "\(c.name) \(tool): \(row)")
            for (got, printed) in zip(row, prediction.values) {
                let tolerance = c.classes == nil ? 1e-5 * Swift.max(1, Swift.abs(printed)) : 6e-4
                #expect(Swift.abs(got - printed) <= tolerance, "\(c.name) \(tool): \(got) vs printed \(printed)")
            }
            if let classes = c.classes, let best = row.indices.max(by: { row[$0] < row[$1] }) {
                #expect(classes[best] == prediction.className, "\(c.name) \(tool)")
            }
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        ExportFixtures.bytes(haystack, contain: Array(needle.utf8))
    }
}
