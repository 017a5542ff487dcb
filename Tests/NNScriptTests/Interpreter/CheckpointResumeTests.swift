import Foundation
import NNScript
import Testing

/// `train N; save; load; train N` must end with the same weights, bit for bit, as `train 2N`.
@Suite struct CheckpointResumeTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var setup: String
        /// A cosine schedule spans the optimizer's steps so far plus each `train`'s, so `train 150; train 150` is
        /// not `train 300`: its resumes are compared with the same `train` statements run without stopping.
        var cosine = false
        var description: String { name }
    }

    static let data = "seed 3\ndata sin(3*x) on [-1, 1] samples 200\nlayer 16 tanh\n"

    static let cases: [Case] = [
        Case(name: "adam, full batch", setup: data + "optimizer adam lr=0.01\n"),
        Case(name: "sgd with momentum, full batch", setup: data + "optimizer momentum lr=0.05 momentum=0.9\n"),
        Case(name: "rmsprop cosine, full batch",
             setup: data + "optimizer rmsprop lr=0.003\nschedule cosine min_lr=1e-5\n", cosine: true),
        Case(name: "adam, batch 32", setup: data + "optimizer adam lr=0.01\nbatch 32\n"),
        Case(name: "nesterov step warmup, batch 32",
             setup: data + "optimizer nesterov lr=0.05 momentum=0.9\nschedule step every=40 gamma=0.5 warmup=10\nbatch 32\n"),
        Case(name: "adam cosine warmup, batch 32",
             setup: data + "optimizer adam lr=0.01\nschedule cosine min_lr=1e-4 warmup=20\nbatch 32\n", cosine: true),
    ]

    @Test(arguments: cases)
    func resumeInAFreshSessionMatchesOneRun(_ c: Case) throws {
        let folder = try TemporaryFolder.make("resume")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let once = RecipeRun(c.setup + (c.cosine ? "train 150\ntrain 150\n" : "train 300\n"), in: folder)
        let first = RecipeRun(c.setup + "train 150\nsave \"c.ckpt\"\ntrain 150\n", in: folder)
        let resumed = RecipeRun(c.setup + "load \"c.ckpt\"\ntrain 150\n", in: folder)
        #expect(once.result.exitCode == 0, "\(once.errors)")
        #expect(first.result.exitCode == 0, "\(first.errors)")
        #expect(resumed.result.exitCode == 0, "\(resumed.errors)")
        #expect(first.hash == once.hash, "save must not change the run")
        #expect(resumed.hash == once.hash)
        #expect(resumed.session.iterations == 300)
        // The loaded state matters: without the load the same recipe ends elsewhere.
        let unloaded = RecipeRun(c.setup + "train 150\n", in: folder)
        #expect(unloaded.hash != resumed.hash)
    }

    @Test(arguments: cases)
    func loadInTheSameSessionUndoesLaterTraining(_ c: Case) throws {
        let folder = try TemporaryFolder.make("resume")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let once = RecipeRun(c.setup + (c.cosine ? "train 150\ntrain 150\n" : "train 300\n"), in: folder)
        let split = RecipeRun(c.setup + "train 150\nsave \"c.ckpt\"\ntrain 37\nload \"c.ckpt\"\ntrain 150\n",
                              in: folder)
        #expect(split.result.exitCode == 0, "\(split.errors)")
        #expect(split.hash == once.hash)
        #expect(split.session.iterations == 300)
    }

    /// `schedule cosine` stretched its curve over each `train`, so `train 200; save; load; train 200` was not
    /// `train 400`; with `total=400` the horizon is fixed and the split run is the whole run, bit for bit.
    @Test(arguments: ["schedule cosine min_lr=1e-4 total=400\n", "schedule cosine total=400 warmup=30\nbatch 32\n"])
    func aCosineWithAFixedHorizonResumesExactly(schedule: String) throws {
        let folder = try TemporaryFolder.make("resume-total")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let setup = Self.data + "optimizer adam lr=0.01\n" + schedule
        let whole = RecipeRun(setup + "train 400\n", in: folder)
        let first = RecipeRun(setup + "train 200\nsave \"c.ckpt\"\n", in: folder)
        let resumed = RecipeRun(setup + "load \"c.ckpt\"\ntrain 200\n", in: folder)
        let statements = RecipeRun(setup + "train 150\ntrain 250\n", in: folder)
        #expect(whole.result.exitCode == 0 && first.result.exitCode == 0 && resumed.result.exitCode == 0,
                "\(whole.errors)\(first.errors)\(resumed.errors)")
        #expect(resumed.hash == whole.hash)
        #expect(statements.hash == whole.hash)
        // Without `total` the split run ends elsewhere: the option is what makes them equal.
        let open = setup.replacingOccurrences(of: " total=400", with: "")
        let openWhole = RecipeRun(open + "train 400\n", in: folder)
        let openSplit = RecipeRun(open + "train 200\ntrain 200\n", in: folder)
        #expect(openWhole.hash != openSplit.hash)
    }

    @Test func loadBeforeAnyTrainingKeepsFreshWeights() throws {
        let folder = try TemporaryFolder.make("resume")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let setup = Self.cases[0].setup
        let saved = RecipeRun(setup + "save \"c.ckpt\"\ntrain 50\n", in: folder)
        let loaded = RecipeRun(setup + "load \"c.ckpt\"\ntrain 50\n", in: folder)
        #expect(saved.result.exitCode == 0 && loaded.result.exitCode == 0, "\(saved.errors)\(loaded.errors)")
        #expect(loaded.hash == saved.hash)
    }
}

extension CheckpointResumeTests {
    /// Adagrad and AdamW, plain SGD and a step schedule, a larger mini-batch with a remainder: every optimizer kind
    /// resumes.
    static let moreCases: [Case] = [
        Case(name: "sgd, exponential", setup: data + "optimizer sgd lr=0.05\nschedule exponential gamma=0.995\n"),
        Case(name: "adagrad, batch 48", setup: data + "optimizer adagrad lr=0.05\nbatch 48\n"),
        Case(name: "adamw, batch 32", setup: data + "optimizer adamw lr=0.01 weight_decay=0.01\nbatch 32\n"),
        Case(name: "rmsprop momentum, batch 64",
             setup: data + "optimizer rmsprop lr=0.003 momentum=0.5\nbatch 64\n"),
    ]

    @Test(arguments: moreCases)
    func everyOptimizerResumes(_ c: Case) throws {
        try resumeInAFreshSessionMatchesOneRun(c)
    }
}
