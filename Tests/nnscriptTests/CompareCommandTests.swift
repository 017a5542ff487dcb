import Foundation
import Testing

@Suite struct CompareCommandTests {
    static let base = """
        seed 3
        data sin(x) noise 0.05 on [0, 6] samples 200
        layer 8 tanh
        train 100

        """

    @Test func comparesRecipesAndWritesTheOverlays() throws {
        let folder = try temporaryRecipes([
            "adam.nn": "optimizer adam lr=1e-2\n" + CompareCommandTests.base,
            "sgd.nn": "optimizer sgd lr=4e-7\n" + CompareCommandTests.base,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("cmp").path
        let result = try runNNScript(["compare", folder.appendingPathComponent("adam.nn").path,
                                      folder.appendingPathComponent("sgd.nn").path, "--svg", prefix, "--threads", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("variant") == true)
        #expect(rows.contains { $0.hasPrefix("adam ") } && rows.contains { $0.hasPrefix("sgd ") })
        let fit = try String(contentsOfFile: prefix + "-fit.svg", encoding: .utf8)
        let loss = try String(contentsOfFile: prefix + "-loss.svg", encoding: .utf8)
        #expect(fit.hasPrefix("<svg") || fit.hasPrefix("<?xml"))
        #expect(fit.contains("adam") && fit.contains("sgd") && loss.contains("sgd"))
    }

    @Test func oneRecipeIsAUsageError() throws {
        let result = try runNNScript(["compare", "only.nn"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least two recipes"))
    }

    @Test func aRecipeWithErrorsFailsTheComparison() throws {
        let folder = try temporaryRecipes(["good.nn": CompareCommandTests.base, "bad.nn": "layer 0 tanh\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runNNScript(["compare", folder.appendingPathComponent("good.nn").path,
                                      folder.appendingPathComponent("bad.nn").path, "--threads", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("layer size must be between 1 and 65536"))
    }
}
