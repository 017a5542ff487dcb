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

    // MARK: - Re-sealed checkpoints: a valid checksum over content that makes no sense

    /// Decodes the saved checkpoint, lets `change` edit it, and writes it back with a fresh, valid checksum.
    private func reseal(_ path: String, _ change: (inout Checkpoint) -> Void) throws {
        var checkpoint = try Checkpoint.read(from: path)
        change(&checkpoint)
        try checkpoint.write(to: path)
    }

    /// The same tensor twice used to load, the first copy winning.
    @Test func aTensorNamedTwiceIsRefused() throws {
        let folder = try TemporaryFolder.make("ckpt-twice")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try reseal(try savedCheckpoint(in: folder)) { checkpoint in
            var copy = checkpoint.parameters[0]
            copy.values = copy.values.map { $0 + 1 }
            checkpoint.parameters.append(copy)
        }
        expectUnchanged(Self.setup, id: "is not a valid checkpoint",
                        message: "the checkpoint holds \"layer1.weight\" twice", in: folder)
    }

    @Test func aTensorOfNoParameterIsRefused() throws {
        let folder = try TemporaryFolder.make("ckpt-unknown")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try reseal(try savedCheckpoint(in: folder)) { checkpoint in
            checkpoint.parameters.append(NamedTensor(name: "layer9.weight", shape: [1, 1], values: [0]))
        }
        expectUnchanged(Self.setup, id: "is not a valid checkpoint",
                        message: "\"layer9.weight\" is no parameter of the session's model", in: folder)
    }

    @Test(arguments: [Float.nan, .infinity])
    func nonFiniteWeightsAreRefusedNamingTheTensor(value: Float) throws {
        let folder = try TemporaryFolder.make("ckpt-nan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try reseal(try savedCheckpoint(in: folder)) { checkpoint in
            let index = checkpoint.parameters.firstIndex { $0.name == "layer1.bias" }!
            checkpoint.parameters[index].values[3] = value
        }
        expectUnchanged(Self.setup, id: "is not a valid checkpoint",
                        message: "\"layer1.bias\" holds \(value) at element 3", in: folder)
    }

    @Test func aNegativeSecondMomentIsRefusedNamingTheTensor() throws {
        let folder = try TemporaryFolder.make("ckpt-moment")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try reseal(try savedCheckpoint(in: folder)) { checkpoint in
            let index = checkpoint.optimizer.buffers.firstIndex { $0.name == "layer2.weight.exp_avg_sq" }!
            checkpoint.optimizer.buffers[index].values[5] = -0.25
        }
        expectUnchanged(Self.setup, id: "is not a valid checkpoint",
                        message: "\"layer2.weight.exp_avg_sq\" holds -0.25 at element 5", in: folder)
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
