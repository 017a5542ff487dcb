import Foundation
import Testing

@Suite struct FormatCommandTests {
    private let messy = "seed   7 # the seed\nlayer 128 tanh;output linear\n\n\n\noptimizer adam  lr = 1e-2\n"
    private let canonical = "seed 7  # the seed\nlayer 128 tanh\noutput linear\n\noptimizer adam lr=1e-2\n"

    @Test func printsTheCanonicalForm() throws {
        let folder = try temporaryRecipes(["m.nn": messy])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runNNScript(["fmt", folder.appendingPathComponent("m.nn").path])
        #expect(result.status == 0)
        #expect(result.stdout == canonical)
        #expect(try String(contentsOf: folder.appendingPathComponent("m.nn"), encoding: .utf8) == messy)
    }

    @Test func writeRewritesInPlace() throws {
        let folder = try temporaryRecipes(["m.nn": messy])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runNNScript(["fmt", folder.appendingPathComponent("m.nn").path, "--write"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: folder.appendingPathComponent("m.nn"), encoding: .utf8) == canonical)
    }

    @Test func syntaxErrorsLeaveTheFileAlone() throws {
        let broken = "layer 3 tanh\ndata sin(x) on [0 1]\n"
        let folder = try temporaryRecipes(["b.nn": broken])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runNNScript(["fmt", folder.appendingPathComponent("b.nn").path, "--write"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.nn:2:19: error: expected ','"))
        #expect(try String(contentsOf: folder.appendingPathComponent("b.nn"), encoding: .utf8) == broken)
    }

    @Test func missingFileExitsOne() throws {
        let result = try runNNScript(["fmt", "/nonexistent/x.nn"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot find file"))
    }
}
