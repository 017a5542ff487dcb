import Foundation
import Testing
import NNTensor

// MARK: - Helpers

private typealias BufferFunction = @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

private func apply(_ function: BufferFunction, _ inputs: [Float]) -> [Float] {
    var outputs = [Float](repeating: 0, count: inputs.count)
    inputs.withUnsafeBufferPointer { x in
        outputs.withUnsafeMutableBufferPointer { y in function(x.baseAddress!, y.baseAddress!, inputs.count) }
    }
    return outputs
}

/// The error of `value` against the Double `truth`, in units of the Float spacing at `truth`.
private func ulps(_ value: Float, _ truth: Double) -> Double {
    if value.isNaN || truth.isNaN { return value.isNaN && truth.isNaN ? 0 : .infinity }
    if truth.isInfinite || value.isInfinite { return Double(value) == truth ? 0 : .infinity }
    let spacing = Double(max(Float(Swift.abs(truth)).ulp, Float.leastNonzeroMagnitude))
    return Swift.abs(Double(value) - truth) / spacing
}

/// The worst ulp error of `function` against `reference` over `inputs`, with the input that produced it.
private func worstError(_ function: BufferFunction, _ reference: (Double) -> Double,
                        _ inputs: [Float]) -> (ulps: Double, at: Float) {
    let outputs = apply(function, inputs)
    var worst = (ulps: 0.0, at: Float(0))
    for (x, y) in zip(inputs, outputs) {
        let error = ulps(y, reference(Double(x)))
        if error > worst.ulps { worst = (error, x) }
    }
    return worst
}

private func sweep(_ low: Float, _ high: Float, count: Int) -> [Float] {
    (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
}

/// Floats spread over every binade between `low` and `high` (both positive), stepping through bit patterns.
private func binades(_ low: Float, _ high: Float, count: Int) -> [Float] {
    let lowBits = low.bitPattern, highBits = high.bitPattern
    let step = max(1, (highBits - lowBits) / UInt32(count))
    return stride(from: lowBits, to: highBits, by: Int(step)).map { Float(bitPattern: $0) }
}

private func random(count: Int, magnitude: Float, seed: UInt64) -> [Float] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return magnitude * (Float(state >> 40) / Float(1 << 23) - 1)
    }
}

private let tanhF: BufferFunction = { VectorMath.tanh($0, $1, count: $2) }
private let expF: BufferFunction = { VectorMath.exp($0, $1, count: $2) }
private let logF: BufferFunction = { VectorMath.log($0, $1, count: $2) }
private let sinF: BufferFunction = { VectorMath.sin($0, $1, count: $2) }
private let cosF: BufferFunction = { VectorMath.cos($0, $1, count: $2) }
private let sigmoidF: BufferFunction = { VectorMath.sigmoid($0, $1, count: $2) }

// MARK: - Error bounds

@Suite struct VectorMathTests {
    /// The documented bound, 5.1 ulp, is the maximum over every Float in [0, 9] (`nnscript-bench tanh-error`);
    /// this samples densely where the error peaks (just below 1) and every binade elsewhere.
    @Test func tanhWithinDocumentedUlps() {
        let inputs = sweep(-20, 20, count: 400_001) + binades(1e-30, 20, count: 200_000).flatMap { [$0, -$0] }
            + binades(6, 9.1, count: 400_000)
        let worst = worstError(tanhF, { Foundation.tanh($0) }, inputs)
        #expect(worst.ulps <= 5.1, "tanh: \(worst.ulps) ulp at \(worst.at)")
        // Relative error, which is what a network sees.
        let outputs = apply(tanhF, inputs)
        let relative = zip(inputs, outputs).map { x, y in
            x == 0 ? 0 : Swift.abs(Double(y) - Foundation.tanh(Double(x))) / Swift.abs(Foundation.tanh(Double(x)))
        }.max()!
        #expect(relative <= 3.1e-7, "tanh: relative error \(relative)")
    }

    @Test func expWithinTwoUlps() {
        let inputs = sweep(-87.3, 88.72, count: 400_001) + binades(1e-30, 88, count: 100_000).flatMap { [$0, -$0] }
        let worst = worstError(expF, { Foundation.exp($0) }, inputs)
        #expect(worst.ulps <= 2, "exp: \(worst.ulps) ulp at \(worst.at)")
        // Subnormal results: within one subnormal step.
        let tiny = sweep(-103.9, -87.4, count: 20_001)
        let outputs = apply(expF, tiny)
        for (x, y) in zip(tiny, outputs) {
            #expect(Swift.abs(Double(y) - Foundation.exp(Double(x))) <= Double(Float.leastNonzeroMagnitude))
        }
    }

    @Test func logWithinTwoUlps() {
        let inputs = binades(Float.leastNonzeroMagnitude, Float.greatestFiniteMagnitude, count: 400_000)
            + sweep(0.5, 2, count: 200_001)
        let worst = worstError(logF, { Foundation.log($0) }, inputs)
        #expect(worst.ulps <= 2, "log: \(worst.ulps) ulp at \(worst.at)")
    }

