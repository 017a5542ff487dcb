import NNScript
import Testing

/// The features and the scaling, applied to rows as the network sees them.
@Suite struct InputPipelineTests {
    private func expr(_ text: String) -> Expr {
        let (program, diagnostics) = Parser.parse(source: "print " + text, file: "t.nn")
        #expect(diagnostics.isEmpty)
        guard case .print(let e) = program.statements[0].kind else { fatalError("not a print") }
        return e
    }

    @Test func scalingIsThePopulationMeanAndStd() {
        let (scaling, constant) = InputScaling.fit([1, 10, 3, 10, 5, 10], width: 2)
        #expect(scaling.mean == [3, 10])
        #expect(abs(scaling.std[0] - (8.0 / 3).squareRoot()) < 1e-12)
        #expect(scaling.std[1] == 1)
        #expect(constant == [1])
    }

    @Test func featuresThenScalingPerRow() {
        let features = FeatureSpec(expressions: [expr("b * 2"), expr("a + b"), expr("x1")],
                                   environment: ExprEnvironment())
        let pipeline = InputPipeline(rawNames: ["a", "b"], features: features,
                                     scaling: InputScaling(mean: [0, 1, 0], std: [1, 2, 4]))
        #expect(pipeline.width == 3)
        #expect(pipeline.apply([1, 2, 3, 4], rows: 2, scaled: false) == [4, 3, 1, 8, 7, 3])
        #expect(pipeline.apply([1, 2, 3, 4], rows: 2) == [4, 1, 0.25, 8, 3, 0.75])
    }

    @Test func unknownNamesAreFoundWithTheirRange() {
        let features = FeatureSpec(expressions: [expr("a * pi"), expr("sin(c)")], environment: ExprEnvironment())
        let unknown = features.unknownVariable(inputNames: ["a", "b"])
        #expect(unknown?.name == "c")
        #expect(unknown?.range.start.column == 11)
        #expect(features.unknownVariable(inputNames: ["a", "c"]) == nil)
        #expect(FeatureSpec(expressions: [expr("x3")], environment: ExprEnvironment())
                    .unknownVariable(inputNames: ["a", "b"])?.name == "x3")
    }
}
