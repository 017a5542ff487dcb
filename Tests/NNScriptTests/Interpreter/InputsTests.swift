import Foundation
import NNScript
import Testing

/// `features` and `normalize`: what the network sees, applied alike to every row, kept in checkpoints.
@Suite struct InputsTests {
    @Test func normalizeMakesTheInputsScaleFree() throws {
        // Two tables of the same rows, the second's inputs 1000 times larger and shifted: standardised, the
        // network sees the same numbers (up to rounding), so it trains to nearly the same loss.
        let folder = try TemporaryFolder.make("inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<40).map { Double($0) / 10 }
        try ("a,y\n" + rows.map { "\($0),\(sin($0))" }.joined(separator: "\n") + "\n")
            .write(toFile: folder + "/small.csv", atomically: true, encoding: .utf8)
        try ("a,y\n" + rows.map { "\($0 * 1000 + 5000),\(sin($0))" }.joined(separator: "\n") + "\n")
            .write(toFile: folder + "/large.csv", atomically: true, encoding: .utf8)
        let setup = "seed 3\nnormalize\nlayer 8 tanh\noptimizer adam lr=1e-2\ntrain 200\n"
        let small = RecipeRun("data csv \"small.csv\"\n" + setup, in: folder)
        let large = RecipeRun("data csv \"large.csv\"\n" + setup, in: folder)
        let raw = RecipeRun("data csv \"large.csv\"\n" + setup.replacingOccurrences(of: "normalize\n", with: ""),
                            in: folder)
        let (a, b, c) = (try #require(small.result.summary?.finalLoss), try #require(large.result.summary?.finalLoss),
                         try #require(raw.result.summary?.finalLoss))
        #expect(abs(a - b) < 1e-3 * max(a, 1e-6) + 1e-6, "\(a) \(b)")
        #expect(c > 10 * b, "without normalize the large inputs saturate tanh: \(c) vs \(b)")
    }

    @Test func aConstantInputIsWarnedAboutAndScaledByOne() throws {
        let folder = try TemporaryFolder.make("inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,b,y\n1,7,1\n2,7,2\n3,7,3\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let run = RecipeRun("data csv \"t.csv\"\nnormalize\nlayer 4 tanh\ntrain 5\n", in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.errors.contains("warning: the input 'b' has the same value in every training row; normalize "
                                    + "scales it by 1"), "\(run.errors)")
    }

    @Test func featuresBecomeTheNetworksInputs() throws {
        let recipe = "data spiral samples 100\nfeatures x1, x2, x1 * x2, sin(x1), sin(x2)\nlayer 4 tanh\ntrain 2\n"
        let run = RecipeRun(recipe, in: NSTemporaryDirectory())
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.session.showText().contains("5 → 4 tanh → 2 linear"), "\(run.session.showText())")
        let input = RecipeRun(recipe.replacingOccurrences(of: "layer 4", with: "input 2\nlayer 4"),
                              in: NSTemporaryDirectory())
        #expect(input.result.exitCode == 1)
        #expect(input.errors.contains("'input 2' does not fit the data: it has 5 features"), "\(input.errors)")
    }

    @Test func aFeatureOfAnUnknownInputIsLocated() throws {
        let checked = RecipeRun("data spiral\nfeatures x1, x3\ntrain 2\n", in: NSTemporaryDirectory())
        #expect(checked.result.exitCode == 1)
        #expect(checked.errors.contains("test.nn:2:14: error: unknown variable 'x3'"), "\(checked.errors)")
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let table = RecipeRun("data csv \"iris.csv\" target species\nfeatures petal_lenght\nlayer 4 tanh\ntrain 2\n",
                              in: folder)
        #expect(table.result.exitCode == 1)
        #expect(table.errors.contains("test.nn:2:10: error: unknown variable 'petal_lenght'"), "\(table.errors)")
        #expect(table.errors.contains("did you mean 'petal_length'?"), "\(table.errors)")
    }

    @Test func aFeatureThatIsNotFiniteNamesTheRow() throws {
        let folder = try TemporaryFolder.make("inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,y\n1,1\n0,2\n3,3\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let bad = RecipeRun("data csv \"t.csv\"\nfeatures 1 / a\nlayer 4 tanh\ntrain 2\n", in: folder)
        #expect(bad.result.exitCode == 1)
        #expect(bad.errors.contains("the feature '1/a' is not finite in Float32 at training row 2 (a = 0)"),
                "\(bad.errors)")
    }

