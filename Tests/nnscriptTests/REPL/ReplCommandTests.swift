import Foundation
import Testing

// The built binary with piped standard input: the REPL's pipe mode end to end. Output is asserted only where it
// is the REPL's own, so these hold once the real session replaces the stand-in.

@Test func bareNNScriptWithPipedInputRunsTheREPLWithoutPrompts() throws {
    let result = try runNNScript([], stdin: ":help :undo\n:quit\n")
    #expect(result.status == 0)
    #expect(result.stdout == ":undo  :redo      step back or forward one statement, weights included\n")
    #expect(!result.stdout.contains("nn> "))
    #expect(!result.stdout.contains("\u{1B}"), "no escape codes when not on a terminal")
}

@Test func pipedREPLReportsAnUnknownCommandAndExitsWithOne() throws {
    let result = try runNNScript(["repl"], stdin: ":lsit\n:quit\n")
    #expect(result.status == 1)
    #expect(result.stderr == "error: unknown command ':lsit'; did you mean ':list'?\n")
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
