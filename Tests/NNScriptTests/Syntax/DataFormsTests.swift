import NNScript
import Testing

/// The data forms of several inputs, outputs and classes, and `predict` of points, format back as written.
@Suite struct DataFormsTests {
    @Test(arguments: [
        "data sin(x1)*cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 2000",
        "data [sin(x), cos(x)] noise 0.02 on [0, 6]",
        "data spiral classes 3 noise 0.1 samples 600",
        "data circles noise 0.05 samples 500",
        "data xor samples 400",
        "data blobs classes 4 samples 800",
        "data moons noise 0.2 samples 600",
        "data csv \"train.csv\" target species",
        "data csv \"house.csv\" target price, rooms",
        "data csv \"points.csv\"",
        "predict (0.5, 1.2), (1, -2)",
        "predict 0.5, 1",
    ])
    func formatsAsWritten(_ line: String) {
        let (program, diagnostics) = Parser.parse(source: line, file: "t.nn")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(Formatter.format(program) == line + "\n")
    }

    @Test func aLetNamedLikeASetIsStillAnExpression() {
        let (program, diagnostics) = Parser.parse(source: "data spiral * x on [0, 1]", file: "t.nn")
        #expect(diagnostics.isEmpty)
        guard case .data(let data)? = program.statements.first?.kind else { Issue.record("not data"); return }
        #expect(data.functions.count == 1)
    }

    @Test func completionOffersTheSetsAfterData() {
        #expect(Parser.slots(atEndOf: "data ").contains(.name(.dataSet)))
        #expect(Parser.slots(atEndOf: "data spiral ").contains(.keyword(.classes)))
        #expect(Parser.slots(atEndOf: "data csv \"a.csv\" ").contains(.keyword(.target)))
    }

    @Test func aRepeatedClauseIsAnError() {
        let (_, diagnostics) = Parser.parse(source: "data spiral classes 3 classes 4", file: "t.nn")
        #expect(diagnostics.map(\.id) == [.duplicateOption])
    }
}
