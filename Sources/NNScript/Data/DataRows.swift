import Foundation
import NNTensor

// MARK: - Data of several inputs or outputs, and the built-in classification sets

extension DataGenerator {
    /// Rows of `spec`'s expressions at points uniform in its box (`uniformInputs`: stream `data`), each output
    /// plus Gaussian noise (stream `noise`, row by row, output by output).
    static func generateRows(_ spec: DataSpec, seed: UInt64) -> Result<DataSet, Diagnostic> {
        let shape = spec.shape
        let k = shape.inputCount, m = shape.outputNames.count, n = spec.samples
        let points = uniformInputs(spec.intervals, samples: n, seed: seed)
        let noise = gaussianNoise(count: n * m, standardDeviation: spec.noise, seed: seed)
        var inputs = [Float](repeating: 0, count: n * k)
        var targets = [Float](repeating: 0, count: n * m)
        var point = [Double](repeating: 0, count: k)
        for row in 0..<n {
            for j in 0..<k {
                point[j] = points[row * k + j]
                inputs[row * k + j] = Float(point[j])
            }
            for output in 0..<m {
                let target = spec.target(output, at: point)
                let value = Float(target + noise[row * m + output])
                guard target.isFinite, value.isFinite else {
                    return .failure(.nonFiniteTargetAtPoint(point, at: spec.outputs[output].range))
                }
                targets[row * m + output] = value
            }
        }
        let description = DataDescription(
            count: n, source: .expression(spec.outputs.map { Formatter.text(of: $0) }.joined(separator: ", "),
                                          noise: spec.noise > 0 ? spec.noise : nil),
            lower: spec.interval.low, upper: spec.interval.high, shape: shape)
        return .success(DataSet(inputs: inputs, targets: targets, shape: shape, spec: spec,
                                interval: spec.interval, description: description))
    }

    /// A built-in classification set (`ClassificationSets.swift`) as the session's data: inputs `x1, x2`, classes
    /// named `0 … K−1`.
    static func classificationData(_ kind: ClassificationKind, samples: Int, noise: Double?, seed: UInt64,
                                   range: SourceRange) -> Result<DataSet, Diagnostic> {
        switch classification(kind, samples: samples, noise: noise, seed: seed) {
        case .failure(let error):
            return .failure(.invalidDataSet("\(kind)", reason: error.description, at: range))
        case .success(let set):
            let shape = kind.shape
            let xs = stride(from: 0, to: set.inputs.count, by: 2).map { set.inputs[$0] }
            let low = Double(xs.min() ?? 0), high = Double(xs.max() ?? 1)
            let description = DataDescription(count: set.count, source: .builtin(kind.description,
                                                                                 noise: noise ?? kind.defaultNoise),
                                              lower: low, upper: high, shape: shape)
            return .success(DataSet(inputs: set.inputs, targets: set.labels.map(Float.init), shape: shape,
                                    spec: nil, interval: Interval(low: low, high: max(high, low + 1)),
                                    description: description))
        }
    }
}

extension ClassificationKind {
    /// Two inputs and one class per label.
    public var shape: DataShape {
        DataShape(inputNames: ["x1", "x2"], outputNames: ["class"], classes: (0..<classes).map(String.init))
    }
}
