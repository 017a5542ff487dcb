/// The fuzzer's inputs: input `index` of a run is a pure function of the seed, the index and the corpus, so a crash
/// at input `i` is rebuilt with `nnscript-fuzz --seed S --replay i` and nothing else has to be kept.
public struct FuzzInputs: Sendable {
    /// The run's seed.
    public let seed: UInt64
    /// Recipes to mutate and splice (the built-in ones, then any given, e.g. `examples/*.nn`).
    public let corpus: [[UInt8]]

    /// Inputs for `seed`, mutating `extraCorpus` besides the built-in recipes.
    public init(seed: UInt64, extraCorpus: [String] = []) {
        self.seed = seed
        self.corpus = (Self.builtInCorpus + extraCorpus).map { Array($0.utf8) }
    }

    /// Input `index`, as bytes (not always valid UTF-8).
    public func bytes(at index: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed, index: index)
        let strategy = rng.below(100)
        var generator = RecipeGenerator(rng: SplitMix64(seed: rng.next()))
        var mutator = RecipeMutator(rng: SplitMix64(seed: rng.next()))
        switch strategy {
        case 0..<40: return Array(generator.program().utf8)
        case 40..<65: return mutator.mutate(Array(generator.program().utf8), corpus: corpus)
        case 65..<82: return mutator.mutate(rng.pick(corpus), corpus: corpus)
        case 82..<88:
            let recipe = rng.chance(50) ? rng.pick(corpus) : Array(generator.program().utf8)
            return Array(recipe.prefix(rng.below(recipe.count + 1)))
        case 88..<95: return PathologicalInputs.make(using: &rng)
        default: return (0..<rng.skewedLength(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        }
    }

    /// Input `index` as the front end receives it: invalid UTF-8 repaired to U+FFFD, as `SourceFile.read` does.
    public func source(at index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    /// A few recipes covering every statement form, so mutation has material even without `examples/`.
    public static let builtInCorpus: [String] = [
        """
        # every form once
        seed 7
        data sin(x)/2.5 noise 0.05 on [-1, 9] samples 4000 grid
        holdout on [9, 11] samples 50
        let w = 2*pi
        input 1
        activation bump(t) = exp(-t^2)
        layer 64 tanh init=xavier bias=false
        layer 16 bump
        insert layer 1 8 leaky_relu(0.1)
        replace layer 2 32 sin(30) init=siren
        remove layer 3
        output 1 linear bias=true
        loss huber delta=0.5
        optimizer adam lr=1e-2 beta1=0.9 beta2=0.999 eps=1e-8 weight_decay=0 clip=1
        schedule step every=100 gamma=0.5 warmup=10
        init he_normal
        batch 32
        train 300 iterations
        report
        plot fit "fit.svg"
        expect mse < 5e-4
        expect extrema == target_extrema
        predict 0, 0.5, -w
        predict on [0, 1] samples 11 "p.csv"
        save "m.ckpt"
        load "m.ckpt"
        export onnx "m.onnx"
        print sin(w/4)^2 + min(1, max(2, pow(2, -1)))
        compare optimizer sgd lr=0.1 momentum=0 | adam lr=1e-2
        compare layers tanh | sin(30) | relu
        compare batch 32 | full
        :help train

        """,
        "layer 128 tanh; output linear; optimizer adam lr=1e-3; data sin(x)/2.5 noise 0.05 on [-1,9]\n",
        "data csv \"points.csv\"\nlayer 8 relu\noutput linear\nloss l1\nschedule cosine min_lr=1e-5\ntrain 2 epochs\n",
        "data x^2 on [-1, 1]\nlayer 4 elu(1)\noutput tanh\nbatch full\ntrain 10\nexpect loss <= mse\n",
    ]
}

/// Inputs that stress limits rather than grammar: nesting at and past the parser's bound, very long tokens and
/// lines, many statements, and custom activations whose expansion grows geometrically.
enum PathologicalInputs {
    static func make(using rng: inout SplitMix64) -> [UInt8] {
        let limit = Parser.maximumDepth
        let n = rng.chance(80) ? rng.int(in: (limit - 3)...(limit + 3)) : rng.int(in: 1...rng.pick([500, 5_000]))
        let text: String
        switch rng.below(13) {
        case 0: text = "print " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        case 1: text = "print " + String(repeating: "-", count: n) + "1"
        case 2: text = "print " + String(repeating: "2^", count: n) + "1"
        case 3: text = "print " + String(repeating: "1+", count: n) + "1"
        case 4: text = "print " + String(repeating: "abs(", count: n) + "1" + String(repeating: ")", count: n)
        case 5: text = "data " + String(repeating: "x*", count: n) + "x on [0, 1]"
        case 6: text = "layer " + String(repeating: "9", count: n) + " tanh"
        case 7: text = String(repeating: rng.pick(["seed 1\n", "layer 2 tanh\n", ";", "\n", "#\n", "remove layer 1\n"]),
                              count: n)
        case 8: text = "let " + String(repeating: "a", count: n) + " = 1"
        case 9: text = String(repeating: "(", count: n) + String(repeating: "[", count: n)
        case 10: text = "save \"" + String(repeating: rng.pick(["\\n", "é", "\\\"", "a"]), count: n) + "\""
        case 11: text = letChain(rng.int(in: 2...60), using: &rng)
        default: text = activationChain(depth: rng.int(in: 2...rng.pick([8, 40])), fanOut: rng.int(in: 2...30),
                                        using: &rng)
        }
        return Array(text.utf8)
    }

    /// `let a1 = a0 * a0 …`: constants that overflow to infinity along the way.
    private static func letChain(_ length: Int, using rng: inout SplitMix64) -> String {
        var out = "let a0 = \(rng.pick(["2", "10", "1e10", "-3", "0"]))\n"
        for i in 1..<length { out += "let a\(i) = a\(i - 1)*a\(i - 1)\n" }
        return out + "print a\(length - 1)\nlayer a\(length - 1) tanh\n"
    }

    /// Each activation calls the one before it `fanOut` times: its full expansion has `fanOut^depth` calls.
    static func activationChain(depth: Int, fanOut: Int, using rng: inout SplitMix64) -> String {
        var out = "data x on [0, 1]\nactivation f0(x) = x\n"
        for i in 1...depth {
            let calls = (0..<fanOut).map { _ in "f\(i - 1)(x)" }
            out += "activation f\(i)(x) = " + calls.joined(separator: rng.pick(["+", "*", " - "])) + "\n"
        }
        let last = "f\(depth)"
        out += rng.pick(["print \(last)(1)", "layer 4 \(last)", "output \(last)", "let c = \(last)(0.5)",
                         "data \(last)(x) on [0, 1]", "compare layers \(last) | tanh"])
        return out + "\n"
    }
}
