import NNScript

/// Small models covering every activation, with deterministic weights, shared by the ONNX and PyTorch tests.
enum ExportFixtures {
    /// A named model and the input rows to evaluate it on.
    struct Case {
        var name: String
        var model: ModelDescription
        var inputs: [[Double]]
    }

    static let all: [Case] = [
        Case(name: "tanh", model: stack(1, [(16, tanh), (1, linear)]), inputs: line()),
        Case(name: "wide-tanh", model: stack(1, [(128, tanh), (64, tanh), (1, linear)]), inputs: line()),
        Case(name: "relu-family", model: stack(1, [
            (8, .builtin(name: "relu", parameter: nil)),
            (8, .builtin(name: "leaky_relu", parameter: 0.1)),
            (6, .builtin(name: "elu", parameter: 0.7)),
            (5, .builtin(name: "elu", parameter: nil)),
            (1, linear),
        ]), inputs: line()),
        Case(name: "gelu-sigmoid-multi", model: stack(3, [
            (8, .builtin(name: "gelu", parameter: nil), true),
            (6, .builtin(name: "sigmoid", parameter: nil), false),
            (2, linear, true),
        ]), inputs: grid(width: 3)),
        Case(name: "softplus-threshold", model: softplusAcrossThreshold, inputs: line()),
        Case(name: "siren", model: stack(1, [
            (16, .builtin(name: "sin", parameter: 30)),
            (16, .builtin(name: "sin", parameter: nil)),
            (1, linear),
        ]), inputs: line()),
        Case(name: "swish-bump", model: stack(1, [
            (8, .builtin(name: "swish", parameter: nil)),
            (8, .custom(name: "bump", body: bump)),
            (1, linear),
        ]), inputs: line()),
        Case(name: "custom-functions", model: stack(2, [
            (6, .custom(name: "trig", body: trig), true),
            (6, .custom(name: "logs", body: logs), false),
            (6, .custom(name: "steps", body: steps), true),
            (6, .custom(name: "mix", body: mix), true),
            (5, .custom(name: "quarter", body: .binary(op: .divide, lhs: .constant(1), rhs: .constant(4))), true),
            (2, .custom(name: "bump", body: bump), true),
        ]), inputs: grid(width: 2)),
        // 3 raw columns, 5 features of them (one reads no column) and column 2 read by none.
        Case(name: "features", model: withFeatures(stack(5, [(8, tanh), (2, linear)]), rawInputs: 3, [
            .column(0),
            .binary(op: .multiply, lhs: .column(0), rhs: .column(2)),
            call("sin", .column(2)),
            .call(name: "min", args: [.column(0), .constant(0.5)]),
            .binary(op: .divide, lhs: .constant(3), rhs: .constant(4)),
        ]), inputs: grid(width: 3)),
    ]

    // MARK: - Custom activation bodies

    static let linear = ExportActivation.builtin(name: "linear", parameter: nil)
    static let tanh = ExportActivation.builtin(name: "tanh", parameter: nil)

    /// exp(-(x^2))
    static let bump: ExportExpr = call("exp", .negate(.binary(op: .power, lhs: .input, rhs: .constant(2))))

    /// sin(x) + cos(x)·0.5 − tan(x/4) + atan(x) + sinh(x/2) − cosh(x/3)
    static let trig: ExportExpr = sum([
        call("sin", .input),
        .binary(op: .multiply, lhs: call("cos", .input), rhs: .constant(0.5)),
        .negate(call("tan", .binary(op: .divide, lhs: .input, rhs: .constant(4)))),
        call("atan", .input),
        call("sinh", .binary(op: .divide, lhs: .input, rhs: .constant(2))),
        .negate(call("cosh", .binary(op: .divide, lhs: .input, rhs: .constant(3)))),
    ])

    /// log2(abs(x) + 1) + log10(x^2 + 1) + sqrt(abs(x)) + log(1 + sigmoid(x)) + asin(tanh(x)·0.9) − acos(tanh(x)·0.9)
    static let logs: ExportExpr = sum([
        call("log2", .binary(op: .add, lhs: call("abs", .input), rhs: .constant(1))),
        call("log10", .binary(op: .add, lhs: .binary(op: .power, lhs: .input, rhs: .constant(2)), rhs: .constant(1))),
        call("sqrt", call("abs", .input)),
        call("log", .binary(op: .add, lhs: .constant(1), rhs: call("sigmoid", .input))),
        call("asin", .binary(op: .multiply, lhs: call("tanh", .input), rhs: .constant(0.9))),
        .negate(call("acos", .binary(op: .multiply, lhs: call("tanh", .input), rhs: .constant(0.9)))),
    ])

