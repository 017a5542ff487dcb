import Foundation
import NNScript
import Testing

/// A `load` that cannot succeed reports a located diagnostic, exits 1 and changes nothing.
@Suite struct CheckpointFailureTests {
    static let setup = "seed 5\ndata x^2 on [-1, 1] samples 100\nlayer 16 tanh\noptimizer adam lr=0.01\n"

    /// Saves a checkpoint of `setup` after 40 iterations into `folder`, returning its path.
    private func savedCheckpoint(in folder: String) throws -> String {
        let run = RecipeRun(Self.setup + "train 40\nsave \"c.ckpt\"\n", in: folder)
        try #require(run.result.exitCode == 0, "\(run.errors)")
        return folder + "/c.ckpt"
    }

    /// `id` is the diagnostic's message stem (`cannot find file` for file-not-found, `is not a valid checkpoint`
    /// for invalid-checkpoint): the rendered text carries no id.
    private func expectUnchanged(_ recipe: String, id: String, message: String, in folder: String) {
        let before = RecipeRun(recipe + "train 20\n", in: folder)
        let failed = RecipeRun(recipe + "train 20\nload \"c.ckpt\"\n", in: folder)
        #expect(failed.result.exitCode == 1)
        #expect(failed.errors.contains(id), "\(failed.errors)")
        #expect(failed.errors.contains(message), "\(failed.errors)")
        #expect(failed.errors.contains("test.nn:"), "the diagnostic is located: \(failed.errors)")
        #expect(failed.hash == before.hash)
        #expect(failed.session.iterations == 20)
    }

    @Test func missingFile() throws {
        let folder = try TemporaryFolder.make("ckpt-missing")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        expectUnchanged(Self.setup, id: "cannot find file", message: "c.ckpt", in: folder)
    }

    @Test func corruptFile() throws {
        let folder = try TemporaryFolder.make("ckpt-corrupt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try savedCheckpoint(in: folder)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectUnchanged(Self.setup, id: "is not a valid checkpoint", message: "checksum mismatch", in: folder)
    }

    @Test func truncatedFile() throws {
        let folder = try TemporaryFolder.make("ckpt-truncated")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try savedCheckpoint(in: folder)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.prefix(bytes.count - 40)).write(to: URL(fileURLWithPath: path))
        expectUnchanged(Self.setup, id: "is not a valid checkpoint", message: "truncated", in: folder)
    }

    @Test func notACheckpoint() throws {
        let folder = try TemporaryFolder.make("ckpt-text")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "x,y\n1,2\n".write(toFile: folder + "/c.ckpt", atomically: true, encoding: .utf8)
        expectUnchanged(Self.setup, id: "is not a valid checkpoint", message: "not an nnscript checkpoint", in: folder)
    }

    @Test func otherArchitecture() throws {
        let folder = try TemporaryFolder.make("ckpt-arch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try savedCheckpoint(in: folder)
        let other = Self.setup.replacingOccurrences(of: "layer 16 tanh", with: "layer 8 tanh")
        expectUnchanged(other, id: "is not a valid checkpoint", message: "architecture mismatch", in: folder)
        let activation = Self.setup.replacingOccurrences(of: "layer 16 tanh", with: "layer 16 sin(30)")
        expectUnchanged(activation, id: "is not a valid checkpoint", message: "architecture mismatch", in: folder)
    }

    @Test func otherOptimizer() throws {
        let folder = try TemporaryFolder.make("ckpt-optimizer")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try savedCheckpoint(in: folder)
        let other = Self.setup.replacingOccurrences(of: "optimizer adam lr=0.01", with: "optimizer rmsprop lr=0.01")
        expectUnchanged(other, id: "is not a valid checkpoint", message: "trained with adam", in: folder)
    }

    @Test func freshSessionWithWrongArchitectureGetsNoModel() throws {
        let folder = try TemporaryFolder.make("ckpt-fresh")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try savedCheckpoint(in: folder)
        let other = Self.setup.replacingOccurrences(of: "layer 16 tanh", with: "layer 8 tanh")
        let failed = RecipeRun(other + "load \"c.ckpt\"\n", in: folder)
        #expect(failed.result.exitCode == 1)
        #expect(failed.errors.contains("is not a valid checkpoint"), "\(failed.errors)")
        #expect(failed.session.iterations == 0)
        #expect(failed.result.summary == nil, "the failed load created no model")
    }

    @Test func saveIntoAMissingFolderFailsAndWritesNothing() throws {
        let folder = try TemporaryFolder.make("ckpt-save")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = RecipeRun(Self.setup + "train 10\nsave \"nowhere/c.ckpt\"\n", in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("cannot write 'nowhere/c.ckpt'"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
