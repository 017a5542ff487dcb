import Foundation
import NNTensor

// MARK: - Built-in classification sets

/// The built-in two-input classification sets: TensorFlow Playground's four (spiral, circles, xor, gaussian
/// clusters) and scikit-learn's moons.
public enum ClassificationKind: Hashable, Sendable, CustomStringConvertible {
    /// `classes` interleaved spiral arms from the centre out to radius 1 (cs231n's and Playground's spiral); noise
    /// perturbs each point's angle by `N(0, (4·noise)²)` radians.
    case spiral(classes: Int)
    /// scikit-learn's `make_circles` with `factor` 0.5: class 0 on the unit circle, class 1 on the circle of radius
    /// 0.5 (Playground's inner disc is half its outer radius too), angles evenly spaced; noise adds `N(0, noise²)`
    /// to each coordinate.
    case circles
    /// Playground's xor: points uniform in [−5, 5]², pushed 0.3 away from the axes; class 1 where `x1·x2 ≥ 0`.
    /// Noise moves the point the label is computed from by `noise · U(−5, 5)` per coordinate, so labels near the
    /// axes flip, while the point itself stays put (as in Playground).
    case xor
    /// scikit-learn's `make_blobs`: `classes` centres uniform in [−10, 10]², points `N(centre, σ²)` around them with
    /// σ = noise (default 1).
    case blobs(classes: Int)
    /// scikit-learn's `make_moons`: class 0 on the upper half of the unit circle, class 1 on the lower half of the
    /// unit circle moved by (1, −0.5), evenly spaced; noise adds `N(0, noise²)` to each coordinate.
    case moons

    /// The number of classes, and so of labels `0 … classes − 1`.
    public var classes: Int {
        switch self {
        case let .spiral(k), let .blobs(k): return k
        case .circles, .xor, .moons: return 2
        }
    }

    /// The noise when a recipe gives none: blobs' cluster spread, 0 for the others.
    public var defaultNoise: Double {
        if case .blobs = self { return 1 }
        return 0
    }

    public var description: String {
        switch self {
        case let .spiral(k): return "spiral (\(k) classes)"
        case .circles: return "circles"
        case .xor: return "xor"
        case let .blobs(k): return "blobs (\(k) classes)"
        case .moons: return "moons"
        }
    }

    /// The class counts accepted for spiral and blobs.
    public static let classLimit = 2...100
}

/// Two inputs per point, a class label per point.
public struct ClassificationSet: Sendable, Equatable {
    /// Row-major `[count, 2]`: point `i` is `(inputs[2i], inputs[2i + 1])`.
    public var inputs: [Float]
    /// `0 … classes − 1`, one per point.
    public var labels: [Int]
    public var classes: Int

    public var count: Int { labels.count }

    /// How many points each class has.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for label in labels { counts[label] += 1 }
        return counts
    }
}

/// Why a classification set cannot be generated; the language reports it at the statement.
public enum ClassificationSetError: Error, Equatable, Sendable, CustomStringConvertible {
    case classes(Int)
    case samples(Int, needed: Int)
    case noise(Double)

    public var description: String {
        switch self {
        case let .classes(k):
            return "classes must be \(ClassificationKind.classLimit.lowerBound) to "
                + "\(ClassificationKind.classLimit.upperBound), not \(k)"
        case let .samples(n, needed): return "needs at least \(needed) samples (2 per class), not \(n)"
        case let .noise(value): return "noise must be a finite number ≥ 0, not \(value)"
        }
    }
}

extension DataGenerator {
    /// The points of a built-in classification set, in random order.
    ///
    /// Like `generate`, positions draw from the stream `data` and noise from the stream `noise` of `seed` (so
    /// changing the noise does not move the underlying points), and the order from `data-order`; the same
    /// arguments give the same set on every machine. Classes have `samples / classes` points each, the first
    /// `samples % classes` one more (xor's labels follow from the points, so its classes are balanced only on
    /// average).
    public static func classification(_ kind: ClassificationKind, samples: Int, noise: Double? = nil,
                                      seed: UInt64) -> Result<ClassificationSet, ClassificationSetError> {
        let classes = kind.classes
        guard ClassificationKind.classLimit.contains(classes) else { return .failure(.classes(classes)) }
        guard samples >= 2 * classes, samples <= Limits.samples.upperBound else {
            return .failure(.samples(samples, needed: 2 * classes))
        }
        let noise = noise ?? kind.defaultNoise
        guard noise.isFinite, noise >= 0 else { return .failure(.noise(noise)) }

        var points = PointWriter(samples: samples, seed: seed)
        switch kind {
        case let .spiral(k): points.spiral(classes: k, noise: noise)
        case .circles: points.circles(noise: noise)
        case .xor: points.xor(noise: noise)
        case let .blobs(k): points.blobs(classes: k, spread: noise)
        case .moons: points.moons(noise: noise)
        }
        return .success(points.shuffled(classes: classes))
    }
}

