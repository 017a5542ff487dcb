import Foundation
import Testing

/// `nnscript sweep`: local parallel sweeps, single trials, collection from files, and `run --set`.
@Suite struct SweepCommandTests {
    static let recipe = """
        data sin(x) noise 0.02 on [0, 3] samples 64
        layer 8 tanh
        optimizer adam lr=1e-2
        train 40
        sweep lr 1e-2, 3e-2
        sweep seed 1 to 3
        expect all extrema <= 10
        expect median mse < 10

        """

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Each trial's weights hash, by index.
    static func weights(_ report: [String: Any]) -> [Int: String] {
        var result: [Int: String] = [:]
        for case let trial as [String: Any] in report["trials"] as? [Any] ?? [] {
            if let index = trial["trial"] as? Int, let summary = trial["summary"] as? [String: Any] {
                result[index] = summary["weights_sha256"] as? String
            }
        }
        return result
    }

    /// Every statistic of every point but the wall clock.
    static func statistics(_ report: [String: Any]) -> String {
        let points = (report["points"] as? [[String: Any]] ?? []).map { point -> String in
            var statistics = point["statistics"] as? [String: Any] ?? [:]
            statistics["seconds"] = nil
            let data = try? JSONSerialization.data(withJSONObject: statistics, options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return points.joined(separator: "\n")
    }

    @Test func aSweepRunsEveryTrialAndEachEqualsTheTrialRunAlone() throws {
        let file = try temporaryRecipe(Self.recipe)
        let svg = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("mse.svg").path
        let sweep = try runNNScript(["sweep", file, "--jobs", "2", "--json", "-", "--svg", svg])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.contains("id=\"trials\"") && picture.contains("id=\"mean\""))
        #expect(picture.components(separatedBy: "class=\"trial\"").count == 7)
        let report = try Self.json(sweep.stdout)
        let weights = Self.weights(report)
        #expect(weights.count == 6)
        #expect(Set(weights.values).count == 6)
        #expect(sweep.stderr.contains("statistics over seeds"))
        #expect(sweep.stderr.contains("expect median mse < 10 ✓"))
        // Trial 4 is lr=3e-2 seed=2: run alone with --set, the same bits.
        let alone = try runNNScript(["run", file, "--set", "seed=2", "--set", "lr=0.03", "--json", "-", "--threads", "1"])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(try Self.json(alone.stdout)["weights_sha256"] as? String == weights[4])
        #expect(alone.stderr.contains("checked by 'nnscript sweep'"))
    }

    @Test func xargsOverTheListThenCollectGivesTheSameSummary() throws {
        let file = try temporaryRecipe(Self.recipe)
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("trials").path
        let binary = nnscriptBinary.path
        let list = try runNNScript(["sweep", file, "--list"])
        #expect(list.stdout == "0 lr=1e-2 seed=1\n1 lr=1e-2 seed=2\n2 lr=1e-2 seed=3\n3 lr=3e-2 seed=1\n"
                + "4 lr=3e-2 seed=2\n5 lr=3e-2 seed=3\n")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(binary)' sweep '\(file)' --list | cut -d' ' -f1 | "
                           + "xargs -P 2 -I{} '\(binary)' sweep '\(file)' --trial {} --out '\(folder)' --quiet"]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(files.sorted() == (0..<6).map { "trial-\($0).json" }.sorted())
        let collected = try runNNScript(["sweep", file, "--collect", folder, "--json", "-"])
        #expect(collected.status == 0, "\(collected.stderr)")
        let local = try runNNScript(["sweep", file, "--json", "-", "--quiet"])
        let fromFiles = try Self.json(collected.stdout), inProcess = try Self.json(local.stdout)
        #expect(Self.weights(fromFiles) == Self.weights(inProcess))
        #expect(Self.statistics(fromFiles) == Self.statistics(inProcess))
        #expect(!Self.statistics(fromFiles).isEmpty)
        #expect(fromFiles["expectations"] as? NSArray == inProcess["expectations"] as? NSArray)

