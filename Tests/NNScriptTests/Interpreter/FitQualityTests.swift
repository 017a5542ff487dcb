import Foundation
import NNScript
import Testing

/// nnscript fits as well as PyTorch on the same data, architecture, optimizer and iterations (full batch, Adam):
/// accuracy within 2 points, MSE within 25 %. PyTorch runs `Reference/fit_quality.py`; without torch in python3
/// (or `$NNSCRIPT_PYTHON`) the test skips, saying so, unless `NNSCRIPT_REQUIRE_TORCH=1` makes that a failure.
@Suite struct FitQualityTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The table: a header, inputs, the target last.
        var table: @Sendable () -> String
        var hidden: [Int]
        var lr: Double
        var iterations: Int
        /// The recipe's `features` (empty: none) and `normalize`, which the reference applies the same way.
        var features: [String] = []
        var normalize = false
        /// A holdout table with the same columns, judged by both sides.
        var holdout: (@Sendable () -> String)? = nil
        var description: String { name }
    }

    /// A built-in set as a table, labels named `c0 … c(K−1)` so both sides read them as classes.
    static func classes(_ kind: ClassificationKind, samples: Int, noise: Double) -> String {
        guard case .success(let set) = DataGenerator.classification(kind, samples: samples, noise: noise, seed: 7)
        else { return "" }
        let rows = (0..<set.count).map { i in "\(set.inputs[2 * i]),\(set.inputs[2 * i + 1]),c\(set.labels[i])" }
        return "x1,x2,label\n" + rows.joined(separator: "\n") + "\n"
    }

    /// `sin(x1)·cos(x2)` plus noise at uniform points of [−3, 3]², drawn as `data … on [-3, 3] x [-3, 3]` draws.
    static func surface(samples: Int) -> String {
        let box = [Interval(low: -3, high: 3), Interval(low: -3, high: 3)]
        let points = DataGenerator.uniformInputs(box, samples: samples, seed: 7)
        let noise = DataGenerator.gaussianNoise(count: samples, standardDeviation: 0.05, seed: 7)
        let rows = (0..<samples).map { i -> String in
            let (a, b) = (Float(points[2 * i]), Float(points[2 * i + 1]))
            let y = Float(sin(points[2 * i]) * cos(points[2 * i + 1]) + noise[i])
            return "\(a),\(b),\(y)"
        }
        return "x1,x2,y\n" + rows.joined(separator: "\n") + "\n"
    }

    static let cases: [Case] = [
        // As examples/spiral.nn: TensorFlow Playground's features, standardised.
        Case(name: "spiral", table: { classes(.spiral(classes: 3), samples: 600, noise: 0.1) }, hidden: [16, 16],
             lr: 1e-2, iterations: 1000, features: ["x1", "x2", "x1 * x2", "sin(x1)", "sin(x2)"], normalize: true),
        Case(name: "moons", table: { classes(.moons, samples: 600, noise: 0.2) }, hidden: [16, 16], lr: 1e-2,
             iterations: 600),
        Case(name: "surface", table: { surface(samples: 1000) }, hidden: [32, 32], lr: 3e-3, iterations: 600),
        // As examples/iris.nn: the training table standardised, the test table a holdout.
        Case(name: "iris", table: { RepositoryFiles.text("examples/data/iris-train.csv") }, hidden: [16], lr: 1e-2,
             iterations: 500, normalize: true, holdout: { RepositoryFiles.text("examples/data/iris-test.csv") }),
    ]

    @Test(.enabled(if: PythonRunner.runsTorchTests, PythonRunner.torchSkipReason), arguments: cases)
    func fitsAsWellAsPyTorch(_ c: Case) throws {
        let folder = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try c.table().write(toFile: folder + "/train.csv", atomically: true, encoding: .utf8)
        try c.holdout?().write(toFile: folder + "/test.csv", atomically: true, encoding: .utf8)
        let setUp = (c.holdout == nil ? "" : "holdout csv \"test.csv\"\n")
            + (c.features.isEmpty ? "" : "features " + c.features.joined(separator: ", ") + "\n")
            + (c.normalize ? "normalize\n" : "")
        let recipe = "seed 7\ndata csv \"train.csv\"\n" + setUp + c.hidden.map { "layer \($0) tanh\n" }.joined()
            + "output linear\noptimizer adam lr=\(c.lr)\ntrain \(c.iterations)\n"
        let ours = RecipeRun(recipe, in: folder, threads: 2)
        #expect(ours.result.exitCode == 0, "\(ours.errors)")
        let summary = try #require(ours.result.summary)

        let script = RepositoryFiles.text("Tests/NNScriptTests/Reference/fit_quality.py")
        var arguments = [folder + "/train.csv", c.hidden.map(String.init).joined(separator: ","), "\(c.lr)",
                         "\(c.iterations)", "7"]
        if !c.features.isEmpty { arguments += ["--features", c.features.joined(separator: "; ")] }
        if c.normalize { arguments.append("--normalize") }
        if c.holdout != nil { arguments += ["--holdout", folder + "/test.csv"] }
        let torch = try PythonRunner.run(script: script, arguments: arguments)
        #expect(torch.status == 0, "\(torch.stderr)")
        let reference = try JSONSerialization.jsonObject(with: Data(torch.stdout.utf8)) as? [String: Double] ?? [:]
        if let accuracy = reference["accuracy"] {
            let mine = try #require(summary.accuracy)
            print("fit quality \(c.name): nnscript accuracy \(mine), PyTorch \(accuracy)")
            #expect(mine >= accuracy - 0.02, "nnscript \(mine), PyTorch \(accuracy)")
            if let theirs = reference["holdout_accuracy"] {
                // A holdout of n rows moves in steps of 1/n: within 2 points or one row, whichever is more.
                let rows = Double(max(1, (c.holdout?().split(separator: "\n").count ?? 2) - 1))
                let holdout = try #require(summary.holdoutAccuracy)
                print("fit quality \(c.name): nnscript holdout accuracy \(holdout), PyTorch \(theirs)")
                #expect(holdout >= theirs - max(0.02, 1 / rows), "nnscript \(holdout), PyTorch \(theirs)")
            }
        } else {
            let theirs = try #require(reference["mse"])
            let mine = try #require(summary.mse)
            print("fit quality \(c.name): nnscript mse \(mine), PyTorch \(theirs)")
            #expect(mine <= theirs * 1.25, "nnscript \(mine), PyTorch \(theirs)")
        }
    }
}
