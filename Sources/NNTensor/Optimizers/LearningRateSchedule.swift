import Foundation

// MARK: - LearningRateSchedule

/// A learning-rate schedule with optional linear warmup, in closed form.
///
/// For update number `t` (0-based) of `T = totalSteps`, with warmup `W` and `t' = t − W`, `T' = T − W`:
///
/// - warmup, `t < W`: `base · (t + 1) / W` (reaches `base` at `t = W − 1`; torch's
///   `LinearLR(start_factor: 1/W, total_iters: W − 1)`)
/// - `constant`: `base`
/// - `step(every: k, gamma: γ)`: `base · γ^⌊t'/k⌋` (torch `StepLR`)
/// - `exponential(gamma: γ)`: `base · γ^t'` (torch `ExponentialLR`)
/// - `cosine(minLR: m)`: `m + (base − m) · (1 + cos(π · min(t', T') / T')) / 2` (torch `CosineAnnealingLR`
///   with `T_max = T'`; held at `m` after `T'`, where torch would rise again)
///
/// Computed in Double, returned as Float. The reference script checks these formulas against torch's schedulers.
/// (Not named `Schedule`: that is the graph compiler's order of kernels.)
public struct LearningRateSchedule: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        case constant
        case step(every: Int, gamma: Double)
        case exponential(gamma: Double)
        case cosine(minLR: Double)
    }

    public var kind: Kind
    /// The number of warmup steps (0 for none).
    public var warmup: Int

    public init(_ kind: Kind = .constant, warmup: Int = 0) {
        self.kind = kind
        self.warmup = warmup
    }

    /// The constant schedule without warmup.
    public static let constant = LearningRateSchedule()

    /// The learning rate of update number `step` (0-based) in a run of `totalSteps` updates.
    public func learningRate(step: Int, base: Float, totalSteps: Int) -> Float {
        let base = Double(base)
        let warmup = max(0, self.warmup)
        let step = max(0, step)
        if step < warmup {
            return Float(base * Double(step + 1) / Double(warmup))
        }
        let t = step - warmup
        switch kind {
        case .constant:
            return Float(base)
        case let .step(every, gamma):
            return Float(base * Foundation.pow(gamma, Double(t / max(1, every))))
        case let .exponential(gamma):
            return Float(base * Foundation.pow(gamma, Double(t)))
        case let .cosine(minLR):
            let span = totalSteps - warmup
            guard span > 0 else { return Float(minLR) }
            let progress = Double(min(t, span)) / Double(span)
            return Float(minLR + (base - minLR) * (1 + Foundation.cos(Double.pi * progress)) / 2)
        }
    }

    // MARK: - Validation

    /// Every problem with the schedule's options, empty when usable; errors use the language's option names.
    public func validationErrors() -> [OptimizerConfigError] {
        var errors: [OptimizerConfigError] = []
        if warmup < 0 {
            errors.append(OptimizerConfigError(option: "warmup", value: Double(warmup), requirement: "≥ 0"))
        }
        switch kind {
        case .constant:
            break
        case let .step(every, gamma):
            if every < 1 {
                errors.append(OptimizerConfigError(option: "every", value: Double(every), requirement: "≥ 1"))
            }
            if !(gamma.isFinite && gamma > 0) {
                errors.append(OptimizerConfigError(option: "gamma", value: gamma, requirement: "a finite number > 0"))
            }
        case let .exponential(gamma):
            if !(gamma.isFinite && gamma > 0) {
                errors.append(OptimizerConfigError(option: "gamma", value: gamma, requirement: "a finite number > 0"))
            }
        case let .cosine(minLR):
            if !(minLR.isFinite && minLR >= 0) {
                errors.append(OptimizerConfigError(option: "min_lr", value: minLR, requirement: "a finite number ≥ 0"))
            }
        }
        return errors
    }

    /// Throws the first validation error, if any.
    public func validate() throws {
        if let first = validationErrors().first { throw first }
    }
}