        // A missing trial and a file from another recipe are named, and the collection fails.
        try FileManager.default.removeItem(atPath: folder + "/trial-3.json")
        let other = try temporaryRecipe(Self.recipe.replacingOccurrences(of: "train 40", with: "train 41"))
        let foreign = try runNNScript(["sweep", other, "--trial", "3", "--out", folder + "-other", "--quiet"])
        #expect(foreign.status == 0)
        try FileManager.default.copyItem(atPath: folder + "-other/trial-3.json", toPath: folder + "/foreign.json")
        let broken = try runNNScript(["sweep", file, "--collect", folder])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("missing trials: 3"))
        #expect(broken.stdout.contains("refused foreign.json: written for another recipe"))
    }

    @Test func failedExpectationsOverASweepFailIt() throws {
        let file = try temporaryRecipe(Self.recipe.replacingOccurrences(of: "median mse < 10", with: "max mse < 1e-12"))
        let result = try runNNScript(["sweep", file, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("expect max mse < 1e-12 ✗"))
        #expect(result.stdout.contains("max mse"))
    }

    @Test func testRunsASweepRecipeAsAWholeSweep() throws {
        let good = try temporaryRecipe(Self.recipe, name: "good.nn")
        let bad = try temporaryRecipe(Self.recipe.replacingOccurrences(of: "median mse < 10", with: "mean mse < 0"),
                                      name: "bad.nn")
        let result = try runNNScript(["test", good, bad])
        #expect(result.status == 1)
        #expect(result.stdout.contains("PASS  \(good)"))
        #expect(result.stdout.contains("FAIL  \(bad)"))
        #expect(result.stdout.contains("expect mean mse < 0: mean mse"))
        #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func runRefusesAnUnfixedSweepAndBadSets() throws {
        let file = try temporaryRecipe(Self.recipe)
        let unfixed = try runNNScript(["run", file, "--set", "seed=2"])
        #expect(unfixed.status == 2)
        #expect(unfixed.stderr.contains("sweeps lr (2 values)"))
        #expect(unfixed.stderr.contains("--set lr=1e-2"))
        let unknown = try runNNScript(["run", file, "--set", "lrr=2"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--set lrr=2:1:1: error: unknown sweep axis 'lrr'"))
        #expect(unknown.stderr.contains("did you mean 'lr'?"))
        let invalid = try runNNScript(["run", file, "--set", "seed=1", "--set", "lr=-1"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("lr must be > 0, got -1"))
        let check = try runNNScript(["check", try temporaryRecipe(Self.recipe + "sweep batch 8, 0\n")])
        #expect(check.status == 1)
        #expect(check.stderr.contains("recipe.nn:9:16: error: batch size must be between"))
    }

    @Test func ctrlCStopsTheSweepAndReportsTheFinishedTrials() throws {
        // Trial 0 is short; trial 1 would train for a long time, and is ended by Ctrl-C.
        let file = try temporaryRecipe(Self.recipe.replacingOccurrences(of: "sweep lr 1e-2, 3e-2\nsweep seed 1 to 3\n",
                                                                        with: "sweep train 20, 50000000\n"))
        let process = Process()
        process.executableURL = nnscriptBinary
        process.arguments = ["sweep", file, "--jobs", "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var progress = ""
        while !progress.contains("[1/2]") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            progress += String(decoding: chunk, as: UTF8.self)
        }
        #expect(progress.contains("[1/2] trial 0  train=20  ok"))
        kill(process.processIdentifier, SIGINT)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stdout.contains("1 of 2 trials"))
        #expect(stdout.contains("interrupted: the finished trials follow"))
        #expect(stdout.range(of: #"\n +0 +20 "#, options: .regularExpression) != nil)
    }

    @Test func aTrialOutOfRangeIsAUsageError() throws {
        let result = try runNNScript(["sweep", try temporaryRecipe(Self.recipe), "--trial", "6"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the sweep has 6 trials (0 to 5)"))
    }
}
