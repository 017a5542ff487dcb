import Foundation
import NNScript
import Testing

/// Trains small networks in a session, exports them with `export onnx`, and runs the files in onnxruntime on the
/// inputs of the session's own `predict on … "p.csv"`: the outputs must agree within 1e-5.
@Suite struct ExportIntegrationTests {
    static let tolerance = 1e-5

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var model: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "tanh", model: "layer 16 tanh\nlayer 16 tanh\n"),
        Case(name: "siren", model: "layer 16 sin(30) init=siren\nlayer 16 sin\n"),
        Case(name: "custom", model: """
            let k = 0.5
            activation wave(t) = sin(k*pi*t) + 0.1*t
            activation bump(t) = exp(-t^2)
            layer 16 wave
            layer 8 bump

            """),
        Case(name: "nested custom, tanh output", model: """
            activation soft(t) = t * sigmoid(t)
            activation twice(t) = soft(soft(t)) + max(t, 0.2) / e
            layer 12 twice bias=false
            layer 6 leaky_relu(0.2)
            output 1 tanh

            """),
    ]

    /// Runs the ONNX file on the CSV's x column; prints the outputs as JSON, or an error.
    static let script = #"""
    import csv, json, sys
    try:
        import numpy as np
        import onnxruntime as ort
    except Exception as error:
        print(json.dumps({"error": "cannot import onnxruntime and numpy: %r" % (error,)}))
        sys.exit(0)
    rows = list(csv.DictReader(open(sys.argv[2])))
    xs = np.array([[float(r["x"])] for r in rows], dtype=np.float32)
    session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
    (y,) = session.run(["y"], {"x": xs})
    print(json.dumps({"outputs": y[:, 0].astype(np.float64).tolist(),
                      "expected": [float(r["y"]) for r in rows]}))
    """#

    @Test(.enabled(if: PythonRunner.runsONNXRuntimeTests, PythonRunner.onnxruntimeSkipReason), arguments: cases)
    func onnxExportMatchesThePredictions(_ c: Case) throws {
        let folder = try TemporaryFolder.make("export")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recipe = "seed 11\ndata sin(2*x) on [-2, 2] samples 120\n" + c.model + """
            optimizer adam lr=0.01
            train 120
            export onnx "m.onnx"
            export pytorch "m.py"
            predict on [-2.5, 2.5] samples 41 "p.csv"

            """
        let run = RecipeRun(recipe, in: folder)
        try #require(run.result.exitCode == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: folder + "/m.py"))
        let csv = try String(contentsOfFile: folder + "/p.csv", encoding: .utf8)
        #expect(csv.hasPrefix("x,y\n"))
        #expect(csv.split(separator: "\n").count == 42)

        let result = try PythonRunner.run(script: Self.script, arguments: [folder + "/m.onnx", folder + "/p.csv"])
        try #require(result.status == 0, "\(PythonRunner.interpreter) failed: \(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "unreadable output from Python: \(result.stdout) \(result.stderr)")
        if let error = report["error"] as? String {
            Issue.record("onnxruntime is required for this test: \(error)")
            return
        }
        let outputs = try #require(report["outputs"] as? [Double])
        let expected = try #require(report["expected"] as? [Double])
        #expect(outputs.count == 41 && expected.count == 41)
        var worst = 0.0
        for (got, want) in zip(outputs, expected) {
            let error = Swift.abs(got - want) / Swift.max(1, Swift.abs(want))
            worst = Swift.max(worst, error)
            #expect(error <= Self.tolerance, "\(c.name): onnxruntime \(got), nnscript \(want)")
        }
        // A constant network would match trivially; the trained ones vary over the range.
        #expect((expected.max() ?? 0) - (expected.min() ?? 0) > 1e-3)
        print("export \(c.name): 41 rows, worst relative difference \(worst)")
        try dumpForTheTorchCheck(c, folder: folder, inputs: csvColumn(csv, 0), outputs: csvColumn(csv, 1))
    }

    /// With NNSCRIPT_EXPORT_DIR set, leaves the exported script and the session's predictions there for
    /// Tests/NNScriptTests/Reference/check_pytorch_export.py (torch is too large for CI, so that runs by hand).
    private func dumpForTheTorchCheck(_ c: Case, folder: String, inputs: [Double], outputs: [Double]) throws {
        guard let target = ProcessInfo.processInfo.environment["NNSCRIPT_EXPORT_DIR"], !target.isEmpty else { return }
        let name = "session-" + c.name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: "\(target)/\(name).py")
        try FileManager.default.copyItem(atPath: folder + "/m.py", toPath: "\(target)/\(name).py")
        let expected: [String: Any] = ["inputs": inputs.map { [$0] }, "outputs": outputs.map { [$0] }]
        try JSONSerialization.data(withJSONObject: expected)
            .write(to: URL(fileURLWithPath: "\(target)/\(name).expected.json"))
    }

    private func csvColumn(_ csv: String, _ column: Int) -> [Double] {
        csv.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",")
            return fields.count > column ? Double(fields[column]) : nil
        }
    }
}