// MARK: - Generators

/// Appends points class by class, then shuffles them; one method per kind.
private struct PointWriter {
    let samples: Int
    var inputs: [Double] = []
    var labels: [Int] = []
    var data: RandomStream
    var noiseStream: RandomStream
    let seed: UInt64

    init(samples: Int, seed: UInt64) {
        self.samples = samples
        self.seed = seed
        data = RandomStream(seed: seed, stream: "data")
        noiseStream = RandomStream(seed: seed, stream: "noise")
        inputs.reserveCapacity(2 * samples)
        labels.reserveCapacity(samples)
    }

    mutating func append(_ x1: Double, _ x2: Double, label: Int) {
        inputs += [x1, x2]
        labels.append(label)
    }

    /// Points of class `k` when `samples` are split over `classes` (the first classes get the remainder).
    func share(of k: Int, classes: Int) -> Int { samples / classes + (k < samples % classes ? 1 : 0) }

    /// `count` values evenly spaced from `low` to `high`, both included (numpy's `linspace`).
    static func linspace(_ low: Double, _ high: Double, _ count: Int, _ i: Int) -> Double {
        count == 1 ? low : low + (high - low) * Double(i) / Double(count - 1)
    }

    mutating func gaussian(_ sigma: Double) -> Double {
        sigma > 0 ? sigma * Double(noiseStream.nextNormal()) : 0
    }

    mutating func spiral(classes: Int, noise: Double) {
        for k in 0..<classes {
            let count = share(of: k, classes: classes)
            for i in 0..<count {
                let r = Self.linspace(0.05, 1, count, i)
                let t = Self.linspace(Double(4 * k), Double(4 * (k + 1)), count, i) + gaussian(4 * noise)
                append(r * Foundation.sin(t), r * Foundation.cos(t), label: k)
            }
        }
    }

    mutating func circles(noise: Double) {
        for (label, radius) in [(0, 1.0), (1, 0.5)] {
            let count = share(of: label, classes: 2)
            for i in 0..<count {
                let angle = 2 * Double.pi * Double(i) / Double(count)
                append(radius * Foundation.cos(angle) + gaussian(noise), radius * Foundation.sin(angle) + gaussian(noise),
                       label: label)
            }
        }
    }

    mutating func moons(noise: Double) {
        for label in 0..<2 {
            let count = share(of: label, classes: 2)
            for i in 0..<count {
                let angle = Self.linspace(0, Double.pi, count, i)
                let (x1, x2) = label == 0
                    ? (Foundation.cos(angle), Foundation.sin(angle))
                    : (1 - Foundation.cos(angle), 0.5 - Foundation.sin(angle))
                append(x1 + gaussian(noise), x2 + gaussian(noise), label: label)
            }
        }
    }

    mutating func xor(noise: Double) {
        func padded(_ v: Double) -> Double { v > 0 ? v + 0.3 : v - 0.3 }
        for _ in 0..<samples {
            let x1 = padded(10 * data.nextDouble() - 5), x2 = padded(10 * data.nextDouble() - 5)
            let n1 = noise > 0 ? noise * (10 * noiseStream.nextDouble() - 5) : 0
            let n2 = noise > 0 ? noise * (10 * noiseStream.nextDouble() - 5) : 0
            append(x1, x2, label: (x1 + n1) * (x2 + n2) >= 0 ? 1 : 0)
        }
    }

    mutating func blobs(classes: Int, spread: Double) {
        var centres: [(Double, Double)] = []
        for _ in 0..<classes { centres.append((20 * data.nextDouble() - 10, 20 * data.nextDouble() - 10)) }
        for (k, centre) in centres.enumerated() {
            for _ in 0..<share(of: k, classes: classes) {
                append(centre.0 + gaussian(spread), centre.1 + gaussian(spread), label: k)
            }
        }
    }

    /// The points in a random order (stream `data-order`), so that any leading slice has every class.
    func shuffled(classes: Int) -> ClassificationSet {
        var order = RandomStream(seed: seed, stream: "data-order")
        let permutation = order.permutation(count: labels.count)
        var result = ClassificationSet(inputs: [], labels: [], classes: classes)
        result.inputs.reserveCapacity(inputs.count)
        result.labels.reserveCapacity(labels.count)
        for index in permutation {
            result.inputs += [Float(inputs[2 * index]), Float(inputs[2 * index + 1])]
            result.labels.append(labels[index])
        }
        return result
    }
}
