import Testing
import NNTensor

/// One optimizer run of the reference script: configuration, optional schedule, and torch's results.
struct OptimizerCase: Sendable, CustomTestStringConvertible {
    let name: String
    let config: OptimizerConfig
    let schedule: LearningRateSchedule?
    let finalLoss: Float
    let finalParameters: [[Float]]
    /// The same run in float64, for scale: float32 runs differ from it by float32 rounding noise alone.
    let finalParametersFloat64: [[Double]]
    var testDescription: String { name }
}

/// One schedule of the reference script with torch's learning rate at every step.
struct ScheduleCase: Sendable {
    let schedule: LearningRateSchedule
    let base: Float
    let totalSteps: Int
    let learningRates: [Double]
}

/// The largest |a − b| / max(|b|, floor) over paired values.
func maxRelativeError(_ actual: [Float], _ expected: [Float], floor: Float = 1e-3) -> Float {
    zip(actual, expected).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? 0
}

@Suite struct OptimizerParityTests {
    /// Trains the reference net for the reference's step count with `config` and `schedule`.
    static func train(_ config: OptimizerConfig, schedule: LearningRateSchedule?) throws -> TinyNet {
        let net = TinyNet.reference()
        let optimizer = try Optimizer(config, parameters: net.parameters)
        let base = Float(config.learningRate)
        for step in 0..<ParityReference.steps {
            net.backward()
            let lr = schedule?.learningRate(step: step, base: base, totalSteps: ParityReference.steps) ?? base
            optimizer.step(learningRate: lr)
        }
        return net
    }

    @Test(arguments: ParityReference.optimizerCases)
    func matchesPyTorchAfterAHundredSteps(_ reference: OptimizerCase) throws {
        let net = try Self.train(reference.config, schedule: reference.schedule)
        let actual = net.parameters.flatMap(\.value.array)
        let expected = reference.finalParameters.flatMap { $0 }
        let error = maxRelativeError(actual, expected)
        let exact = reference.finalParametersFloat64.flatMap { $0 }.map { Float($0) }
        let errorToFloat64 = maxRelativeError(actual, exact)
        print("parity \(reference.name): max relative error \(error) to torch float32, \(errorToFloat64) to float64")
        #expect(error < 1e-5, "\(reference.name): \(actual) vs torch \(expected)")
        #expect(errorToFloat64 < 5e-5)
        #expect(maxRelativeError([net.loss()], [reference.finalLoss]) < 1e-4)
        // The run must have moved the weights, or parity would hold trivially.
        #expect(maxRelativeError(actual, ParityReference.initialParameters.flatMap { $0 }) > 1e-2)
    }

    @Test(arguments: ParityReference.scheduleCases.indices)
    func scheduleMatchesPyTorch(_ index: Int) {
        let reference = ParityReference.scheduleCases[index]
        for (step, expected) in reference.learningRates.enumerated() {
            let lr = reference.schedule.learningRate(step: step, base: reference.base,
                                                     totalSteps: reference.totalSteps)
            let error = abs(Double(lr) - expected) / max(abs(expected), 1e-6)
            #expect(error < 1e-6, "\(reference.schedule) step \(step): \(lr) vs torch \(expected)")
        }
    }
}
