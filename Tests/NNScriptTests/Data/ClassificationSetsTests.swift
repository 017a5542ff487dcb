import Foundation
import NNScript
import NNTensor
import Testing

/// The built-in classification sets: shapes, class balance, determinism, each kind's geometry, refused arguments;
/// and the uniform inputs of several variables.
@Suite struct ClassificationSetsTests {
    static let kinds: [ClassificationKind] = [.spiral(classes: 3), .circles, .xor, .blobs(classes: 4), .moons]

    static func make(_ kind: ClassificationKind, samples: Int, noise: Double? = nil, seed: UInt64 = 0) throws
        -> ClassificationSet {
        try DataGenerator.classification(kind, samples: samples, noise: noise, seed: seed).get()
    }

    /// Point `i` of a set.
    static func point(_ set: ClassificationSet, _ i: Int) -> (Double, Double) {
        (Double(set.inputs[2 * i]), Double(set.inputs[2 * i + 1]))
    }

    @Test(arguments: kinds)
    func shapesAndLabels(_ kind: ClassificationKind) throws {
        let set = try Self.make(kind, samples: 601, noise: 0.1)
        #expect(set.count == 601)
        #expect(set.inputs.count == 2 * 601)
        #expect(set.classes == kind.classes)
        #expect(set.labels.allSatisfy { (0..<kind.classes).contains($0) })
        #expect(set.inputs.allSatisfy { $0.isFinite })
        // Shuffled: a leading slice has every class.
        #expect(Set(set.labels.prefix(40)).count == kind.classes)
    }

    @Test func classesAreBalanced() throws {
        #expect(try Self.make(.spiral(classes: 3), samples: 600).classCounts == [200, 200, 200])
        #expect(try Self.make(.spiral(classes: 3), samples: 601).classCounts == [201, 200, 200])
        #expect(try Self.make(.circles, samples: 501).classCounts == [251, 250])
        #expect(try Self.make(.moons, samples: 600, noise: 0.2).classCounts == [300, 300])
        #expect(try Self.make(.blobs(classes: 4), samples: 802).classCounts == [201, 201, 200, 200])
        // xor's labels follow from uniform points: about half each.
        let xor = try Self.make(.xor, samples: 2000).classCounts
        #expect(xor.allSatisfy { $0 > 900 && $0 < 1100 }, "\(xor)")
    }

    @Test(arguments: kinds)
    func sameSeedSameSetOtherSeedOtherSet(_ kind: ClassificationKind) throws {
        let a = try Self.make(kind, samples: 300, noise: 0.1, seed: 5)
        let b = try Self.make(kind, samples: 300, noise: 0.1, seed: 5)
        let c = try Self.make(kind, samples: 300, noise: 0.1, seed: 6)
        #expect(a.inputs.map(\.bitPattern) == b.inputs.map(\.bitPattern))
        #expect(a.labels == b.labels)
        #expect(a.inputs != c.inputs)
    }

    @Test func noiseMovesPointsWithoutReorderingThem() throws {
        // Noise draws from its own stream: the same points in the same order, each moved a little.
        let clean = try Self.make(.circles, samples: 400, noise: 0), noisy = try Self.make(.circles, samples: 400, noise: 0.05)
        #expect(clean.labels == noisy.labels)
        let moves = (0..<400).map { i in
            let (a, b) = (Self.point(clean, i), Self.point(noisy, i))
            return hypot(a.0 - b.0, a.1 - b.1)
        }
        #expect(moves.max()! < 0.4)
        #expect(moves.reduce(0, +) / 400 > 0.02)  // moved, by about σ·√(π/2) ≈ 0.063 on average
    }

    @Test func circlesLieOnRadiiOneAndAHalf() throws {
        let set = try Self.make(.circles, samples: 300, noise: 0)
        for i in 0..<set.count {
            let (x, y) = Self.point(set, i)
            #expect(abs(hypot(x, y) - (set.labels[i] == 0 ? 1 : 0.5)) < 1e-6)
        }
        let noisy = try Self.make(.circles, samples: 2000, noise: 0.05)
        for label in 0..<2 {
            let radii = (0..<noisy.count).filter { noisy.labels[$0] == label }.map { hypot(Self.point(noisy, $0).0,
                                                                                          Self.point(noisy, $0).1) }
            let mean = radii.reduce(0, +) / Double(radii.count)
            #expect(abs(mean - (label == 0 ? 1 : 0.5)) < 0.01, "class \(label) mean radius \(mean)")
        }
    }

    @Test func moonsAreTwoInterleavedHalfCircles() throws {
        let set = try Self.make(.moons, samples: 200, noise: 0)
        for i in 0..<set.count {
            let (x, y) = Self.point(set, i)
            if set.labels[i] == 0 {
                #expect(abs(hypot(x, y) - 1) < 1e-6 && y >= -1e-6)
            } else {
                #expect(abs(hypot(x - 1, y - 0.5) - 1) < 1e-6 && y <= 0.5 + 1e-6)
            }
        }
        // Interleaved: each moon reaches into the other's span of x.
        let xs0 = (0..<200).filter { set.labels[$0] == 0 }.map { Self.point(set, $0).0 }
        let xs1 = (0..<200).filter { set.labels[$0] == 1 }.map { Self.point(set, $0).0 }
        #expect(abs(xs0.min()! + 1) < 1e-6 && abs(xs0.max()! - 1) < 1e-6)
        #expect(abs(xs1.min()!) < 1e-6 && abs(xs1.max()! - 2) < 1e-6)
    }