    /// sign(x)·floor(x·3)/3 + ceil(x)/2 + relu(x − 0.25)
    static let steps: ExportExpr = sum([
        .binary(op: .divide,
                lhs: .binary(op: .multiply, lhs: call("sign", .input),
                             rhs: call("floor", .binary(op: .multiply, lhs: .input, rhs: .constant(3)))),
                rhs: .constant(3)),
        .binary(op: .divide, lhs: call("ceil", .input), rhs: .constant(2)),
        call("relu", .binary(op: .subtract, lhs: .input, rhs: .constant(0.25))),
    ])

    /// min(x, 0.5) + max(x, −0.5) + pow(abs(x), 1.5) + 2^(x/4) − x·(pi/2) + exp(−abs(x)), with pi/2 folded
    static let mix: ExportExpr = sum([
        .call(name: "min", args: [.input, .constant(0.5)]),
        .call(name: "max", args: [.negate(.constant(0.5)), .input]),
        .call(name: "pow", args: [call("abs", .input), .constant(1.5)]),
        .binary(op: .power, lhs: .constant(2), rhs: .binary(op: .divide, lhs: .input, rhs: .constant(4))),
        .negate(.binary(op: .multiply, lhs: .input,
                        rhs: .binary(op: .divide, lhs: .constant(Double.pi), rhs: .constant(2)))),
        call("exp", .negate(call("abs", .input))),
    ])

    // MARK: - Builders

    /// A softplus layer whose pre-activations span [-30, 30], across PyTorch's threshold of 20.
    static let softplusAcrossThreshold = ModelDescription(inputSize: 1, layers: [
        LayerDescription(inputs: 1, outputs: 4, weight: [30, -25, 10, 21.5], bias: [0, 0.5, -1, 0],
                         activation: .builtin(name: "softplus", parameter: nil)),
        LayerDescription(inputs: 4, outputs: 1, weight: [0.5, -0.25, 1, 0.125], bias: [0.1], activation: linear),
    ])

    static func call(_ name: String, _ arg: ExportExpr) -> ExportExpr { .call(name: name, args: [arg]) }

    static func sum(_ terms: [ExportExpr]) -> ExportExpr {
        terms.dropFirst().reduce(terms[0]) { .binary(op: .add, lhs: $0, rhs: $1) }
    }

    /// A dense stack with weights from a fixed generator, scaled like PyTorch's default init.
    static func stack(_ inputSize: Int, _ specs: [(Int, ExportActivation)]) -> ModelDescription {
        stack(inputSize, specs.map { ($0.0, $0.1, true) })
    }

    static func stack(_ inputSize: Int, _ specs: [(Int, ExportActivation, Bool)]) -> ModelDescription {
        var generator = SplitMix64(seed: UInt64(inputSize * 1000 + specs.count))
        var width = inputSize
        var layers: [LayerDescription] = []
        for (outputs, activation, hasBias) in specs {
            let scale = 1.5 / Double(width).squareRoot()
            let weight = (0..<width * outputs).map { _ in Float(generator.uniform() * scale) }
            let bias = hasBias ? (0..<outputs).map { _ in Float(generator.uniform() * 0.5) } : nil
            layers.append(LayerDescription(inputs: width, outputs: outputs, weight: weight, bias: bias,
                                           activation: activation))
            width = outputs
        }
        return ModelDescription(inputSize: inputSize, layers: layers)
    }

    /// `model` reading `features` of `rawInputs` raw columns.
    static func withFeatures(_ model: ModelDescription, rawInputs: Int, _ features: [ExportExpr]) -> ModelDescription {
        ModelDescription(inputSize: model.inputSize, layers: model.layers,
                         shape: DataShape(inputNames: DataShape.variables(rawInputs),
                                          outputNames: DataShape.outputs(model.outputSize)),
                         features: features)
    }

    /// 23 points across [-2.2, 2.2].
    static func line() -> [[Double]] {
        (0..<23).map { [-2.2 + 0.2 * Double($0)] }
    }

    /// 12 rows of `width` features in [-2, 2].
    static func grid(width: Int) -> [[Double]] {
        var generator = SplitMix64(seed: 99)
        return (0..<12).map { _ in (0..<width).map { _ in generator.uniform() * 2 } }
    }
}

/// Test data from the library's generator (the fuzzer's), so the two cannot drift apart.
extension SplitMix64 {
    /// Uniform in [-1, 1).
    mutating func uniform() -> Double {
        Double(next() >> 11) / Double(1 << 53) * 2 - 1
    }
}

extension ExportFixtures {
    /// Whether `needle` occurs in the exported bytes `haystack` (a name, an op type, a metadata value).
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}
