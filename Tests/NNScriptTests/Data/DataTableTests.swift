import Foundation
import NNScript
import Testing

/// Tables as data: inputs and targets by column, class labels in order of first appearance.
@Suite struct DataTableTests {
    private func read(_ text: String, targets: [String] = []) throws -> Result<DataSet, Diagnostic> {
        let folder = try TemporaryFolder.make("table")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let at = SourceRange.startOfFile("t.nn")
        return DataGenerator.readCSV(path: folder + "/t.csv", displayPath: "t.csv",
                                     targets: targets.map { Identifier($0, range: at) }, range: at)
    }

    @Test func aTextTargetIsClassesInOrderOfFirstAppearance() throws {
        let data = try read("a,b,kind\n1,2,dog\n3,4,cat\n5,6,dog\n7,8,bird\n").get()
        #expect(data.shape.classes == ["dog", "cat", "bird"])
        #expect(data.shape.inputNames == ["a", "b"])
        #expect(data.labels == [0, 1, 0, 2])
        #expect(data.inputs == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(data.shape.networkOutputs == 3 && data.shape.targetColumns == 1)
    }

    @Test func namedTargetsAreTakenOutOfTheInputs() throws {
        let data = try read("price,size,rooms\n10,1,2\n20,2,3\n", targets: ["price", "rooms"]).get()
        #expect(data.shape.inputNames == ["size"])
        #expect(data.shape.outputNames == ["price", "rooms"])
        #expect(data.targets == [10, 2, 20, 3])
        #expect(data.inputs == [1, 2])
    }

    @Test func twoNumericColumnsStayTheOneDimensionalCase() throws {
        let data = try read("0,1\n1,3\n2,5\n").get()
        #expect(data.shape.isScalar)
        #expect(data.inputs == [0, 1, 2] && data.targets == [1, 3, 5])
    }

    @Test func aMissingColumnIsNamedWithTheHeader() throws {
        guard case .failure(let diagnostic) = try read("a,b,kind\n1,2,x\n3,4,y\n", targets: ["knd"]) else {
            Issue.record("read a missing column"); return
        }
        #expect(diagnostic.id == .missingColumn)
        #expect(diagnostic.fixIt?.replacement == "kind")
        #expect(diagnostic.notes == ["its columns: a, b, kind"])
    }

    @Test func aClassLabelAmongSeveralTargetsIsRefused() throws {
        guard case .failure(let diagnostic) = try read("a,b,kind\n1,2,x\n3,4,y\n", targets: ["b", "kind"]) else {
            Issue.record("read labels among targets"); return
        }
        #expect(diagnostic.id == .targetMismatch)
    }
}
