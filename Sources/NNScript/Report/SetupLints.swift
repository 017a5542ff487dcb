import Foundation

/// A warning about the set-up (not an error: the run goes on), with advice. The interpreter gives it a location
/// in the recipe and prints it once.
public struct SetupLint: Equatable, Sendable {
    /// Which check produced it; stable, for tests and for printing each kind once.
    public enum Kind: String, Equatable, Sendable {
        case inputSaturation = "input-saturation"
        case outputRange = "output-range"
        case lossBarelyMoves = "loss-barely-moves"
        case lossOscillates = "loss-oscillates"
    }

    public var kind: Kind
    /// What is wrong, e.g. `loss moved 0.3 % over the last 1000 iterations with sgd lr=4e-7`.
    public var message: String
    /// What to try, e.g. ``try `optimizer adam lr=1e-2`, or a larger lr``.
    public var advice: String

    public init(kind: Kind, message: String, advice: String) {
        self.kind = kind
        self.message = message
        self.advice = advice
    }
}

/// Checks on the set-up that catch the seed's kind of mistake before or during training. Each returns nil when all
/// is well. Pure functions over numbers the interpreter has at hand.
public enum SetupLints {
    // MARK: - Saturation of the first layer

    /// |pre-activation| beyond which an activation is saturated: its slope is under ~1 % of its largest
    /// (tanh′(3) ≈ 0.0099; sigmoid′(6) ≈ 0.0025 = 1 % of sigmoid′(0) = 0.25). Nil for activations that do not
    /// saturate.
    public static func saturationThreshold(activation: String) -> Double? {
        switch activation {
        case "tanh": 3
        case "sigmoid": 6
        default: nil
        }
    }

    /// The share of (unit, input) pairs of the first layer whose pre-activation |x·W + b| is beyond the saturation
    /// threshold, over points spread evenly through the input box.
    ///
    /// `weights` is the first layer's matrix, row-major fanIn × units (so that the layer computes x·W + b), `biases`
    /// has one value per unit (empty for `bias=false`), `inputRanges` one range per input. One input is sampled at
    /// 201 even points; several inputs at 256 points of a Kronecker sequence, which fills the box evenly without
    /// randomness. Nil when the shapes do not agree or the activation does not saturate.
    public static func saturatedFraction(
        activation: String, inputRanges: [ClosedRange<Double>], weights: [Double], biases: [Double]
    ) -> Double? {
        guard let threshold = saturationThreshold(activation: activation), !inputRanges.isEmpty else { return nil }
        let fanIn = inputRanges.count
        guard weights.count % fanIn == 0, weights.count > 0 else { return nil }
        let units = weights.count / fanIn
        guard biases.isEmpty || biases.count == units else { return nil }
        let samples = samplePoints(inputRanges)
        var saturated = 0
        for point in samples {
            for unit in 0..<units {
                var z = biases.isEmpty ? 0 : biases[unit]
                for input in 0..<fanIn { z += point[input] * weights[input * units + unit] }
                if !(abs(z) <= threshold) { saturated += 1 }
            }
        }
        return Double(saturated) / Double(samples.count * units)
    }

    /// A lint when at least `limit` (default half) of the first layer is saturated over the inputs.
    public static func inputSaturation(
        activation: String, inputRanges: [ClosedRange<Double>], weights: [Double], biases: [Double],
        limit: Double = 0.5
    ) -> SetupLint? {
        guard let fraction = saturatedFraction(
            activation: activation, inputRanges: inputRanges, weights: weights, biases: biases),
              fraction >= limit, let threshold = saturationThreshold(activation: activation)
        else { return nil }
        let largest = inputRanges.map { max(abs($0.lowerBound), abs($0.upperBound)) }.max() ?? 1
        let ranges = inputRanges.map { RunText.interval($0.lowerBound, $0.upperBound) }.joined(separator: " × ")
        return SetupLint(
            kind: .inputSaturation,
            message: "\(percent(fraction)) of the first layer's \(activation) units are saturated "
                + "(|w·x + b| > \(NumberFormat.short(threshold))) over the inputs \(ranges); "
                + "their gradients nearly vanish",
            advice: "scale the inputs to about [-1, 1] (e.g. divide x by \(NumberFormat.short(largest))), "
                + "or use a smaller init such as `init xavier`")
    }

