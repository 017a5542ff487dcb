import Foundation
import NNScript
import Testing

@Suite struct SetupLintsTests {
    // MARK: - Saturation

    /// 100 units with weights spread evenly over [-scale, scale] and zero biases.
    static func weights(scale: Double) -> [Double] {
        (0..<100).map { (unit: Int) -> Double in
            let position = (Double(unit) + 0.5) / 100
            return scale * (2 * position - 1)
        }
    }

    @Test func saturationOfTheSeedsInputs() throws {
        // x in [-1, 9] with weights up to 4: most units are saturated.
        let lint = try #require(SetupLints.inputSaturation(
            activation: "tanh", inputRanges: [-1...9], weights: Self.weights(scale: 4), biases: []))
        #expect(lint.kind == .inputSaturation)
        #expect(lint.message.contains("tanh") && lint.message.contains("[-1, 9]"))
        #expect(lint.advice.contains("divide x by 9"))
        // The same weights on inputs in [-1, 1] saturate nothing.
        #expect(SetupLints.saturatedFraction(
            activation: "tanh", inputRanges: [-1...1], weights: Self.weights(scale: 2), biases: []) == 0)
        #expect(SetupLints.inputSaturation(
            activation: "tanh", inputRanges: [-1...1], weights: Self.weights(scale: 2), biases: []) == nil)
    }

    @Test func pytorchDefaultInitOnTheSeedsRangeIsNotFlagged() throws {
        // PyTorch's default for fan-in 1 draws w and b from U(-1, 1); on x in [-1, 9] about a quarter of the
        // (unit, x) pairs are saturated, and examples/sin.nn fits well with it, so the lint stays quiet.
        let biases = Self.weights(scale: 1).reversed().map { $0 }
        let fraction = try #require(SetupLints.saturatedFraction(
            activation: "tanh", inputRanges: [-1...9], weights: Self.weights(scale: 1), biases: biases))
        #expect(fraction > 0.2 && fraction < 0.35)
        #expect(SetupLints.inputSaturation(
            activation: "tanh", inputRanges: [-1...9], weights: Self.weights(scale: 1), biases: biases) == nil)
    }

    @Test func saturatedFractionIsExactForASimpleCase() throws {
        // One unit, w = 1, b = 0, x in [-6, 6]: |x| > 3 on half the range (101 of 201 samples are not beyond 3).
        let fraction = try #require(SetupLints.saturatedFraction(
            activation: "tanh", inputRanges: [-6...6], weights: [1], biases: [0]))
        #expect(abs(fraction - 100.0 / 201.0) < 1e-12)
        // Sigmoid saturates later (|z| > 6): nothing here.
        #expect(SetupLints.saturatedFraction(
            activation: "sigmoid", inputRanges: [-6...6], weights: [1], biases: [0]) == 0)
        // A bias shifts every pre-activation past the threshold.
        #expect(SetupLints.saturatedFraction(
            activation: "tanh", inputRanges: [-1...1], weights: [1], biases: [10]) == 1)
    }

    @Test func saturationWithSeveralInputsAndBadShapes() {
        // Two inputs, two units (row-major fanIn × units): unit 0 reads input 0 strongly, unit 1 nothing.
        let twoInputs = SetupLints.saturatedFraction(
            activation: "tanh", inputRanges: [-10...10, 0...1], weights: [100, 0, 0, 0], biases: [])
        #expect(twoInputs.map { $0 > 0.45 && $0 < 0.5 } == true)
        // Activations that do not saturate, and shapes that do not agree, give nil.
        let fraction = { (activation: String, ranges: [ClosedRange<Double>], weights: [Double], biases: [Double]) in
            SetupLints.saturatedFraction(activation: activation, inputRanges: ranges, weights: weights, biases: biases)
        }
        #expect(fraction("relu", [-9...9], [5], []) == nil)
        #expect(fraction("tanh", [-1...1, 0...1], [1, 2, 3], []) == nil)
        #expect(fraction("tanh", [-1...1], [1, 2], [0]) == nil)
        #expect(fraction("tanh", [], [], []) == nil)
    }

    // MARK: - Output range

    @Test func outputRangeThatCannotReachTheTargets() throws {
        let lint = try #require(SetupLints.outputRange(
            activation: "sigmoid", outputLower: 0, outputUpper: 1, targetMin: -0.4, targetMax: 0.4))
        #expect(lint.kind == .outputRange)
        #expect(lint.message == "the targets span [-0.4, 0.4] but a sigmoid output only reaches (0, 1)")
        #expect(lint.advice.contains("output linear"))
        #expect(SetupLints.outputRange(
            activation: "tanh", outputLower: -1, outputUpper: 1, targetMin: -0.4, targetMax: 0.4) == nil)
        #expect(SetupLints.outputRange(
            activation: "relu", outputLower: 0, outputUpper: .infinity, targetMin: 0, targetMax: 5) == nil)
        #expect(SetupLints.outputRange(
            activation: "relu", outputLower: 0, outputUpper: .infinity, targetMin: -0.1, targetMax: 5)?.message
            == "the targets span [-0.1, 5] but a relu output only reaches (0, inf)")
    }

    // MARK: - Plain SGD

    @Test func lossThatBarelyMoves() throws {
        // The seed: sgd lr=4e-7 moves the loss by 0.3 % over 1000 iterations.
        let losses = (0...3000).map { 10 - 0.03 * Double($0) / 3000 }
        let lint = try #require(SetupLints.lossBarelyMoves(losses: losses, window: 1000, optimizer: "sgd lr=4e-7"))
        #expect(lint.kind == .lossBarelyMoves)
        #expect(lint.message == "loss moved 0.1 % over the last 1000 iterations with sgd lr=4e-7")
        #expect(lint.advice == "try `optimizer adam lr=1e-2`, or a larger lr")
        let moving = (0...3000).map { exp(-Double($0) / 500) }
        #expect(SetupLints.lossBarelyMoves(losses: moving, window: 1000, optimizer: "sgd lr=0.1") == nil)
        #expect(SetupLints.lossBarelyMoves(losses: [1, 1, 1], window: 1000, optimizer: "sgd") == nil)  // too short
    }

    @Test func lintLine() {
        let lint = SetupLint(kind: .lossBarelyMoves, message: "loss moved 0.3 %", advice: "try adam")
        #expect(RunText.lint(lint, location: "a.nn:7:1")
            == "lint    a.nn:7:1: warning: loss moved 0.3 %\n        note: try adam")
        #expect(RunText.lint(lint, location: "").hasPrefix("lint    warning: loss moved"))
    }

    @Test func lossThatOscillates() throws {
        let zigzag = (0..<300).map { (i: Int) -> Double in
            let sign: Double = i % 2 == 0 ? 0.5 : -0.5
            return 1 + sign * (1 + Double(i) / 300)
        }
        let lint = try #require(SetupLints.lossOscillates(losses: zigzag, window: 200, optimizer: "sgd lr=2"))
        #expect(lint.kind == .lossOscillates)
        #expect(lint.message == "loss went up and down in 100 % of the last 200 iterations with sgd lr=2")
        #expect(SetupLints.signChangeFraction(losses: zigzag, window: 200) == 1)
        let smooth = (0..<300).map { exp(-Double($0) / 100) }
        #expect(SetupLints.signChangeFraction(losses: smooth, window: 200) == 0)
        #expect(SetupLints.lossOscillates(losses: smooth, window: 200, optimizer: "sgd lr=0.1") == nil)
        // Every fourth step goes up: one sign change in two steps, on the limit.
        let stairs = (0..<401).map { i in Double(1000 - i) + (i % 4 == 3 ? 3 : 0) }
        #expect(SetupLints.signChangeFraction(losses: stairs, window: 400).map { abs($0 - 0.5) < 0.01 } == true)
        #expect(SetupLints.lossOscillates(losses: [1, 2], window: 200, optimizer: "sgd") == nil)
    }
}
