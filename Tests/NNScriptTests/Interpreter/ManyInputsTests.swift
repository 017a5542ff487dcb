import Foundation
import NNScript
import Testing

/// Data of several inputs, outputs or classes runs end to end: reproducible for any thread count and across
/// save/load, reported with the metrics of its kind, predicted point by point.
@Suite struct ManyInputsTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var setup: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "2-D regression", setup: """
            seed 4
            data sin(x1) * cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 300
            layer 16 tanh
            optimizer adam lr=1e-2

            """),
        Case(name: "two outputs", setup: """
            seed 4
            data [sin(x), cos(x)] noise 0.02 on [0, 6] samples 200
            layer 16 tanh
            optimizer adam lr=1e-2

            """),
        Case(name: "spiral, mini-batches", setup: """
            seed 4
            data spiral classes 3 noise 0.1 samples 300
            layer 16 tanh
            optimizer adam lr=1e-2
            batch 64

            """),
        Case(name: "table with class labels", setup: """
            seed 4
            data csv "iris.csv" target species
            layer 8 tanh
            optimizer adam lr=1e-2

            """),
        Case(name: "spiral with features and normalize, mini-batches", setup: """
            seed 4
            data spiral classes 3 noise 0.1 samples 300
            features x1, x2, x1 * x2, sin(x1), sin(x2)
            normalize
            layer 16 tanh
            optimizer adam lr=1e-2
            batch 64

            """),
        Case(name: "table with normalize, features and a holdout", setup: """
            seed 4
            data csv "iris-train.csv" target species
            holdout csv "iris-test.csv"
            features sepal_length, petal_length * petal_width, petal_width
            normalize
            layer 8 tanh
            optimizer adam lr=1e-2

            """),
        Case(name: "2-D regression with a holdout and normalize", setup: """
            seed 4
            data sin(x1) * cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 300
            holdout on [-3, 3] x [-3, 3] samples 100
            normalize
            layer 16 tanh
            optimizer adam lr=1e-2

            """),
    ]

    /// A folder holding a copy of the repository's iris table.
    static func folder() throws -> String {
        let folder = try TemporaryFolder.make("many")
        for name in ["iris.csv", "iris-train.csv", "iris-test.csv"] {
            try FileManager.default.copyItem(
                atPath: RepositoryFiles.root.appendingPathComponent("examples/data/" + name).path,
                toPath: folder + "/" + name)
        }
        return folder
    }

    @Test(arguments: cases)
    func sameWeightsForAnyThreadCount(_ c: Case) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let one = RecipeRun(c.setup + "train 60\n", in: folder)
        let two = RecipeRun(c.setup + "train 60\n", in: folder, threads: 2)
        #expect(one.result.exitCode == 0, "\(one.errors)")
        #expect(one.hash == two.hash)
        #expect(one.session.iterations == 60)
    }

    @Test(arguments: cases)
    func resumeMatchesOneRun(_ c: Case) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let once = RecipeRun(c.setup + "train 60\n", in: folder)
        let resumed = RecipeRun(c.setup + "train 30\nsave \"c.ckpt\"\n", in: folder)
        let loaded = RecipeRun(c.setup + "load \"c.ckpt\"\ntrain 30\n", in: folder)
        #expect(loaded.result.exitCode == 0, "\(loaded.errors)")
        #expect(resumed.hash != once.hash)
        #expect(loaded.hash == once.hash)
    }

    @Test func aCheckpointOfTwoInputsIsRefusedByOneInput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = RecipeRun(Self.cases[0].setup + "train 5\nsave \"c.ckpt\"\n", in: folder)
        #expect(saved.result.exitCode == 0, "\(saved.errors)")
        let other = RecipeRun("data sin(x) on [0, 1]\nlayer 16 tanh\nload \"c.ckpt\"\n", in: folder)
        #expect(other.result.exitCode == 1)
        #expect(other.errors.contains("c.ckpt"), "\(other.errors)")
        #expect(other.errors.contains("2 → 16 tanh"), "\(other.errors)")
    }

    @Test func aClassifierReportsAccuracyPrecisionRecallAndConfusion() throws {
        let run = RecipeRun(Self.cases[2].setup + "train 200\nreport\n", in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("cross_entropy"))
        #expect(run.output.contains("accuracy"))
        #expect(run.output.contains("precision"))
        #expect(run.output.contains("confusion (rows: actual, columns: predicted)"))
        #expect(run.output.contains("inputs x1, x2 → 3 classes 0, 1, 2"))
        let summary = try #require(run.result.summary)
        #expect(summary.accuracy.map { $0 > 0.5 && $0 <= 1 } == true, "\(String(describing: summary.accuracy))")
        #expect(summary.confusion?.count == 3)
        #expect(summary.confusion?.flatMap { $0 }.reduce(0, +) == 300)
        #expect(summary.mse == nil)
    }

    @Test func aRegressionOfTwoInputsReportsMSEAndR2() throws {
        let run = RecipeRun(Self.cases[0].setup + "train 300\nreport\nexpect r2 > 0.5\nexpect mse < 0.2\n",
                            in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("r2"))
        #expect(run.result.expectationsPassed == 2)
        let summary = try #require(run.result.summary)
        #expect(summary.r2.map { $0 > 0.5 } == true)
        #expect(summary.accuracy == nil)
    }

    @Test func predictNamesTheClassAndItsProbabilities() throws {
        let run = RecipeRun(Self.cases[2].setup + "train 20\npredict (0.5, 0.2), (0, -0.8)\n",
                            in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").filter { $0.hasPrefix("predict (") }
        #expect(lines.count == 2)
        #expect(lines.first?.contains("predict (0.5, 0.2) → class ") == true, "\(lines)")
        // Three probabilities that add up to one.
        let probabilities = lines.first.map { line in
            line.split(separator: "(").last!.split(separator: ",").compactMap { Double($0.split(separator: " ").last!.trimmingCharacters(in: CharacterSet(charactersIn: ")"))) }
        } ?? []
        #expect(probabilities.count == 3)
        #expect(abs(probabilities.reduce(0, +) - 1) < 0.01, "\(probabilities)")
    }

    @Test func predictOfSeveralOutputsNamesEach() throws {
        let run = RecipeRun(Self.cases[1].setup + "train 5\npredict 1, 2\n", in: NSTemporaryDirectory(),
                            quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("predict (1) → y1 = "), "\(run.output)")
    }

    @Test func theOneDimensionalReportIsUnchanged() throws {
        let run = RecipeRun("seed 1\ndata sin(x) on [0, 6] samples 100\nlayer 8 tanh\ntrain 20\nreport\n",
                            in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0)
        #expect(!run.output.contains("columns"))
        #expect(run.output.contains("x in [0, 6]"))
        #expect(run.result.summary?.accuracy == nil && run.result.summary?.r2 == nil)
    }

    @Test func predictOnRefusesSeveralInputsClearly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let range = RecipeRun(Self.cases[2].setup + "train 2\npredict on [0, 1]\n", in: folder)
        #expect(range.result.exitCode == 1)
        #expect(range.errors.contains("'predict on [A, B]' spaces points of one input"), "\(range.errors)")
    }

    // MARK: - Tables

    @Test func aMissingTargetColumnSuggestsTheNearestAtItsName() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recipe = "data csv \"iris.csv\" target specis\nlayer 4 tanh\ntrain 3\n"
        let run = RecipeRun(recipe, in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:1:28: error: 'iris.csv' has no column 'specis'"), "\(run.errors)")
        #expect(run.errors.contains("did you mean 'species'?"), "\(run.errors)")
    }

    @Test func aClassLabelInAnInputColumnNamesItsLine() throws {
        let folder = try TemporaryFolder.make("many")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,b,label\n1,2,cat\n3,dog,cat\n5,6,mouse\n".write(toFile: folder + "/t.csv", atomically: true,
                                                               encoding: .utf8)
        let run = RecipeRun("data csv \"t.csv\" target label\nlayer 4 tanh\ntrain 3\n", in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("'t.csv' line 3: field 2 'dog' is not a number"), "\(run.errors)")
    }

    @Test func crossEntropyOnANumericTableTargetIsRefused() throws {
        let folder = try TemporaryFolder.make("many")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,b,price\n1,2,3\n3,4,5\n5,6,7\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let run = RecipeRun("data csv \"t.csv\"\nloss cross_entropy\nlayer 4 tanh\ntrain 3\n", in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("'cross_entropy' needs class labels"), "\(run.errors)")
        let accuracy = RecipeRun("data csv \"t.csv\"\nlayer 4 tanh\ntrain 3\nexpect accuracy > 0.5\n", in: folder)
        #expect(accuracy.result.exitCode == 1)
        #expect(accuracy.errors.contains("test.nn:4:1: error: 'accuracy' is for class targets"), "\(accuracy.errors)")
    }

    @Test func severalTargetsOfATableAreSeveralOutputs() throws {
        let folder = try TemporaryFolder.make("many")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<30).map { i in "\(i),\(i % 3),\(2 * i),\(i + 1)" }.joined(separator: "\n")
        try ("size,floor,price,rooms\n" + rows + "\n").write(toFile: folder + "/house.csv", atomically: true,
                                                             encoding: .utf8)
        let run = RecipeRun("data csv \"house.csv\" target price, rooms\nlayer 4 tanh\ntrain 3\n", in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.session.showText().contains("inputs size, floor → outputs price, rooms"),
                "\(run.session.showText())")
        #expect(run.session.showText().contains("2 → 4 tanh → 2 linear"))
    }
}
