import Testing
import NNTensor

@Suite struct LearningRateScheduleTests {
    @Test func warmupRampsLinearlyToTheBase() {
        let schedule = LearningRateSchedule(.constant, warmup: 4)
        let lrs = (0..<6).map { schedule.learningRate(step: $0, base: 0.8, totalSteps: 10) }
        #expect(lrs == [0.2, 0.4, 0.6, 0.8, 0.8, 0.8])
    }

    @Test func stepAndExponentialDecayAfterWarmup() {
        let step = LearningRateSchedule(.step(every: 3, gamma: 0.5), warmup: 2)
        #expect((2..<9).map { step.learningRate(step: $0, base: 1, totalSteps: 20) } == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
        let exponential = LearningRateSchedule(.exponential(gamma: 0.5))
        #expect(exponential.learningRate(step: 3, base: 2, totalSteps: 20) == 0.25)
    }

    @Test func cosineEndsAtItsMinimumAndStaysThere() {
        let cosine = LearningRateSchedule(.cosine(minLR: 0.1), warmup: 10)
        #expect(cosine.learningRate(step: 10, base: 1, totalSteps: 110) == 1)
        #expect(abs(cosine.learningRate(step: 60, base: 1, totalSteps: 110) - 0.55) < 1e-6)
        #expect(cosine.learningRate(step: 110, base: 1, totalSteps: 110) == 0.1)
        #expect(cosine.learningRate(step: 500, base: 1, totalSteps: 110) == 0.1)
        // A run no longer than its warmup has no cosine phase left: the minimum, not a division by zero.
        #expect(cosine.learningRate(step: 10, base: 1, totalSteps: 10) == 0.1)
    }

    @Test func badOptionsAreErrors() {
        #expect(LearningRateSchedule(.step(every: 0, gamma: -1), warmup: -2).validationErrors().map(\.option)
                == ["warmup", "every", "gamma"])
        #expect(LearningRateSchedule(.cosine(minLR: .nan)).validationErrors().map(\.option) == ["min_lr"])
        #expect(LearningRateSchedule(.exponential(gamma: 0.9), warmup: 3).validationErrors().isEmpty)
        #expect(throws: OptimizerConfigError.self) { try LearningRateSchedule(.exponential(gamma: 0)).validate() }
        // Invalid schedules still return numbers rather than trapping.
        let invalid = LearningRateSchedule(.step(every: 0, gamma: 0.5))
        #expect(invalid.learningRate(step: 3, base: 1, totalSteps: 5).isFinite)
    }
}