    private static func samplePoints(_ ranges: [ClosedRange<Double>]) -> [[Double]] {
        if ranges.count == 1 {
            let range = ranges[0]
            return (0...200).map { [range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 200] }
        }
        // Kronecker sequence: coordinate d of point i is frac((i + 0.5) · √p_d) for the d-th prime p_d.
        let primes: [Double] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53]
        return (0..<256).map { i in
            ranges.enumerated().map { d, range in
                let alpha = primes[d % primes.count].squareRoot() + Double(d / primes.count)
                let u = ((Double(i) + 0.5) * alpha).truncatingRemainder(dividingBy: 1)
                return range.lowerBound + (range.upperBound - range.lowerBound) * u
            }
        }
    }

    // MARK: - Output range

    /// A lint when the targets leave the range the output activation can produce, e.g. sigmoid's (0, 1) for targets
    /// in [-0.4, 0.4]. `outputLower`/`outputUpper` are the activation's range (±infinity when unbounded).
    public static func outputRange(
        activation: String, outputLower: Double, outputUpper: Double, targetMin: Double, targetMax: Double
    ) -> SetupLint? {
        guard targetMin.isFinite, targetMax.isFinite, targetMin < outputLower || targetMax > outputUpper else {
            return nil
        }
        let reach = "(\(NumberFormat.short(outputLower)), \(NumberFormat.short(outputUpper)))"
        return SetupLint(
            kind: .outputRange,
            message: "the targets span \(RunText.interval(targetMin, targetMax)) but a \(activation) output only "
                + "reaches \(reach)",
            advice: "use `output linear`, or rescale the targets into \(reach)")
    }

    // MARK: - Plain SGD

    /// A lint when the loss changed by less than `minimumChange` (relative, default 1 %) over the last `window`
    /// iterations: the learning rate is too small to get anywhere. `optimizer` is how the recipe wrote it, e.g.
    /// `sgd lr=4e-7`. Meant for plain sgd; at least 10 iterations of window are needed to say anything.
    public static func lossBarelyMoves(
        losses: [Double], window: Int, optimizer: String, minimumChange: Double = 0.01
    ) -> SetupLint? {
        let window = min(window, losses.count - 1)
        guard window >= 10 else { return nil }
        let start = losses[losses.count - 1 - window]
        let end = losses[losses.count - 1]
        guard start.isFinite, end.isFinite, start != 0 else { return nil }
        let change = abs(end - start) / abs(start)
        guard change < minimumChange else { return nil }
        return SetupLint(
            kind: .lossBarelyMoves,
            message: "loss moved \(percent(change)) over the last \(window) iterations with \(optimizer)",
            advice: "try `optimizer adam lr=1e-2`, or a larger lr")
    }

    /// The share of consecutive loss differences in the last `window` iterations that change sign (0 for a loss that
    /// only falls, near 1 for one that zigzags). Zero differences are skipped. Nil with fewer than 3 differences.
    public static func signChangeFraction(losses: [Double], window: Int) -> Double? {
        let tail = losses.suffix(max(0, window) + 1)
        let differences = zip(tail.dropFirst(), tail).map { $0 - $1 }.filter { $0 != 0 && $0.isFinite }
        guard differences.count >= 3 else { return nil }
        let changes = zip(differences.dropFirst(), differences).filter { ($0 > 0) != ($1 > 0) }.count
        return Double(changes) / Double(differences.count - 1)
    }

    /// A lint when the loss went up and down in at least `limit` (default half) of the steps in the last `window`
    /// iterations: the learning rate is too large for plain sgd. Meant for full-batch sgd, whose loss should fall
    /// smoothly; mini-batch noise zigzags on its own.
    public static func lossOscillates(
        losses: [Double], window: Int, optimizer: String, limit: Double = 0.5
    ) -> SetupLint? {
        guard window >= 10, let fraction = signChangeFraction(losses: losses, window: window), fraction >= limit
        else { return nil }
        return SetupLint(
            kind: .lossOscillates,
            message: "loss went up and down in \(percent(fraction)) of the last \(min(window, losses.count - 1)) "
                + "iterations with \(optimizer)",
            advice: "lower lr (try a tenth), or try `optimizer adam lr=1e-2`")
    }

    // MARK: - Helpers

    /// `0.3 %`, `62 %`
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return (value >= 10 ? String(Int(value.rounded())) : NumberFormat.short(value)) + " %"
    }
}
