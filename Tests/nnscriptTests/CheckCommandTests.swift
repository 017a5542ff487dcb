import Foundation
import Testing

/// A fresh temporary folder holding `files` (name → contents).
func temporaryRecipes(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnscript-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, contents) in files {
        try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder
}

@Suite struct CheckCommandTests {
    @Test(arguments: [
        ("layer 0 tanh", "bad.nn:1:7: error: layer size must be between 1 and 65536, got 0"),
        ("layer 128 tahn", "bad.nn:1:11: error: unknown activation 'tahn'"),
        ("layer 99999999999999999999 tanh", "bad.nn:1:7: error: layer size must be between 1 and 65536, got 1e+20"),
        ("optimizer adam lr=-1", "bad.nn:1:19: error: lr must be > 0, got -1"),
        ("data sin(y) on [0, 1]", "bad.nn:1:10: error: unknown variable 'y'"),
        ("data sin(x) on [9, -1]", "bad.nn:1:16: error: empty range [9, -1]"),
        ("save \"never closed", "bad.nn:1:6: error: unterminated string"),
    ])
    func badInputGivesALocatedErrorAndExitOne(source: String, expected: String) throws {
        let folder = try temporaryRecipes(["bad.nn": "seed 7\n" + source + "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runNNScript(["check", folder.appendingPathComponent("bad.nn").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected.replacingOccurrences(of: ":1:", with: ":2:")), "\(result.stderr)")
        #expect(result.stderr.contains(" 2 | " + source))
    }

    @Test func missingFileIsAClearErrorAndExitOne() throws {
        let result = try runNNScript(["check", "/nonexistent/recipe.nn"])
        #expect(result.status == 1)
        #expect(result.stderr == "/nonexistent/recipe.nn: error: cannot find file '/nonexistent/recipe.nn'\n")
    }

    @Test func noFilesIsAUsageErrorAndExitTwo() throws {
        let result = try runNNScript(["check"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage"))
    }

    @Test func cleanFilesExitZeroAndWarningsDoNotFail() throws {
        let folder = try temporaryRecipes([
            "ok.nn": "data sin(x) on [0, 1]\nlayer 8 tanh\ntrain 10\n",
            "warn.nn": "data x on [0, 1]\n:quit\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = ["ok.nn", "warn.nn"].map { folder.appendingPathComponent($0).path }
        let result = try runNNScript(["check"] + paths)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok.nn: no problems"))
        #expect(result.stderr.contains("warn.nn:2:1: warning:"))
    }

    @Test func everyErrorOfEveryFileIsReported() throws {
        let folder = try temporaryRecipes([
            "a.nn": "lyer 3 tanh\nlayer 0 tanh\n",
            "b.nn": "optimizer adma\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = ["a.nn", "b.nn"].map { folder.appendingPathComponent($0).path }
        let result = try runNNScript(["check"] + paths)
        #expect(result.status == 1)
        #expect(result.stderr.contains("a.nn:1:1: error: unknown statement 'lyer'"))
        #expect(result.stderr.contains("a.nn:2:7: error:"))
        #expect(result.stderr.contains("b.nn:1:11: error: unknown optimizer 'adma'"))
        #expect(result.stderr.contains("did you mean 'adam'?"))
        #expect(!result.stderr.contains("\u{1B}["), "no colour when not on a terminal")
    }
}
