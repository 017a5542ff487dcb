import Foundation
import Testing

// The built binary with piped standard input: the REPL's pipe mode end to end. Output is asserted only where it
// is the REPL's own, so these hold once the real session replaces the stand-in.

@Test func bareNNScriptWithPipedInputRunsTheREPLWithoutPrompts() throws {
    let result = try runNNScript([], stdin: ":help :undo\n:quit\n")
    #expect(result.status == 0)
    #expect(result.stdout == ":undo  :redo      step back or forward one change, weights included\n")
    #expect(!result.stdout.contains("nn> "))
    #expect(!result.stdout.contains("\u{1B}"), "no escape codes when not on a terminal")
}

@Test func pipedREPLReportsAnUnknownCommandAndExitsWithOne() throws {
    let result = try runNNScript(["repl"], stdin: ":lsit\n:quit\n")
    #expect(result.status == 1)
    #expect(result.stderr == "error: unknown command ':lsit'; did you mean ':list'?\n")
}

/// A `:` command in a recipe file is a warning and is skipped, the rest of the file running: `run`, `check` and
/// `repl FILE` alike, each exiting 0 (`repl FILE` used to stop at the line and exit 1 after only a warning).
@Test(arguments: [["run"], ["check"], ["repl"]])
func aREPLCommandInARecipeIsAWarningForAllThreeCommands(command: [String]) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meta-\(getpid())-\(command[0])")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let recipe = folder.appendingPathComponent("r.nn")
    try "seed 1\ndata sin(x) on [0, 1] samples 20\nlayer 3 tanh\n:save \"x.nn\"\nlayer 5 relu\ntrain 2\n"
        .write(to: recipe, atomically: true, encoding: .utf8)
    let result = try runNNScript(command + [recipe.path], stdin: command == ["repl"] ? ":list\n" : nil)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("r.nn:4:1: warning: ':save' is a REPL command and is ignored in a recipe"),
            "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.nn").path))
    if command == ["repl"] {
        #expect(result.stdout.contains("layer 3 tanh\nlayer 5 relu\ntrain 2"), "the rest of the file ran")
    }
}

@Test func replHelpNamesTheHistoryOption() throws {
    let result = try runNNScript(["repl", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("--history <path>"))
}

@Test func replRunsTheGivenRecipeFirstAndContinuesFromIt() throws {
    let recipe = FileManager.default.temporaryDirectory.appendingPathComponent("repl-first-\(getpid()).nn")
    try "layer 3 tanh\n".write(to: recipe, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: recipe) }
    let result = try runNNScript(["repl", recipe.path], stdin: "layer 5 relu\n:list\n")
    #expect(result.status == 0)
    #expect(result.stdout.contains("layer 3 tanh\nlayer 5 relu"))
}
