import Foundation
import NNScript
import Testing

/// Sample checkpoints, shared by the round-trip and corruption tests.
enum CheckpointFixtures {
    static let architecture = ArchitectureSignature(inputSize: 1, layers: [
        .init(outputs: 3, activation: "tanh", bias: true),
        .init(outputs: 1, activation: "bump(x) = exp(-(x ^ 2.0))", bias: false),
    ])

    /// A checkpoint with every field set, including awkward values: NaN, -0, infinities, UInt64.max, Unicode.
    static let full = Checkpoint(
        recipe: "seed 7\ndata sin(x)/2.5 on [-1, 9]\nlayer 3 tanh\noutput linear  # ünïcödé ✓\ntrain 1000\n",
        architecture: architecture,
        parameters: [
            NamedTensor(name: "layer1.weight", shape: [1, 3], values: [0.5, -0.0, .leastNonzeroMagnitude]),
            NamedTensor(name: "layer1.bias", shape: [1, 3], values: [1e-30, .infinity, -.infinity]),
            NamedTensor(name: "layer2.weight", shape: [3, 1], values: [.nan, 3.4028235e38, -1]),
        ],
        optimizer: OptimizerSnapshot(
            kind: "adam", step: 1000, scalars: ["beta1_power": 0.9.squareRoot(), "beta2_power": 1e-300],
            buffers: [
                NamedTensor(name: "layer1.weight.m", shape: [1, 3], values: [0.1, 0.2, 0.3]),
                NamedTensor(name: "layer1.weight.v", shape: [1, 3], values: [0.01, 0.02, 0.03]),
            ]),
        schedulePosition: 1000,
        rngCounters: ["init": 16, "noise": 8000, "shuffle": .max],
        dataCursor: DataCursor(epoch: 12, position: 37, permutationSeed: 0xDEAD_BEEF, permutationCounter: 4096,
                               permutation: [2, 0, 3, 1]),
        iteration: 1000,
        lossHistory: (0..<250).map { LossSample(iteration: UInt64($0 * 4), loss: 1 / Double($0 + 1)) })

    /// The smallest checkpoint: nothing trained, nothing recorded.
    static let empty = Checkpoint(
        recipe: "", architecture: ArchitectureSignature(inputSize: 1, layers: []), parameters: [],
        optimizer: OptimizerSnapshot(kind: "sgd", step: 0, buffers: []), schedulePosition: 0, rngCounters: [:],
        dataCursor: .start, iteration: 0, lossHistory: [])
}

@Suite struct CheckpointRoundTripTests {
    @Test(arguments: [CheckpointFixtures.full, CheckpointFixtures.empty])
    func decodeInvertsEncode(checkpoint: Checkpoint) throws {
        let decoded = try Checkpoint.decode(checkpoint.encode())
        #expect(decoded == checkpoint)
        #expect(decoded.encode() == checkpoint.encode())
    }

    @Test func awkwardValuesSurviveBitForBit() throws {
        let decoded = try Checkpoint.decode(CheckpointFixtures.full.encode())
        #expect(decoded.parameters[2].values[0].isNaN)
        #expect(decoded.parameters[0].values[1].sign == .minus)
        #expect(decoded.rngCounters["shuffle"] == .max)
        #expect(decoded.optimizer.scalars["beta2_power"] == 1e-300)
        #expect(decoded.lossHistory.count == 250)
        #expect(decoded.recipe.contains("ünïcödé ✓"))
    }

    @Test func encodingIsDeterministicWhateverTheDictionaryOrder() {
        var reordered = CheckpointFixtures.full
        reordered.rngCounters = Dictionary(uniqueKeysWithValues: reordered.rngCounters.reversed())
        #expect(reordered.encode() == CheckpointFixtures.full.encode())
    }

    @Test func theFileStartsWithTheSignatureAndVersion() {
        let bytes = CheckpointFixtures.empty.encode()
        #expect(Array(bytes.prefix(12)) == [0x89, 0x4E, 0x4E, 0x53, 0x43, 0x4B, 0x50, 0x54, 2, 0, 0, 0])
    }

    @Test func writeThenReadThroughTheFileSystem() throws {
        let folder = NSTemporaryDirectory() + "nnscript-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model.ckpt"
        try CheckpointFixtures.full.write(to: path)
        #expect(try Checkpoint.read(from: path) == CheckpointFixtures.full)
        #expect(throws: FileReadError.self) { try Checkpoint.read(from: folder + "/missing.ckpt") }
    }

    @Test func validateAcceptsTheSameArchitectureAndNamesBothOtherwise() throws {
        // The fixture's awkward values (NaN, infinities) test the encoding; a checkpoint that resumes holds finite ones.
        var checkpoint = CheckpointFixtures.full
        checkpoint.parameters = checkpoint.parameters.map { tensor in
            var finite = tensor
            finite.values = tensor.values.map { $0.isFinite ? $0 : 0 }
            return finite
        }
        try checkpoint.validate(against: CheckpointFixtures.architecture)

        var wider = CheckpointFixtures.architecture
        wider.layers[0].outputs = 4
        let error = try #require(throws: CheckpointError.self) { try checkpoint.validate(against: wider) }
        #expect(error == .architectureMismatch(expected: wider.description,
                                               found: CheckpointFixtures.architecture.description))
        #expect(error.description == "architecture mismatch: the session's model is "
                + "1 → 4 tanh → 1 bump(x) = exp(-(x ^ 2.0)) (no bias), the checkpoint's is "
                + "1 → 3 tanh → 1 bump(x) = exp(-(x ^ 2.0)) (no bias)")

        var withBias = CheckpointFixtures.architecture
        withBias.layers[1].bias = true
        #expect(throws: CheckpointError.self) { try checkpoint.validate(against: withBias) }
    }

    @Test func tensorsAreLookedUpByNameAndShape() throws {
        let checkpoint = CheckpointFixtures.full
        #expect(try checkpoint.parameter(named: "layer1.weight", shape: [1, 3]).count == 3)
        #expect(try checkpoint.optimizerBuffer(named: "layer1.weight.v", shape: [1, 3]) == [0.01, 0.02, 0.03])
        #expect(throws: CheckpointError.missingTensor("layer3.weight")) {
            try checkpoint.parameter(named: "layer3.weight", shape: [1, 1])
        }
        let error = try #require(throws: CheckpointError.self) {
            try checkpoint.parameter(named: "layer1.bias", shape: [3, 1])
        }
        #expect(error.description == "the checkpoint's \"layer1.bias\" has shape [1, 3], the session needs [3, 1]")
    }

    @Test func aTensorWhoseValuesDisagreeWithItsShapeIsStoredFlat() throws {
        var checkpoint = CheckpointFixtures.empty
        checkpoint.parameters = [NamedTensor(name: "w", shape: [100_000, 100_000], values: [1, 2, 3])]
        let decoded = try Checkpoint.decode(checkpoint.encode())
        #expect(decoded.parameters == [NamedTensor(name: "w", shape: [3], values: [1, 2, 3])])
        #expect(throws: CheckpointError.shapeMismatch(name: "w", expected: [100_000, 100_000], found: [3])) {
            try decoded.parameter(named: "w", shape: [100_000, 100_000])
        }
    }
}
