import Foundation
import NNTensor

// MARK: - Data set

/// The training rows of a session: `count × k` inputs and `count × targetColumns` targets, row-major (row `i`'s
/// input `j` is `inputs[i·k + j]`), and the noiseless target when it is known. Class targets hold one label
/// `0 … K−1` per row; `shape` names the inputs, outputs and classes.
public struct DataSet: Sendable {
    public var inputs: [Float]
    public var targets: [Float]
    /// What the columns are (the one owner of the data's shape).
    public var shape: DataShape
    /// The noiseless target functions, when the data came from expressions (nil for tables and built-in sets).
    public var spec: DataSpec?
    /// The first input's range, which 1-D reports and plots cover.
    public var interval: Interval
    /// Where the data came from, for the run header.
    public var description: DataDescription

    public init(inputs: [Float], targets: [Float], shape: DataShape, spec: DataSpec?, interval: Interval,
                description: DataDescription) {
        self.inputs = inputs
        self.targets = targets
        self.shape = shape
        self.spec = spec
        self.interval = interval
        self.description = description
    }

    /// Rows.
    public var count: Int { inputs.count / max(shape.inputCount, 1) }

    /// The noiseless target at `x`, when known (1-D data).
    public func truth(at x: Double) -> Double? { spec?.target(at: x) }

    /// Row `row`'s inputs.
    public func inputRow(_ row: Int) -> [Double] {
        let k = shape.inputCount
        return (0..<k).map { Double(inputs[row * k + $0]) }
    }

    /// Each row's class label (classification data).
    public var labels: [Int] { targets.map { Int($0) } }
}

/// Builds data sets from `data` statements; each draws from its own named random stream so that changing the model
/// never changes the data.
public enum DataGenerator {
    /// Points of `spec.function` at uniform random (or evenly spaced) x, plus Gaussian noise from the noise stream.
    ///
    /// x draws from the stream `data`, noise from the stream `noise`, so adding noise does not move the x values.
    public static func generate(_ spec: DataSpec, seed: UInt64, range: SourceRange) -> Result<DataSet, Diagnostic> {
        // Several inputs or outputs draw row by row (`generateRows`); one of each keeps this loop and its bits.
        guard spec.shape.isScalar else { return generateRows(spec, seed: seed) }
        var xStream = RandomStream(seed: seed, stream: "data")
        var noiseStream = RandomStream(seed: seed, stream: "noise")
        let n = spec.samples
        let low = spec.interval.low, high = spec.interval.high
        var xs = [Float](repeating: 0, count: n)
        var ys = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let x: Double
            if spec.grid {
                x = n == 1 ? low : low + (high - low) * Double(i) / Double(n - 1)
            } else {
                x = low + (high - low) * xStream.nextDouble()
            }
            let target = spec.target(at: x)
            guard target.isFinite else {
                return .failure(.nonFiniteTarget(at: x, at: spec.function.range))
            }
            let noise = spec.noise > 0 ? spec.noise * Double(noiseStream.nextNormal()) : 0
            xs[i] = Float(x)
            ys[i] = Float(target + noise)
            guard ys[i].isFinite else { return .failure(.nonFiniteTarget(at: x, at: spec.function.range)) }
        }
        let description = DataDescription(
            count: n, source: .expression(spec.functionText, noise: spec.noise > 0 ? spec.noise : nil),
            lower: low, upper: high, evenlySpaced: spec.grid)
        return .success(DataSet(inputs: xs, targets: ys, shape: .scalar, spec: spec, interval: spec.interval,
                                description: description))
    }

    /// `count` evenly spaced points over `interval` (the report grid, holdout points).
    public static func grid(_ interval: Interval, count: Int) -> [Double] {
        guard count > 1 else { return [interval.low] }
        return (0..<count).map { interval.low + (interval.high - interval.low) * Double($0) / Double(count - 1) }
    }
}

extension DataSpec {
    /// The target expression as written, for the run header.
    public var functionText: String { Formatter.text(of: function) }
}
