import Foundation
import NNScript
import NNTensor

// MARK: - The workloads' data sets

/// The data sets of `../shared/bench/peers.py`, drawn from nnscript's own streams (seed 0): the same distributions
/// as numpy's draws there, not the same numbers.
enum WorkloadData {
    /// The seed's 4000 points: x uniform in [-1, 9], y = sin(x)/2.5 + N(0, 0.05²).
    case seed
    /// peers.py's spiral(): 600 points, 3 classes, noise 0.1 (the built-in `spiral` set).
    case spiral
    /// peers.py's surface(): 10 000 points uniform in [-3, 3]², y = sin(x1)·cos(x2) + N(0, 0.05²).
    case surface
    /// peers.py's table(): 400 rows of 30 columns, two Gaussian classes whose means are ±1.5 times a random
    /// direction of length about 1.
    case table

    /// Inputs `[n, k]`, and targets `[n, outputs]`, or class labels `[n, 1]` when `classes` is set.
    struct Tensors {
        let x: Tensor
        let y: Tensor
        let classes: Int?

        var count: Int { x.shape.rows }
        /// The network's output width.
        var outputs: Int { classes ?? y.shape.cols }
    }

    func make() throws -> Tensors {
        switch self {
        case .seed: return Self.seed()
        case .spiral:
            let set = try DataGenerator.classification(.spiral(classes: 3), samples: 600, noise: 0.1, seed: 0).get()
            return Tensors(x: Tensor(shape: Shape(set.count, 2), values: set.inputs),
                           y: Tensor(shape: Shape(set.count, 1), values: set.labels.map(Float.init)),
                           classes: set.classes)
        case .surface:
            let count = 10_000
            let box = Interval(low: -3, high: 3)
            let inputs = DataGenerator.uniformInputs([box, box], samples: count, seed: 0)
            let noise = DataGenerator.gaussianNoise(count: count, standardDeviation: 0.05, seed: 0)
            let targets = (0..<count).map { Foundation.sin(inputs[2 * $0]) * Foundation.cos(inputs[2 * $0 + 1]) + noise[$0] }
            return Tensors(x: Tensor(shape: Shape(count, 2), values: inputs.map(Float.init)),
                           y: Tensor(shape: Shape(count, 1), values: targets.map(Float.init)), classes: nil)
        case .table: return Self.table()
        }
    }

    private static func seed(count: Int = 4000) -> Tensors {
        let x = Tensor(shape: Shape(count, 1)), y = Tensor(shape: Shape(count, 1))
        var rng = RandomStream(seed: 0, stream: "data")
        rng.fillUniform(UnsafeMutableBufferPointer(start: x.data, count: count), low: -1, high: 9)
        rng.fillNormal(UnsafeMutableBufferPointer(start: y.data, count: count), standardDeviation: 0.05)
        for i in 0..<count { y.data[i] += Foundation.sin(x.data[i]) / 2.5 }
        return Tensors(x: x, y: y, classes: nil)
    }

    private static func table(count: Int = 400, columns: Int = 30) -> Tensors {
        var rng = RandomStream(seed: 0, stream: "data")
        let labels = (0..<count).map { _ in rng.nextInt(below: 2) }
        let direction = (0..<columns).map { _ in rng.nextNormal() / Float(columns).squareRoot() }
        let x = Tensor(shape: Shape(count, columns))
        for r in 0..<count {
            for c in 0..<columns { x.data[r * columns + c] = rng.nextNormal() + Float(2 * labels[r] - 1) * direction[c] * 1.5 }
        }
        return Tensors(x: x, y: Tensor(shape: Shape(count, 1), values: labels.map(Float.init)), classes: 2)
    }
}
