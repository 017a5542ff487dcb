import Foundation
import NNScript
import Testing

/// Exports every fixture to ONNX, runs it in onnxruntime through Python, and compares with the Double reference.
/// If onnxruntime cannot be imported the test skips, saying so; with NNSCRIPT_REQUIRE_ONNXRUNTIME=1 (CI) it fails
/// instead: it never passes without having run the models.
@Suite struct ONNXRuntimeTests {
    static let tolerance = 1e-5

    /// Runs each model in the manifest with onnxruntime; validates it with onnx.checker when onnx is importable.
    static let script = #"""
    import json, sys
    manifest = json.load(open(sys.argv[1]))
    try:
        import numpy as np
        import onnxruntime as ort
    except Exception as error:
        print(json.dumps({"error": "cannot import onnxruntime and numpy: %r" % (error,)}))
        sys.exit(0)
    try:
        import onnx
        import onnx.checker
    except Exception:
        onnx = None
    results = []
    for case in manifest:
        entry = {"name": case["name"]}
        try:
            if onnx is not None:
                model = onnx.load(case["path"])
                onnx.checker.check_model(model, full_check=True)
                entry["opset"] = model.opset_import[0].version
                entry["ir_version"] = model.ir_version
                dims = model.graph.input[0].type.tensor_type.shape.dim
                entry["input_dims"] = [d.dim_param if d.dim_param else str(d.dim_value) for d in dims]
                entry["ops"] = sorted({node.op_type for node in model.graph.node})
            session = ort.InferenceSession(case["path"], providers=["CPUExecutionProvider"])
            (y,) = session.run(["y"], {"x": np.array(case["inputs"], dtype=np.float32)})
            entry["outputs"] = y.astype(np.float64).tolist()
        except Exception as error:
            entry["error"] = repr(error)
        results.append(entry)
    print(json.dumps({"onnx": onnx is not None, "onnxruntime": ort.__version__, "results": results}))
    """#

    @Test(.enabled(if: PythonRunner.runsONNXRuntimeTests, PythonRunner.onnxruntimeSkipReason))
    func exportedModelsRunInOnnxruntimeAndMatchTheReference() throws {
        let folder = try PythonRunner.temporaryFolder("onnx")
        defer { try? FileManager.default.removeItem(atPath: folder) }

        var manifest: [[String: Any]] = []
        var expected: [String: [[Double]]] = [:]
        for fixture in ExportFixtures.all {
            let path = "\(folder)/\(fixture.name).onnx"
            try AtomicFile.write(try ONNXExporter.export(fixture.model, producer: "nnscript-tests"), to: path)
            // onnxruntime sees Float32 inputs; the reference gets the same rounded values.
            let inputs = fixture.inputs.map { $0.map { Double(Float($0)) } }
            manifest.append(["name": fixture.name, "path": path, "inputs": inputs])
            expected[fixture.name] = inputs.map(fixture.model.predict)
        }
        let manifestPath = "\(folder)/manifest.json"
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))

        let run = try PythonRunner.run(script: Self.script, arguments: [manifestPath])
        try #require(run.status == 0, "\(PythonRunner.interpreter) failed: \(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            "unreadable output from Python: \(run.stdout) \(run.stderr)")
        if let error = report["error"] as? String {
            Issue.record("""
                onnxruntime is required for this test and \(PythonRunner.interpreter) cannot import it: \(error). \
                Install it with `pip install onnxruntime numpy`, or point NNSCRIPT_PYTHON at a Python that has it.
                """)
            return
        }
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.count == ExportFixtures.all.count)
        let checkedByOnnx = report["onnx"] as? Bool ?? false

        for result in results {
            let name = result["name"] as? String ?? "?"
            if let error = result["error"] {
                Issue.record("\(name): \(error)")
                continue
            }
            if checkedByOnnx {
                #expect(result["opset"] as? Int == ONNXExporter.opsetVersion, "\(name)")
                #expect(result["ir_version"] as? Int == ONNXExporter.irVersion, "\(name)")
                #expect((result["input_dims"] as? [String])?.first == "N", "\(name): batch dimension is symbolic")
            }
            let outputs = try #require(result["outputs"] as? [[Double]], "\(name): no outputs")
            let reference = try #require(expected[name])
            #expect(outputs.count == reference.count, "\(name)")
            var worst = 0.0
            for (row, (got, want)) in zip(outputs, reference).enumerated() {
                #expect(got.count == want.count, "\(name) row \(row)")
                for (g, w) in zip(got, want) {
                    let error = Swift.abs(g - w) / Swift.max(1, Swift.abs(w))
                    worst = Swift.max(worst, error)
                    #expect(error <= Self.tolerance, "\(name) row \(row): onnxruntime \(g), reference \(w)")
                }
            }
            print("onnx \(name): \(reference.count) rows, worst relative difference \(worst)")
        }
    }
}
