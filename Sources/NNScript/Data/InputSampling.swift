import Foundation
import NNTensor

// MARK: - Inputs of several variables

extension DataGenerator {
    /// `samples` points uniform in the box `ranges` (one interval per input), row-major `[samples, ranges.count]`:
    /// point `i`'s input `j` is element `i · ranges.count + j`.
    ///
    /// Drawn from the stream `data` of `seed`, point by point and input by input, so with one input these are the
    /// x values `generate` draws, and a 2-D regression set (`sin(x1) · cos(x2) on [−3, 3] x [−3, 3]`) gets its
    /// points from the same stream as the 1-D sets.
    public static func uniformInputs(_ ranges: [Interval], samples: Int, seed: UInt64) -> [Double] {
        var stream = RandomStream(seed: seed, stream: "data")
        var values = [Double](repeating: 0, count: max(0, samples) * ranges.count)
        var index = 0
        for _ in 0..<max(0, samples) {
            for range in ranges {
                values[index] = range.low + (range.high - range.low) * stream.nextDouble()
                index += 1
            }
        }
        return values
    }

    /// `count` samples of `N(0, standardDeviation²)` from the stream `noise` of `seed` (the noise `generate` adds);
    /// zeros, drawing nothing, when the deviation is 0.
    public static func gaussianNoise(count: Int, standardDeviation: Double, seed: UInt64) -> [Double] {
        guard standardDeviation > 0 else { return [Double](repeating: 0, count: max(0, count)) }
        var stream = RandomStream(seed: seed, stream: "noise")
        return (0..<max(0, count)).map { _ in standardDeviation * Double(stream.nextNormal()) }
    }
}
