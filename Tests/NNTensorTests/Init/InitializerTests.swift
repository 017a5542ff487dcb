import Testing
import NNTensor

@Suite struct InitializerTests {
    struct Moments {
        var mean: Double, std: Double, minimum: Float, maximum: Float
    }

    func moments(_ tensor: Tensor) -> Moments {
        let values = tensor.array.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        return Moments(mean: mean, std: variance.squareRoot(), minimum: tensor.array.min()!,
                       maximum: tensor.array.max()!)
    }

    /// (scheme, fanIn, fanOut, isFirstLayer, expected bound of a uniform or std of a normal)
    static let weightCases: [(InitScheme, Int, Int, Bool, Double)] = [
        (.default, 64, 32, false, 1 / 8.0),
        (.xavier, 64, 32, false, (6.0 / 96).squareRoot()),
        (.he, 64, 32, false, (6.0 / 64).squareRoot()),
        (.siren, 64, 32, true, 1 / 64.0),
        (.siren, 64, 32, false, (6.0 / 64).squareRoot() / 30),
        (.randn, 64, 32, false, 1),
        (.xavierNormal, 64, 32, false, (2.0 / 96).squareRoot()),
        (.heNormal, 64, 32, false, (2.0 / 64).squareRoot()),
        (.lecun, 64, 32, false, 1 / 8.0),
    ]

    @Test(arguments: weightCases.indices)
    func weightsHaveTheSchemesMoments(caseIndex: Int) {
        let (scheme, fanIn, fanOut, first, scale) = Self.weightCases[caseIndex]
        let tensor = Tensor(shape: Shape(400, 500))
        var rng = RandomStream(seed: 7, stream: "init")
        Initializer.fill(tensor, scheme: scheme, fanIn: fanIn, fanOut: fanOut, rng: &rng, isFirstLayer: first)
        let m = moments(tensor)
        let isUniform = [.default, .xavier, .he, .siren].contains(scheme)
        // A uniform on [−b, b] has std b/√3; 200 000 samples put the mean within ~0.01 std.
        let expectedStd = isUniform ? scale / 3.0.squareRoot() : scale
        #expect(abs(m.mean) < 0.01 * expectedStd)
        #expect(abs(m.std / expectedStd - 1) < 0.01)
        if isUniform {
            #expect(Double(m.minimum) >= -scale && Double(m.maximum) <= scale)
            #expect(Double(m.maximum) > 0.999 * scale)
        } else {
            #expect(Double(m.maximum) > 3 * scale)   // tails exist: this is not a uniform
        }
    }

    @Test func biasesAreZeroExceptForTheDefaultScheme() {
        for scheme in InitScheme.allCases {
            let bias = Tensor(shape: Shape(1, 1000), repeating: 5)
            var rng = RandomStream(seed: 1, stream: "init")
            Initializer.fill(bias, scheme: scheme, fanIn: 16, fanOut: 1000, rng: &rng, role: .bias)
            if scheme == .default {
                #expect(bias.array.allSatisfy { abs($0) <= 0.25 })
                #expect(moments(bias).std > 0.1)
            } else {
                #expect(bias.array.allSatisfy { $0 == 0 })
                #expect(rng.counter == 0)
            }
        }
    }

    @Test func sameStreamGivesTheSameWeights() {
        let a = Tensor(shape: Shape(3, 4)), b = Tensor(shape: Shape(3, 4))
        var r1 = RandomStream(seed: 42, stream: "init"), r2 = RandomStream(seed: 42, stream: "init")
        Initializer.fill(a, scheme: .xavier, fanIn: 3, fanOut: 4, rng: &r1)
        Initializer.fill(b, scheme: .xavier, fanIn: 3, fanOut: 4, rng: &r2)
        #expect(a.array == b.array)
    }

    @Test func degenerateFansAndFrequenciesStayFinite() {
        let t = Tensor(shape: Shape(2, 2))
        var rng = RandomStream(seed: 0, stream: "init")
        Initializer.fill(t, scheme: .he, fanIn: 0, fanOut: 0, rng: &rng)
        Initializer.fill(t, scheme: .siren, fanIn: -3, fanOut: 2, rng: &rng, w0: 0)
        #expect(t.array.allSatisfy { $0.isFinite })
        #expect(Initializer.distribution(scheme: .siren, fanIn: 6, fanOut: 1, w0: 0) == .uniform(bound: 1 / 30))
    }

    @Test func namesAreTheLanguagesNames() {
        #expect(InitScheme(rawValue: "xavier_normal") == .xavierNormal)
        #expect(InitScheme(rawValue: "he_normal") == .heNormal)
        #expect(InitScheme.allCases.map(\.rawValue).contains("default"))
    }
}
