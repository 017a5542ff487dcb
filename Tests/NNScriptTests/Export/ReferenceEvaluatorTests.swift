import Foundation
import NNScript
import Testing

/// The Double reference evaluator against values worked out by hand or taken from PyTorch's documentation.
@Suite struct ReferenceEvaluatorTests {
    private func single(_ activation: ExportActivation) -> ModelDescription {
        ModelDescription(inputSize: 1, layers: [
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: activation),
        ])
    }

    private func builtin(_ name: String, _ parameter: Double? = nil) -> ExportActivation {
        .builtin(name: name, parameter: parameter)
    }

    @Test func weightsAreRowMajorInputsByOutputs() {
        // y_j = sum_i x_i W[i, j] + b_j with W = [[1, 2, 3], [4, 5, 6]].
        let model = ModelDescription(inputSize: 2, layers: [
            LayerDescription(inputs: 2, outputs: 3, weight: [1, 2, 3, 4, 5, 6], bias: [0.5, 0, -1],
                             activation: builtin("linear")),
        ])
        #expect(model.predict([1, 10]) == [41.5, 52, 62])
        #expect(model.outputSize == 3)
    }

    @Test func featuresAreComputedFromTheRawRow() {
        // Features (x1 · x2, x2 − 1) of 2 raw inputs, then y = 2·f1 + 3·f2.
        let model = ModelDescription(
            inputSize: 2, layers: [LayerDescription(inputs: 2, outputs: 1, weight: [2, 3], bias: nil,
                                                    activation: builtin("linear"))],
            shape: DataShape(inputNames: ["a", "b"], outputNames: ["y"]),
            features: [.binary(op: .multiply, lhs: .column(0), rhs: .column(1)),
                       .binary(op: .subtract, lhs: .column(1), rhs: .constant(1))])
        #expect(model.rawInputSize == 2)
        #expect(model.predict([3, 5]) == [2 * 15 + 3 * 4])
        #expect(model.predict([3]).allSatisfy { $0.isNaN })
    }

    @Test func builtinActivationsFollowPyTorch() {
        let cases: [(ExportActivation, Double, Double)] = [
            (builtin("linear"), -3, -3),
            (builtin("tanh"), 0.5, tanh(0.5)),
            (builtin("sigmoid"), 0, 0.5),
            (builtin("relu"), -2, 0),
            (builtin("leaky_relu"), -2, -0.02),
            (builtin("leaky_relu", 0.2), -2, -0.4),
            (builtin("elu"), -1, exp(-1) - 1),
            (builtin("elu", 0.5), -1, 0.5 * (exp(-1) - 1)),
            (builtin("gelu"), 1, 0.8413447460685429),
            (builtin("softplus"), 0, log(2)),
            (builtin("softplus"), 20, log1p(exp(20))),
            (builtin("softplus"), 20.5, 20.5),
            (builtin("sin"), 1, sin(1)),
            (builtin("sin", 30), 0.1, sin(3)),
            (builtin("swish"), 1, 1 / (1 + exp(-1))),
        ]
        for (activation, x, y) in cases {
            let got = single(activation).predict(x)[0]
            #expect(Swift.abs(got - y) <= 1e-15, "\(activation.signature)(\(x)) = \(got), expected \(y)")
        }
    }

    @Test func customBodiesUseTheLanguagesFunctions() {
        let body: ExportExpr = .binary(
            op: .add, lhs: .call(name: "log2", args: [.binary(op: .power, lhs: .input, rhs: .constant(3))]),
            rhs: .call(name: "max", args: [.negate(.input), .call(name: "sign", args: [.input])]))
        // x = 2: log2(8) + max(-2, 1) = 4.
        #expect(single(.custom(name: "f", body: body)).predict(2) == [4])
        #expect(ExportFunction.allCases.count == 23)
    }

    @Test func constantSubexpressionsAreFolded() {
        let half: ExportExpr = .binary(op: .divide, lhs: .constant(Double.pi), rhs: .constant(2))
        #expect(half.constantValue == Double.pi / 2)
        #expect(ExportExpr.binary(op: .multiply, lhs: .input, rhs: half).constantValue == nil)
        #expect(ExportExpr.call(name: "cos", args: [.constant(0)]).constantValue == 1)
    }

    @Test func aRowOfTheWrongWidthGivesNaNs() {
        let model = single(builtin("tanh"))
        #expect(model.predict([1, 2]).allSatisfy { $0.isNaN })
    }

    @Test func summaryAndSignatureNameEveryLayer() {
        let model = ExportFixtures.all[0].model
        #expect(model.summary == "1 → 16 tanh → 1 linear")
        #expect(ArchitectureSignature(model).description == "1 → 16 tanh → 1 linear")
        #expect(builtin("leaky_relu", 0.2).signature == "leaky_relu(0.2)")
        #expect(builtin("leaky_relu", 0.01).signature == "leaky_relu")
        #expect(builtin("sin", 1).signature == builtin("sin").signature)
        #expect(ExportActivation.custom(name: "bump", body: ExportFixtures.bump).signature
                == "bump(x) = exp(-(x ^ 2.0))")
    }
}

@Suite struct PredictionCSVTests {
    @Test func oneInputOneOutputUsesPlainHeaders() {
        let text = PredictionCSV.render(inputs: [[-1], [0.5]], outputs: [[0.1], [.nan]])
        #expect(text == "x,y\n-1.0,0.1\n0.5,nan\n")
    }

    @Test func wideRowsNumberTheirColumns() {
        let text = PredictionCSV.render(inputs: [[1, 2]], outputs: [[3, -.infinity, 1e-300]])
        #expect(text == "x1,x2,y1,y2,y3\n1.0,2.0,3.0,-inf,1e-300\n")
    }

    @Test func everyValueReadsBackExactly() {
        let model = ExportFixtures.all[0].model
        let inputs = ExportFixtures.line()
        let outputs = inputs.map(model.predict)
        let lines = PredictionCSV.render(inputs: inputs, outputs: outputs).split(separator: "\n").dropFirst()
        for (line, want) in zip(lines, outputs) {
            #expect(Double(String(line.split(separator: ",")[1])) == want[0])
        }
    }
}