    @Test func spiralArmsStayWithinTheUnitDisc() throws {
        let set = try Self.make(.spiral(classes: 5), samples: 1000, noise: 0.2)
        let radii = (0..<set.count).map { hypot(Self.point(set, $0).0, Self.point(set, $0).1) }
        #expect(radii.allSatisfy { $0 >= 0.05 - 1e-6 && $0 <= 1 + 1e-6 })
        // Without noise, each arm turns 4 radians from angle 4k as the radius grows from 0.05 to 1: the point of
        // radius 1 of class k is at angle 4k + 4 (measured from the x2 axis towards x1).
        let clean = try Self.make(.spiral(classes: 3), samples: 300, noise: 0)
        for k in 0..<3 {
            let outer = (0..<300).filter { clean.labels[$0] == k }.max { radius(clean, $0) < radius(clean, $1) }!
            let (x, y) = Self.point(clean, outer)
            let expected = Double(4 * k + 4)
            #expect(abs(x - sin(expected)) < 1e-6 && abs(y - cos(expected)) < 1e-6, "class \(k)")
        }
        func radius(_ set: ClassificationSet, _ i: Int) -> Double { hypot(Self.point(set, i).0, Self.point(set, i).1) }
    }

    @Test func xorLabelsAreTheQuadrantsSigns() throws {
        let set = try Self.make(.xor, samples: 500, noise: 0)
        for i in 0..<set.count {
            let (x, y) = Self.point(set, i)
            #expect(abs(x) >= 0.3 - 1e-6 && abs(x) <= 5.3 + 1e-6 && abs(y) >= 0.3 - 1e-6 && abs(y) <= 5.3 + 1e-6)
            #expect(set.labels[i] == (x * y >= 0 ? 1 : 0))
        }
        // Noise flips some labels near the axes, and moves no point.
        let noisy = try Self.make(.xor, samples: 500, noise: 0.2)
        #expect(noisy.inputs == set.inputs)
        let flipped = zip(noisy.labels, set.labels).filter { $0 != $1 }.count
        #expect(flipped > 0 && flipped < 150, "\(flipped) flipped")
    }

    @Test func blobsSpreadByTheNoiseAroundTheirCentres() throws {
        let set = try Self.make(.blobs(classes: 3), samples: 3000, noise: 0.5)
        for k in 0..<3 {
            let members = (0..<set.count).filter { set.labels[$0] == k }.map { Self.point(set, $0) }
            let mean = (members.map(\.0).reduce(0, +) / Double(members.count),
                        members.map(\.1).reduce(0, +) / Double(members.count))
            #expect(abs(mean.0) < 10.1 && abs(mean.1) < 10.1)
            let variance = members.map { ($0.0 - mean.0) * ($0.0 - mean.0) }.reduce(0, +) / Double(members.count)
            #expect(abs(variance.squareRoot() - 0.5) < 0.05, "class \(k) spread \(variance.squareRoot())")
        }
        #expect(ClassificationKind.blobs(classes: 3).defaultNoise == 1)
    }

    @Test func badArgumentsAreRefusedWithAReason() {
        let cases: [(ClassificationKind, Int, Double?, ClassificationSetError)] = [
            (.spiral(classes: 1), 100, nil, .classes(1)),
            (.blobs(classes: 101), 1000, nil, .classes(101)),
            (.circles, 3, nil, .samples(3, needed: 4)),
            (.spiral(classes: 4), 7, nil, .samples(7, needed: 8)),
            (.moons, 100, -0.1, .noise(-0.1)),
            (.xor, 100, .infinity, .noise(.infinity)),
        ]
        for (kind, samples, noise, error) in cases {
            #expect(throws: error) { try DataGenerator.classification(kind, samples: samples, noise: noise, seed: 0).get() }
            #expect(!error.description.isEmpty)
        }
        let nan = DataGenerator.classification(.moons, samples: 100, noise: .nan, seed: 0)
        guard case .failure(.noise) = nan else {
            Issue.record("NaN noise accepted")
            return
        }
    }

    @Test func uniformInputsCoverTheirBoxFromTheDataStream() {
        let ranges = [Interval(low: -3, high: 3), Interval(low: 0, high: 1)]
        let values = DataGenerator.uniformInputs(ranges, samples: 5000, seed: 2)
        #expect(values.count == 10_000)
        let first = stride(from: 0, to: values.count, by: 2).map { values[$0] }
        let second = stride(from: 1, to: values.count, by: 2).map { values[$0] }
        #expect(first.allSatisfy { $0 >= -3 && $0 < 3 } && second.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(first.reduce(0, +) / 5000) < 0.1 && abs(second.reduce(0, +) / 5000 - 0.5) < 0.02)
        #expect(first.min()! < -2.9 && first.max()! > 2.9)
        // Point by point, input by input, from the stream `data`.
        var stream = RandomStream(seed: 2, stream: "data")
        #expect(values[0] == -3 + 6 * stream.nextDouble())
        #expect(values[1] == stream.nextDouble())

        let noise = DataGenerator.gaussianNoise(count: 4000, standardDeviation: 0.05, seed: 2)
        let spread = (noise.map { $0 * $0 }.reduce(0, +) / 4000).squareRoot()
        #expect(abs(spread - 0.05) < 0.003)
        #expect(DataGenerator.gaussianNoise(count: 3, standardDeviation: 0, seed: 2) == [0, 0, 0])
    }
}