    @Test func sinAndCosWithinTwoUlps() {
        let inputs = sweep(-100, 100, count: 400_001) + random(count: 100_000, magnitude: 1e4, seed: 3)
            + random(count: 100_000, magnitude: 1e6, seed: 4) + random(count: 100_000, magnitude: 1.1e12, seed: 5)
            + binades(1e-30, 3e38, count: 50_000).flatMap { [$0, -$0] }
        // Near a zero of sin or cos the ulp is tiny; bound those absolutely instead.
        let cases: [(BufferFunction, (Double) -> Double, String)] = [
            (sinF, { Foundation.sin($0) }, "sin"), (cosF, { Foundation.cos($0) }, "cos"),
        ]
        for (function, reference, name) in cases {
            let outputs = apply(function, inputs)
            var worst = (ulps: 0.0, at: Float(0))
            for (x, y) in zip(inputs, outputs) {
                let truth = reference(Double(x))
                let error = Swift.abs(truth) < 1e-3 ? Swift.abs(Double(y) - truth) / 1.2e-7 : ulps(y, truth)
                if error > worst.ulps { worst = (error, x) }
            }
            #expect(worst.ulps <= 2, "\(name): \(worst.ulps) ulp at \(worst.at)")
        }
    }

    @Test func sigmoidWithinThreeUlps() {
        let reference = { (x: Double) in 1 / (1 + Foundation.exp(-x)) }
        let inputs = sweep(-87, 100, count: 400_001) + binades(1e-30, 80, count: 100_000).flatMap { [$0, -$0] }
        let worst = worstError(sigmoidF, reference, inputs)
        #expect(worst.ulps <= 3, "sigmoid: \(worst.ulps) ulp at \(worst.at)")
        let far = apply(sigmoidF, sweep(-200, -87.4, count: 1001))
        #expect(far.allSatisfy { $0 >= 0 && $0 <= Float.leastNormalMagnitude })
    }

    // MARK: - Special values

    @Test func specialValues() {
        let inputs: [Float] = [0, -0.0, .infinity, -.infinity, .nan, 1e-40, -1e-40, 200, -200]
        let tanh = apply(tanhF, inputs)
        #expect(tanh[0] == 0 && tanh[0].sign == .plus && tanh[1] == 0 && tanh[1].sign == .minus)
        #expect(tanh[2] == 1 && tanh[3] == -1 && tanh[4].isNaN && tanh[7] == 1 && tanh[8] == -1)
        #expect(tanh[5] == 1e-40 && tanh[6] == -1e-40)

        let exp = apply(expF, inputs)
        #expect(exp[0] == 1 && exp[1] == 1 && exp[2] == .infinity && exp[3] == 0 && exp[4].isNaN)
        #expect(exp[7] == .infinity && exp[8] == 0)

        let log = apply(logF, inputs + [-1, 1])
        #expect(log[0] == -.infinity && log[1] == -.infinity && log[2] == .infinity && log[3].isNaN)
        #expect(log[4].isNaN && log[9].isNaN && log[10] == 0)
        #expect(Swift.abs(log[5] - Float(Foundation.log(1e-40))) < 1e-5)

        let sin = apply(sinF, inputs), cos = apply(cosF, inputs)
        #expect(sin[0] == 0 && sin[0].sign == .plus && sin[1] == 0 && sin[1].sign == .minus)
        #expect(sin[2].isNaN && sin[3].isNaN && sin[4].isNaN && cos[2].isNaN && cos[3].isNaN && cos[4].isNaN)
        #expect(cos[0] == 1 && cos[1] == 1 && sin[5] == 1e-40)

        let sigmoid = apply(sigmoidF, inputs)
        #expect(sigmoid[0] == 0.5 && sigmoid[2] == 1 && sigmoid[3] == 0 && sigmoid[4].isNaN)
    }

    // MARK: - Determinism

    @Test func resultDoesNotDependOnPositionOrCount() {
        let inputs = random(count: 70_001, magnitude: 30, seed: 11)
        for function in [tanhF, expF, logF, sinF, cosF, sigmoidF] {
            let whole = apply(function, inputs)
            for (offset, count) in [(1, 5), (3, 17), (7, 40_000), (100, 33)] {
                let part = apply(function, Array(inputs[offset..<offset + count])).map(\.bitPattern)
                let same = part == whole[offset..<offset + count].map(\.bitPattern)
                #expect(same, "offset \(offset) count \(count)")
            }
        }
    }

    @Test func inPlaceMatchesOutOfPlace() {
        var values = random(count: 1000, magnitude: 5, seed: 12)
        let expected = apply(tanhF, values)
        values.withUnsafeMutableBufferPointer { VectorMath.tanh($0.baseAddress!, $0.baseAddress!, count: 1000) }
        #expect(values == expected)
    }
}