    @Test func predictAppliesTheFeaturesAndTheScaling() throws {
        // The training table predicted through `predict csv` gives the report's training MSE: both go through the
        // one pipeline (raw rows fed to a network trained on standardised features would be far off).
        let folder = try TemporaryFolder.make("inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<60).map { i -> String in
            let (a, b) = (Double(i % 10), 100 + Double(i) * 1.5)
            return "\(a),\(b),\(sin(a) + b / 100)"
        }
        try ("a,b,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: folder + "/t.csv", atomically: true,
                                                                  encoding: .utf8)
        let recipe = "seed 5\ndata csv \"t.csv\"\nfeatures a, b, sin(a)\nnormalize\nlayer 8 tanh\n"
            + "optimizer adam lr=1e-2\ntrain 300\npredict csv \"t.csv\" \"out.csv\"\n"
        let run = RecipeRun(recipe, in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        let mse = try #require(run.result.summary?.mse)
        let out = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let squares = zip(out, rows).map { predicted, row -> Double in
            let p = Double(predicted.split(separator: ",")[2])!, y = Double(row.split(separator: ",")[2])!
            return (p - y) * (p - y)
        }
        let fromFile = squares.reduce(0, +) / Double(squares.count)
        #expect(squares.count == 60)
        #expect(abs(fromFile - mse) <= 1e-9 + 1e-6 * mse, "predict csv \(fromFile), report \(mse)")
        #expect(mse < 0.1, "\(mse)")
    }

    @Test func aCheckpointRecordsTheClassesFeaturesAndScaling() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let setup = "seed 4\ndata csv \"iris-train.csv\" target species\nnormalize\nlayer 8 tanh\n"
        let saved = RecipeRun(setup + "train 5\nsave \"c.ckpt\"\n", in: folder)
        #expect(saved.result.exitCode == 0, "\(saved.errors)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/c.ckpt")))
        let checkpoint = try Checkpoint.decode(bytes)
        #expect(checkpoint.data?.classes == ["setosa", "versicolor", "virginica"])
        #expect(checkpoint.data?.scaling?.mean.count == 4)

        let unnormalized = RecipeRun(setup.replacingOccurrences(of: "normalize\n", with: "") + "load \"c.ckpt\"\n",
                                     in: folder)
        #expect(unnormalized.result.exitCode == 1)
        #expect(unnormalized.errors.contains("the checkpoint's inputs were normalized; add 'normalize' before 'load'"),
                "\(unnormalized.errors)")
        // Other rows, other statistics.
        let other = RecipeRun(setup.replacingOccurrences(of: "iris-train.csv", with: "iris.csv") + "load \"c.ckpt\"\n",
                              in: folder)
        #expect(other.result.exitCode == 1)
        #expect(other.errors.contains("normalized with other statistics"), "\(other.errors)")
        let features = RecipeRun(setup + "features sepal_length, sepal_width, petal_length, petal_width * 2\n"
                                     + "load \"c.ckpt\"\n", in: folder)
        #expect(features.result.exitCode == 1)
        #expect(features.errors.contains("the checkpoint was trained with no features; this recipe has features "
                                         + "sepal_length, sepal_width, petal_length, petal_width*2"),
                "\(features.errors)")
    }

    @Test func aCheckpointOfOtherClassesIsRefused() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = RecipeRun("seed 4\ndata csv \"iris.csv\" target species\nlayer 8 tanh\ntrain 3\nsave \"c.ckpt\"\n",
                              in: folder)
        #expect(saved.result.exitCode == 0, "\(saved.errors)")
        let text = try String(contentsOfFile: folder + "/iris.csv", encoding: .utf8)
            .replacingOccurrences(of: "setosa", with: "bristly")
        try text.write(toFile: folder + "/renamed.csv", atomically: true, encoding: .utf8)
        let load = RecipeRun("seed 4\ndata csv \"renamed.csv\" target species\nlayer 8 tanh\nload \"c.ckpt\"\n",
                             in: folder)
        #expect(load.result.exitCode == 1)
        #expect(load.errors.contains("the checkpoint was trained on the classes setosa, versicolor, virginica; this "
                                     + "data has the classes bristly, versicolor, virginica"), "\(load.errors)")
    }

    @Test func aVersionOneCheckpointStillLoads() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let setup = "seed 4\ndata csv \"iris.csv\" target species\nlayer 8 tanh\n"
        let once = RecipeRun(setup + "train 20\n", in: folder)
        let saved = RecipeRun(setup + "train 10\nsave \"c.ckpt\"\n", in: folder)
        #expect(saved.result.exitCode == 0, "\(saved.errors)")
        let path = folder + "/c.ckpt"
        let checkpoint = try Checkpoint.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        let old = checkpoint.encode(version: 1)
        #expect(old[8] == 1)
        #expect(try Checkpoint.decode(old).data == nil)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let loaded = RecipeRun(setup + "load \"c.ckpt\"\ntrain 10\n", in: folder)
        #expect(loaded.result.exitCode == 0, "\(loaded.errors)")
        #expect(loaded.hash == once.hash)
        let normalized = RecipeRun(setup + "normalize\nload \"c.ckpt\"\n", in: folder)
        #expect(normalized.result.exitCode == 1)
        #expect(normalized.errors.contains("the checkpoint's inputs were not normalized"), "\(normalized.errors)")
    }
}
