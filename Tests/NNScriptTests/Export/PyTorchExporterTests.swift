import Foundation
import NNScript
import Testing

/// The PyTorch script's text. Running the scripts needs torch, too large for CI: the check script
/// Tests/NNScriptTests/Reference/check_pytorch_export.sh sets NNSCRIPT_EXPORT_DIR, so `dumpsScriptsForTheTorchCheck`
/// writes each fixture's script and expected outputs there, and then runs them with torch.
@Suite struct PyTorchExporterTests {
    @Test func everyWeightIsWrittenExactly() throws {
        for fixture in ExportFixtures.all {
            let script = try PyTorchExporter.export(fixture.model)
            let literals = Set(script.split(whereSeparator: { " ,[]()".contains($0) }).map(String.init))
            for layer in fixture.model.layers {
                for value in layer.weight + (layer.bias ?? []) {
                    // The literal is the exact Double value of the Float, so Python reads the same Float32 back.
                    #expect(literals.contains("\(Double(value))"), "\(fixture.name): \(value)")
                }
            }
        }
    }

    @Test func theModuleMirrorsTheDescription() throws {
        let fixture = try #require(ExportFixtures.all.first { $0.name == "gelu-sigmoid-multi" })
        let script = try PyTorchExporter.export(fixture.model)
        #expect(script.contains("nn.Linear(3, 8, bias=True)"))
        #expect(script.contains("nn.Linear(8, 6, bias=False)"))
        #expect(script.contains("F.gelu(self.layers[0](x))"))
        #expect(script.contains("torch.sigmoid(self.layers[1](x))"))
        #expect(script.contains("x = self.layers[2](x)"))
        #expect(script.contains("width = 3"))
    }

    @Test func featuresAreStackedFromTheRawColumns() throws {
        let fixture = try #require(ExportFixtures.all.first { $0.name == "features" })
        let script = try PyTorchExporter.export(fixture.model)
        #expect(script.contains("width = 3"))
        #expect(script.contains("nn.Linear(5, 8, bias=True)"))
        #expect(script.contains("x1, (x1 * x3), sin(x3), min(x1, 0.5), (3.0 / 4.0)\n"), "\(script)")
        #expect(script.contains("x = torch.stack([x[:, 0], (x[:, 0] * x[:, 2]), torch.sin(x[:, 2]), "
                                + "torch.minimum(x[:, 0], torch.tensor(0.5, dtype=torch.float32)), "
                                + "torch.full_like(x[:, 0], 0.75)], dim=1)\n"), "\(script)")
    }

    @Test func customActivationsBecomeTorchFunctions() throws {
        let fixture = try #require(ExportFixtures.all.first { $0.name == "custom-functions" })
        let script = try PyTorchExporter.export(fixture.model)
        #expect(script.contains("def act_bump(x):"))
        #expect(script.contains("return torch.exp((-(x ** 2.0)))"))
        #expect(script.contains("torch.minimum(x, torch.tensor(0.5, dtype=torch.float32))"))
        #expect(script.contains("torch.full_like(x, 0.25)"))
        #expect(script.contains("(x * \(Double.pi / 2))"), "pi/2 is folded into one constant")
        // One definition even though the activation is used by one layer only once per name.
        #expect(script.components(separatedBy: "def act_bump(").count == 2)
    }

    @Test func redefinedActivationsKeepBothBodies() throws {
        let first = ExportActivation.custom(name: "f", body: .call(name: "sin", args: [.input]))
        let second = ExportActivation.custom(name: "f", body: .call(name: "cos", args: [.input]))
        let model = ModelDescription(inputSize: 1, layers: [
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: first),
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: second),
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: first),
        ])
        let script = try PyTorchExporter.export(model)
        #expect(script.contains("def act_f(x):\n    \"\"\"f(x) = sin(x)\"\"\"\n    return torch.sin(x)"))
        #expect(script.contains("def act_f_2(x):\n    \"\"\"f(x) = cos(x)\"\"\"\n    return torch.cos(x)"))
        #expect(script.contains("x = act_f(self.layers[0](x))\n        x = act_f_2(self.layers[1](x))\n        x = act_f(self.layers[2](x))"))
    }

    @Test func sampleInputsCanBeChosen() throws {
        let script = try PyTorchExporter.export(ExportFixtures.all[0].model, sampleInputs: [[0.25], [3]])
        #expect(script.contains("rows = [[0.25], [3.0]]"))
    }

    /// Writes `<name>.py` and `<name>.expected.json` for each fixture when NNSCRIPT_EXPORT_DIR is set.
    @Test func dumpsScriptsForTheTorchCheck() throws {
        let fixtures = ExportFixtures.all
        var written = 0
        if let folder = ProcessInfo.processInfo.environment["NNSCRIPT_EXPORT_DIR"], !folder.isEmpty {
            for fixture in fixtures {
                let inputs = fixture.inputs.map { $0.map { Double(Float($0)) } }
                try AtomicFile.write(try PyTorchExporter.export(fixture.model), to: "\(folder)/\(fixture.name).py")
                let expected: [String: Any] = ["inputs": inputs, "outputs": inputs.map(fixture.model.predict)]
                try AtomicFile.write(Array(try JSONSerialization.data(withJSONObject: expected)),
                                     to: "\(folder)/\(fixture.name).expected.json")
                written += 1
            }
            #expect(written == fixtures.count)
        } else {
            #expect(try fixtures.allSatisfy { try PyTorchExporter.export($0.model).hasPrefix("#!/usr/bin/env python3") })
        }
    }
}
