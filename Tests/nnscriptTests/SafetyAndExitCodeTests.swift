import Foundation
import Testing

/// The command line's limits flags, its exit codes, and which stream carries what: results on stdout, errors on
/// stderr.
@Suite struct SafetyAndExitCodeTests {
    static let small = """
        seed 1
        data sin(x) on [0, 3] samples 40
        layer 4 tanh
        train 5
        report

        """

    /// A recipe folder and a sibling folder outside it.
    func folders() throws -> (recipe: String, outside: String) {
        let recipe = try temporaryRecipe(Self.small)
        let root = URL(fileURLWithPath: recipe).deletingLastPathComponent().deletingLastPathComponent()
        let outside = root.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        return (recipe, outside.resolvingSymlinksInPath().path)
    }

    // MARK: - Flags

    @Test func allowWriteLetsARecipeSaveOutsideItsFolder() throws {
        let (recipe, outside) = try folders()
        try (Self.small + "save \"\(outside)/c.ckpt\"\n").write(toFile: recipe, atomically: true, encoding: .utf8)
        let refused = try runNNScript(["run", recipe, "--quiet"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot write '\(outside)/c.ckpt'"))
        #expect(refused.stderr.contains("--allow-write \(outside)"))
        let allowed = try runNNScript(["run", recipe, "--quiet", "--allow-write", outside])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside + "/c.ckpt"))
    }

    @Test func allowReadLetsTestReadDataOutside() throws {
        let (recipe, outside) = try folders()
        try "0,0\n1,1\n2,4\n".write(toFile: outside + "/p.csv", atomically: true, encoding: .utf8)
        try "data csv \"\(outside)/p.csv\"\nlayer 2 tanh\ntrain 3\n".write(toFile: recipe, atomically: true,
                                                                         encoding: .utf8)
        #expect(try runNNScript(["test", recipe]).status == 1)
        let allowed = try runNNScript(["test", recipe, "--allow-read", outside])
        #expect(allowed.status == 0, "\(allowed.stdout)")
        #expect(allowed.stdout.contains("1 passed, 0 failed"))
    }

    @Test func maxMemoryRefusesABigModelWithTheSizeItNeeds() throws {
        let recipe = try temporaryRecipe("data sin(x) on [0, 1] samples 100\nlayer 2048 tanh\nlayer 2048 tanh\ntrain 1\n")
        let result = try runNNScript(["run", recipe, "--max-memory", "32M"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("recipe.nn:3:1: error: this set-up would need about"))
        #expect(result.stderr.contains("more than the budget of 32 MiB"))
        #expect(!result.stdout.contains("error"))
        #expect(try runNNScript(["run", recipe, "--max-memory", "1G", "--quiet"]).status == 0)
    }

    @Test(arguments: [["run", "x.nn", "--max-memory", "lots"], ["run", "x.nn", "--max-memory", "1M"],
                      ["test", "--allow-read", "/no/such/folder"], ["repl", "--allow-write", "/no/such/folder"],
                      ["compare", "a.nn"], ["run"], ["check"]])
    func badFlagsAreUsageErrors(arguments: [String]) throws {
        let result = try runNNScript(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    // MARK: - Unknown commands

    @Test func aMisspeltCommandSuggestsTheRightOne() throws {
        let result = try runNNScript(["rn", "x.nn"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: unknown command 'rn' — did you mean 'run'?"))
        #expect(result.stdout.isEmpty)
        let far = try runNNScript(["frobnicate"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("unknown command 'frobnicate'"))
        #expect(far.stderr.contains("run, test, check, fmt, compare, sweep, repl"))
    }

    /// `help nope` printed the general help and exited 0.
    @Test func helpOnAnUnknownTopicIsAUsageError() throws {
        let result = try runNNScript(["help", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: no help topic 'nope'"))
        #expect(result.stdout.isEmpty)
        let near = try runNNScript(["help", "rnu"])
        #expect(near.status == 2)
        #expect(near.stderr.contains("did you mean 'run'?"))
        let known = try runNNScript(["help", "run"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("USAGE: nnscript run"))
    }

    @Test func aRecipeAsTheOnlyArgumentStillOpensTheREPL() throws {
        let recipe = try temporaryRecipe("data sin(x) on [0, 1] samples 20\nlayer 2 tanh\n")
        let result = try runNNScript([recipe], stdin: "print 1234+1\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1235"))
        #expect(try runNNScript([], stdin: "print 6*7\n").stdout.contains("42"))
    }

    // MARK: - Streams and exit codes

    @Test func runPutsResultsOnStdoutAndErrorsOnStderr() throws {
        let good = try runNNScript(["run", try temporaryRecipe(Self.small)])
        #expect(good.status == 0)
        #expect(good.stdout.contains("report  loss"))
        #expect(good.stderr.isEmpty)
        let bad = try runNNScript(["run", try temporaryRecipe("layer 4 tahn\n")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: unknown activation 'tahn'"))
        #expect(!bad.stdout.contains("tahn"))
        let failedExpect = try runNNScript(["run", try temporaryRecipe(Self.small + "expect loss < 0\n")])
        #expect(failedExpect.status == 1)
        #expect(failedExpect.stderr.contains("loss < 0"))
        let missing = try runNNScript(["run", "/no/such/recipe.nn"])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
    }

    @Test func checkFmtAndTestFollowTheExitCodes() throws {
        let good = try temporaryRecipe(Self.small), bad = try temporaryRecipe("layer 4 tahn\n")
        let checked = try runNNScript(["check", good])
        #expect(checked.status == 0 && checked.stdout.contains("no problems") && checked.stderr.isEmpty)
        let checkedBad = try runNNScript(["check", bad])
        #expect(checkedBad.status == 1 && checkedBad.stderr.contains("tahn") && !checkedBad.stdout.contains("tahn"))
        #expect(try runNNScript(["check", "/no/such.nn"]).status == 1)
        let formatted = try runNNScript(["fmt", good])
        #expect(formatted.status == 0 && formatted.stdout.contains("layer 4 tanh") && formatted.stderr.isEmpty)
        let unparsable = try runNNScript(["fmt", try temporaryRecipe("data x on [0 1]\n")])
        #expect(unparsable.status == 1 && unparsable.stdout.isEmpty && !unparsable.stderr.isEmpty)
        let missing = try runNNScript(["test", "/no/such/folder"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file or folder"))
        let failing = try runNNScript(["test", bad])
        #expect(failing.status == 1 && failing.stdout.contains("0 passed, 1 failed"))
    }

    @Test func compareExitsWithOneOnABrokenRecipe() throws {
        let good = try temporaryRecipe(Self.small), bad = try temporaryRecipe("layer 4 tahn\n")
        let result = try runNNScript(["compare", good, bad])
        #expect(result.status == 1)
        #expect(result.stderr.contains("tahn"))
    }
}
