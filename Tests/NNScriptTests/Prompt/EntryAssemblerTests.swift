import NNScript
import Testing

@Suite struct EntryAssemblerTests {
    @Test func openBracketsSkipStringsCommentsAndCommandText() {
        #expect(EntryAssembler.openBrackets(in: "data sin(x") == 1)
        #expect(EntryAssembler.openBrackets(in: "on [0, (1") == 2)
        #expect(EntryAssembler.openBrackets(in: "plot fit \"a(b.svg\"") == 0)
        #expect(EntryAssembler.openBrackets(in: "layer 2 tanh # (note") == 0)
        #expect(EntryAssembler.openBrackets(in: "save \"a(b") == 0, "an unterminated string ends at its line")
        #expect(EntryAssembler.openBrackets(in: ":load runs(1).nn") == 0, "a : command's argument is text")
    }

    @Test func aStrayClosingBracketDoesNotCloseALaterOne() {
        #expect(EntryAssembler.openBrackets(in: "print 1)") == 0)
        #expect(EntryAssembler.openBrackets(in: "print 1) + (2") == 1)
    }

    @Test func assemblerJoinsLinesWhileABracketIsOpen() {
        var assembler = EntryAssembler()
        #expect(assembler.add("data sin(") == nil)
        #expect(assembler.isContinuing)
        #expect(assembler.pending == "data sin(")
        #expect(assembler.add("x)") == "data sin(\nx)")
        #expect(!assembler.isContinuing)
        #expect(assembler.add("print 1)") == "print 1)", "an extra closing bracket is the parser's to report")
    }

    @Test func commandIsCompleteOnItsOwnButNotInsideAnEntry() {
        var assembler = EntryAssembler()
        #expect(assembler.add(":save \"a(.nn\"") == ":save \"a(.nn\"")
        #expect(assembler.add("  :load a(.nn") == "  :load a(.nn")
        #expect(assembler.add("print (") == nil)
        #expect(assembler.add(":x") == nil, "inside an open entry a : line is part of it")
        #expect(assembler.finish() == "print (\n:x")
        #expect(assembler.finish() == nil)
    }

    @Test func discardDropsTheOpenEntry() {
        var assembler = EntryAssembler()
        #expect(assembler.add("data sin(") == nil)
        assembler.discard()
        #expect(!assembler.isContinuing)
        #expect(assembler.add("train 1") == "train 1")
    }

    @Test func joiningBlanksBreaksAndCommentsInsideBracketsOnly() {
        let entry = "data sin(x # a (\n)/2 on [0,\n 1] # (\nlayer 2 tanh"
        let joined = EntryAssembler.joiningBracketedLines(entry)
        #expect(joined == "data sin(x       )/2 on [0,  1] # (\nlayer 2 tanh")
        #expect(joined.utf8.count == entry.utf8.count, "offsets are kept")
        #expect(EntryAssembler.joiningBracketedLines("print \"(\"\nprint 1") == "print \"(\"\nprint 1")
        #expect(EntryAssembler.joiningBracketedLines("print 1)\n(2") == "print 1)\n(2")
    }

    @Test func joinedEntryParsesAsOneStatement() {
        let joined = EntryAssembler.joiningBracketedLines("data sin(x\n) on [0,\n1]")
        let (program, diagnostics) = Parser.parse(source: joined, file: "t")
        #expect(diagnostics.isEmpty)
        #expect(program.statements.count == 1)
    }
}
