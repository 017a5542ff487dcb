import Foundation
import Testing

/// The package's root folder (for the examples).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A recipe written to a fresh temporary folder.
func temporaryRecipe(_ text: String, name: String = "recipe.nn") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnscript-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

let tinyRecipe = """
    seed 5
    data sin(x) noise 0.02 on [0, 3] samples 200
    layer 16 tanh
    output linear
    optimizer adam lr=1e-2
    train 200
    report
    expect parameters == 49
    """

@Suite struct RunCommandTests {
    @Test func runPrintsDataModelTrainReportAndHash() throws {
        let result = try runNNScript(["run", try temporaryRecipe(tinyRecipe)])
        #expect(result.status == 0, "\(result.stderr)")
        for label in ["data    200 points", "model   1 → 16 tanh → 1 linear", "train   adam", "report  loss",
                      "expect  parameters == 49 ✓", "weights sha256:"] {
            #expect(result.stdout.contains(label), "missing \(label)")
        }
    }

    @Test func sameWeightHashTwiceAndForOneAndTwoThreads() throws {
        let path = try temporaryRecipe(tinyRecipe)
        func hash(_ extra: [String]) throws -> String {
            let result = try runNNScript(["run", path, "--json", "-"] + extra)
            #expect(result.status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return json?["weights_sha256"] as? String ?? "missing"
        }
        let first = try hash([])
        #expect(first.count == 64)
        #expect(try hash([]) == first)
        #expect(try hash(["--threads", "1"]) == first)
        #expect(try hash(["--threads", "2"]) == first)
    }

    @Test func jsonSummaryHasEveryField() throws {
        let result = try runNNScript(["run", try temporaryRecipe(tinyRecipe), "--json", "-"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["recipe", "seed", "parameters", "iterations", "final_loss", "mse", "max_error", "extrema",
                    "target_extrema", "train_seconds", "weights_sha256"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["iterations"] as? Int == 200)
    }

    @Test func failedExpectationExitsOneWithLocation() throws {
        let path = try temporaryRecipe(tinyRecipe + "\nexpect mse < 1e-15")
        let result = try runNNScript(["run", path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("recipe.nn:9:1: error: expectation failed: mse < 1e-15"))
    }

    @Test func missingRecipeFileIsAClearError() throws {
        let result = try runNNScript(["run", "/no/such/recipe.nn"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/no/such/recipe.nn"))
    }

    /// `nnscript run -` said "cannot find file '-'"; a one-liner needed a file.
    @Test func aRecipeFromStandardInputOrTheCommandLine() throws {
        let piped = try runNNScript(["run", "-", "--quiet"], stdin: tinyRecipe)
        #expect(piped.status == 0, "\(piped.stderr)")
        let fromFile = try runNNScript(["run", try temporaryRecipe(tinyRecipe), "--quiet", "--json", "-"])
        let pipedJSON = try runNNScript(["run", "-", "--quiet", "--json", "-"], stdin: tinyRecipe)
        func weightsHash(_ json: String) -> Substring? {
            json.split(separator: "\n").first { $0.contains("\"weights_sha256\"") }
        }
        #expect(weightsHash(pipedJSON.stdout) != nil, "\(pipedJSON.stdout)")
        #expect(weightsHash(pipedJSON.stdout) == weightsHash(fromFile.stdout), "the same recipe trains the same weights")
        let oneLiner = try runNNScript(["run", "-e", "seed 2; layer 8 tanh; output linear; optimizer adam lr=1e-3; "
                                           + "data sin(x)/2.5 noise 0.05 on [-1,9] samples 50; train 20; print 6*7"])
        #expect(oneLiner.status == 0, "\(oneLiner.stderr)")
        #expect(oneLiner.stdout.contains("42"))
        #expect(oneLiner.stdout.contains("weights sha256:"))
        let broken = try runNNScript(["run", "-e", "layer 8 tahn"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("<command line>:1:9: error: unknown activation 'tahn'"), "\(broken.stderr)")
        let brokenStdin = try runNNScript(["run", "-"], stdin: "seed 1\nlyer 3 tanh\n")
        #expect(brokenStdin.stderr.contains("<stdin>:2:1: error: unknown statement 'lyer'"), "\(brokenStdin.stderr)")
    }

    @Test func filesOfAOneLinerAreRelativeToTheCurrentFolder() throws {
        let recipe = try temporaryRecipe("")
        let folder = URL(fileURLWithPath: recipe).deletingLastPathComponent().path
        try "x,y\n0,0\n1,1\n2,4\n3,9\n".write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let run = try runNNScript(["run", "-e", "data csv \"p.csv\"; layer 4 tanh; train 5; save \"c.ckpt\""],
                                  directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/c.ckpt"))
        let outside = try runNNScript(["run", "-e", "data csv \"../p.csv\"; layer 4 tanh; train 5"], directory: folder)
        #expect(outside.status == 1)
        let neither = try runNNScript(["run"])
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("give one recipe"))
        #expect(try runNNScript(["run", recipe, "-e", "seed 1"]).status == 2)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runNNScript(["run"]).status == 2)
        #expect(try runNNScript(["run", "x.nn", "--threads", "0"]).status == 2)
        #expect(try runNNScript(["run", "x.nn", "--no-such-flag"]).status == 2)
    }

    @Test func testCommandCountsPassesAndFailures() throws {
        let good = try temporaryRecipe(tinyRecipe, name: "good.nn")
        let bad = try temporaryRecipe(tinyRecipe + "\nexpect loss < 0", name: "bad.nn")
        let result = try runNNScript(["test", good, bad])
        #expect(result.status == 1)
        #expect(result.stdout.contains("PASS  \(good)"))
        #expect(result.stdout.contains("FAIL  \(bad)"))
        #expect(result.stdout.contains("expect loss < 0 (loss = "))
        #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    /// Every example recipe runs and its expectations hold.
    @Test func everyExampleRecipePasses() throws {
        let examples = packageRoot.appendingPathComponent("examples").path
        let result = try runNNScript(["test", examples])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" passed, 0 failed"))
        #expect(!result.stdout.contains("FAIL"))
    }
}
