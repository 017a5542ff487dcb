import Foundation
import NNScript
import Testing

/// `:show` and `report` name the data's inputs and classes: generated data's before its rows are made (the
/// checker knows its shape), a table's once it is read.
@Suite struct ShowNamesTests {
    static func session() -> Session {
        var options = SessionOptions()
        options.quiet = true
        return Session(options: options, output: StringOutput(), errors: StringOutput())
    }

    @Test func generatedDataIsNamedBeforeItsRowsAreMade() {
        let session = Self.session()
        #expect(session.execute(line: "data spiral classes 3 samples 90", lineNumber: 1))
        let text = session.showText()
        #expect(text.contains("made at the next train"))
        #expect(text.contains("columns inputs x1, x2 → 3 classes 0, 1, 2"), "\(text)")
    }

    @Test func aSurfaceNamesItsInputsAndOutput() {
        let session = Self.session()
        #expect(session.execute(line: "data x1 * x2 on [-1, 1] x [0, 2] samples 50", lineNumber: 1))
        #expect(session.showText().contains("columns inputs x1, x2 → output y"))
    }

    /// One input and one output keep the 1-D lines: no columns line.
    @Test func oneDimensionalDataHasNoColumnsLine() {
        let session = Self.session()
        #expect(session.execute(line: "data sin(x) on [0, 3] samples 50", lineNumber: 1))
        #expect(!session.showText().contains("columns"))
    }

    @Test func aTableNamesItsColumnsAndClassesOnceRead() throws {
        let folder = try TemporaryFolder.make("show")
        try "petal,width,species\n1,2,setosa\n3,4,virginica\n5,1,setosa\n".write(
            toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let run = RecipeRun("""
            data csv "t.csv" target species
            layer 2 tanh
            train 2
            report
            """, in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("columns inputs petal, width → 2 classes setosa, virginica"))
        #expect(run.session.showText().contains("columns inputs petal, width → 2 classes setosa, virginica"))
        #expect(run.session.dataColumnNames == ["petal", "width", "species"])
    }

    /// What `features` completion offers: the raw inputs, a table's from its header before it is read.
    @Test func theInputsAreKnownForCompletionBeforeTheDataIsRead() throws {
        let folder = try TemporaryFolder.make("inputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "petal,width,species\n1,2,setosa\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        var options = SessionOptions()
        options.quiet = true
        options.baseDirectory = folder
        let session = Session(options: options, output: StringOutput(), errors: StringOutput())
        #expect(session.dataInputNames == [])
        #expect(session.execute(line: "data spiral samples 90", lineNumber: 1))
        #expect(session.dataInputNames == ["x1", "x2"])
        #expect(session.execute(line: "data csv \"t.csv\"", lineNumber: 2))
        #expect(session.dataInputNames == ["petal", "width"])
        #expect(session.execute(line: "data csv \"t.csv\" target petal", lineNumber: 3))
        #expect(session.dataInputNames == ["width", "species"])
        _ = session.execute(line: "data csv \"missing.csv\"", lineNumber: 4)
        #expect(session.dataInputNames == [])
    }
}
