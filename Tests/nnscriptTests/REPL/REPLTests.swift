import Testing
import nnscript

/// Runs `input` through a real pipe and the REPL over a fresh fake session.
private func drive(_ input: String) throws -> (output: String, status: Int32, session: FakeSession) {
    let transcript = Transcript()
    let session = FakeSession(transcript: transcript)
    let repl = REPL(session: session, reader: try pipeReader(input), console: transcript.console)
    let status = repl.run()
    return (transcript.text, status, session)
}

// MARK: - Transcripts through a pipe

@Test func transcriptWithAnErrorInTheMiddleAndUndo() throws {
    let input = """
        layer 8 tanh
        output linear
        lyer 4 relu
        :list
        :undo
        :list
        :redo
        :show
        :quit
        train 100

        """
    let expected = """
        <repl>:3: error: unknown statement 'lyer'
        layer 8 tanh
        output linear
        undone: output linear
        layer 8 tanh
        redone: output linear
        2 statements

        """
    let result = try drive(input)
    #expect(result.output == expected)
    #expect(result.status == 1, "piped input with an error ends with status 1")
    #expect(result.session.statements == ["layer 8 tanh", "output linear"], "nothing after :quit runs")
}

@Test func pipedSessionWithoutErrorsEndsWithStatusZeroAndNoPrompts() throws {
    let result = try drive("seed 7; layer 4 tanh\r\ntrain 10")
    #expect(result.status == 0)
    #expect(result.output == "trained\n")
    #expect(!result.output.contains("nn> "))
    #expect(result.session.statements == ["seed 7", "layer 4 tanh", "train 10"])
}

@Test func openBracketContinuesOnTheNextLine() throws {
    let result = try drive("data sin(x\n)/2 on [0,\n 1] # (\nlayer 2 tanh\n")
    let executed = result.session.executed
    #expect(executed.count == 2)
    #expect(executed.first?.source == "data sin(x\n)/2 on [0,\n 1] # (")
    #expect(executed.first?.line == 1)
    #expect(executed.last?.line == 4, "the next entry is numbered by its physical line")
}

@Test func unfinishedEntryAtEndOfInputIsStillRun() throws {
    let result = try drive("layer 2 (tanh\n")
    #expect(result.session.executed.map(\.source) == ["layer 2 (tanh"])
}

@Test func blankLinesAreNotRun() throws {
    let result = try drive("\n   \nlayer 1 relu\n")
    #expect(result.session.executed.map(\.line) == [3])
}

// MARK: - Meta-commands

@Test func unknownCommandSuggestsTheNearestAndKeepsTheSession() throws {
    let result = try drive("layer 3 relu\n:shwo\n:list\n")
    #expect(result.output == "error: unknown command ':shwo'; did you mean ':show'?\nlayer 3 relu\n")
    #expect(result.status == 1)
}

@Test func undoAndRedoWithNothingToDoSaySo() throws {
    let result = try drive(":undo\n:redo\n")
    #expect(result.output == "nothing to undo\nnothing to redo\n")
    #expect(result.status == 0)
}

@Test func saveAndLoadTakeQuotedOrBareNames() throws {
    let result = try drive(":save \"my run.nn\"\n:save bare.nn\n:save\n:save \"/nonexistent/x.nn\"\n:load good.nn\n")
    #expect(result.session.savedPaths == ["my run.nn", "bare.nn"])
    #expect(result.output.contains("saved my run.nn\nsaved bare.nn\n"))
    #expect(result.output.contains("error: :save needs a file name"))
    #expect(result.output.contains("error: cannot save /nonexistent/x.nn"))
    #expect(result.session.statements == ["layer 4 relu"], ":load runs the file in the session")
}

@Test func failedLoadMakesThePipedRunFail() throws {
    let result = try drive(":load \"missing.nn\"\n")
    #expect(result.output == "error: cannot read missing.nn\n")
    #expect(result.status == 1)
}

@Test func helpAddsTheCommandsToTheLanguageHelp() throws {
    let result = try drive(":help\n:help layer\n:help :save\n")
    #expect(result.output.hasPrefix("the language\n\nREPL commands\n:help [topic]"))
    #expect(result.output.contains("help on layer\n"))
    #expect(result.output.hasSuffix(":save \"file.nn\"   write the session as a recipe that replays it\n"))
}

@Test func quitAliasesEndTheLoop() throws {
    for quit in [":quit", ":q", "  :q  "] {
        let result = try drive("\(quit)\nlayer 1 relu\n")
        #expect(result.session.executed.isEmpty, "\(quit) ends the loop")
    }
}

@Test func commandWithAStrayArgumentIsAnError() throws {
    let result = try drive(":show everything\n")
    #expect(result.output == "error: :show takes no argument\n")
}

// MARK: - Terminal behaviour, through a scripted reader

@Test func interactiveSessionGreetsPromptsAndContinues() {
    let transcript = Transcript()
    let session = FakeSession(transcript: transcript)
    let reader = ScriptedReader([.line("layer 2 (tanh"), .line(")"), .line("train 1")])
    let status = REPL(session: session, reader: reader, console: transcript.console).run()
    #expect(status == 0)
    #expect(reader.prompts == ["nn> ", "... ", "nn> ", "nn> "])
    #expect(reader.history == ["layer 2 (tanh", ")", "train 1"])
    #expect(transcript.text.hasPrefix("nnscript "))
    #expect(transcript.text.hasSuffix("trained\n\n"), "Ctrl-D ends the line the prompt was on")
}

@Test func ctrlCAtThePromptDropsTheOpenEntry() {
    let transcript = Transcript()
    let session = FakeSession(transcript: transcript)
    let reader = ScriptedReader([.line("layer 2 (tanh"), .interrupted, .line("train 5")])
    _ = REPL(session: session, reader: reader, console: transcript.console).run()
    #expect(session.executed.map(\.source) == ["train 5"])
    #expect(reader.prompts.prefix(3) == ["nn> ", "... ", "nn> "])
}

@Test func ctrlCWhileAStatementRunsInterruptsTheSession() {
    let transcript = Transcript()
    let session = FakeSession(transcript: transcript)
    let reader = ScriptedReader([.line("train 1"), .line("train 2")])
    reader.interruptDuring = [2]
    _ = REPL(session: session, reader: reader, console: transcript.console).run()
    #expect(session.interruptRequests == 1)
    #expect(session.executed.map(\.source) == ["train 1", "train 2"])
    #expect(session.statements.count == 2, "the session carries on after an interrupt")
}

@Test func ctrlCWhileLoadingARecipeInterruptsTheSession() {
    let transcript = Transcript()
    let session = FakeSession(transcript: transcript)
    let reader = ScriptedReader([.line(":load good.nn")])
    reader.interruptDuring = [2]
    let status = REPL(session: session, reader: reader, console: transcript.console).run(loading: "good.nn")
    #expect(status == 0)
    #expect(session.statements == ["layer 4 relu", "layer 4 relu"], "the file given first, then :load")
    #expect(session.interruptRequests == 1, "the :load, the second run, was interrupted")
}
