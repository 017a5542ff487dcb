import Testing
import nnscript

@Test func bracketDepthSkipsStringsAndComments() {
    #expect(LineAssembler.bracketDepth(of: "data sin(x") == 1)
    #expect(LineAssembler.bracketDepth(of: "on [0, (1") == 2)
    #expect(LineAssembler.bracketDepth(of: "plot fit \"a(b.svg\"") == 0)
    #expect(LineAssembler.bracketDepth(of: "layer 2 tanh # (note") == 0)
    #expect(LineAssembler.bracketDepth(of: "print 1)") == -1)
}

@Test func assemblerJoinsLinesWhileABracketIsOpen() {
    var assembler = LineAssembler()
    #expect(assembler.add("data sin(") == nil)
    #expect(assembler.isContinuing)
    #expect(assembler.add("x)") == "data sin(\nx)")
    #expect(!assembler.isContinuing)
    #expect(assembler.add("print 1)") == "print 1)", "an extra closing bracket is the parser's to report")
}

@Test func metaCommandIsCompleteOnItsOwnButNotInsideAnEntry() {
    var assembler = LineAssembler()
    #expect(assembler.add(":save \"a(.nn\"") == ":save \"a(.nn\"")
    #expect(assembler.add("print (") == nil)
    #expect(assembler.add(":x") == nil, "inside an open entry a : line is part of it")
    #expect(assembler.finish() == "print (\n:x")
    #expect(assembler.finish() == nil)
}

@Test func metaCommandParsing() throws {
    #expect(try REPLCommand.parse(":help").get() == .help(topic: nil))
    #expect(try REPLCommand.parse(":help  layer ").get() == .help(topic: "layer"))
    #expect(try REPLCommand.parse(":load \"a b.nn\"").get() == .load(path: "a b.nn"))
    #expect(try REPLCommand.parse(":q").get() == .quit)
    #expect(throws: REPLCommandError(message: ":save: the file name has no closing quote")) {
        try REPLCommand.parse(":save \"a.nn").get()
    }
    #expect(throws: REPLCommandError(message: "unknown command ':frobnicate'; :help lists the commands")) {
        try REPLCommand.parse(":frobnicate").get()
    }
}

@Test func unknownCommandsSuggestOnlyNearNames() {
    let typo = REPLCommandError(message: "unknown command ':lod'; did you mean ':load'?")
    #expect(REPLCommand.parse(":lod") == .failure(typo))
    let unrelated = REPLCommandError(message: "unknown command ':xyzzy'; :help lists the commands")
    #expect(REPLCommand.parse(":xyzzy") == .failure(unrelated))
}
