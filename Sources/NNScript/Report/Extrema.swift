import Foundation

/// One local extremum of a sampled curve.
public struct Extremum: Equatable, Sendable {
    /// Whether the curve peaks (`maximum`) or dips (`minimum`) here.
    public enum Kind: Equatable, Sendable { case maximum, minimum }

    public var kind: Kind
    /// Where it is; on a plateau, the middle of the plateau.
    public var x: Double
    public var y: Double

    public init(kind: Kind, x: Double, y: Double) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Local extrema of a curve sampled on a grid, counted exactly as `extrema()` in bench/peers.py does.
///
/// peers.py takes the differences between neighbouring samples, drops every difference whose magnitude is not above
/// 1e-6 (flat stretches and tiny wiggles), and counts sign changes between the differences that remain. So a plateau
/// between a rise and a fall is one maximum, and a wiggle smaller than 1e-6 is no extremum at all. NaN differences
/// are dropped too (NumPy's `abs(nan) > 1e-6` is false, and so is Swift's).
public enum Extrema {
    /// Differences whose magnitude is at most this are ignored (peers.py's threshold).
    public static let threshold = 1e-6

    /// The number of local extrema of `values`, as peers.py's `extrema()` returns it.
    public static func count(of values: [Double]) -> Int {
        positions(of: values, grid: nil).count
    }

    /// The local extrema of `values` sampled at `grid` (same length; the sample index is used when `grid` is nil or
    /// its length differs).
    public static func positions(of values: [Double], grid: [Double]?) -> [Extremum] {
        guard values.count >= 3 else { return [] }
        let grid = grid?.count == values.count ? grid : nil
        // (index of the difference, its sign) for every difference that is kept.
        var kept: [(index: Int, rising: Bool)] = []
        kept.reserveCapacity(values.count)
        for i in 0..<(values.count - 1) {
            let difference = values[i + 1] - values[i]
            if abs(difference) > threshold { kept.append((i, difference > 0)) }
        }
        guard kept.count >= 2 else { return [] }
        var result: [Extremum] = []
        for k in 1..<kept.count where kept[k].rising != kept[k - 1].rising {
            // The turn lies between the end of the previous kept difference and the start of this one; anything in
            // between is a plateau, so report its middle.
            let first = kept[k - 1].index + 1
            let last = kept[k].index
            let x: Double
            if let grid {
                x = (grid[first] + grid[last]) / 2
            } else {
                x = Double(first + last) / 2
            }
            let y = values[(first + last) / 2]
            result.append(Extremum(kind: kept[k - 1].rising ? .maximum : .minimum, x: x, y: y))
        }
        return result
    }
}

// MARK: - Extra and missing extrema

/// How a fit's extrema differ from the target's: which fit extrema have no counterpart in the target (extra) and
/// which target extrema the fit does not reproduce (missing).
public struct ExtremaComparison: Equatable, Sendable {
    public var extra: [Extremum]
    public var missing: [Extremum]

    /// Pairs each target extremum with the nearest unpaired fit extremum of the same kind, closest pairs first;
    /// what is left over on either side is extra or missing.
    public init(fit: [Extremum], target: [Extremum]) {
        var pairs: [(distance: Double, fit: Int, target: Int)] = []
        for (f, a) in fit.enumerated() {
            for (t, b) in target.enumerated() where a.kind == b.kind {
                pairs.append((abs(a.x - b.x), f, t))
            }
        }
        pairs.sort { ($0.distance, $0.fit, $0.target) < ($1.distance, $1.fit, $1.target) }
        var fitUsed = [Bool](repeating: false, count: fit.count)
        var targetUsed = [Bool](repeating: false, count: target.count)
        for pair in pairs where !fitUsed[pair.fit] && !targetUsed[pair.target] {
            fitUsed[pair.fit] = true
            targetUsed[pair.target] = true
        }
        extra = fit.indices.filter { !fitUsed[$0] }.map { fit[$0] }
        missing = target.indices.filter { !targetUsed[$0] }.map { target[$0] }
    }

    /// A short phrase such as `4 extra extrema, all in [-1, 1.3]`, or nil when the extrema correspond.
    ///
    /// `span` is the width of the plotted range; positions are rounded outward to a hundredth of its order of
    /// magnitude (to 0.1 for a span of 10), so that the phrase stays short.
    public func summary(span: Double) -> String? {
        var parts: [String] = []
        if !extra.isEmpty { parts.append(Self.phrase(extra, adjective: "extra", span: span)) }
        if !missing.isEmpty { parts.append(Self.phrase(missing, adjective: "missing", span: span)) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func phrase(_ items: [Extremum], adjective: String, span: Double) -> String {
        let noun = items.count == 1 ? "extremum" : "extrema"
        let step = roundingStep(span: span)
        if items.count == 1 {
            return "1 \(adjective) \(noun), at x = \(NumberFormat.short(rounded(items[0].x, step: step)))"
        }
        let xs = items.map(\.x)
        let low = (xs.min()! / step).rounded(.down) * step
        let high = (xs.max()! / step).rounded(.up) * step
        return "\(items.count) \(adjective) \(noun), all in [\(NumberFormat.short(low)), \(NumberFormat.short(high))]"
    }

    private static func roundingStep(span: Double) -> Double {
        guard span.isFinite, span > 0 else { return 0.01 }
        return pow(10, (log10(span)).rounded(.down) - 2)
    }

    private static func rounded(_ x: Double, step: Double) -> Double {
        (x / step).rounded() * step
    }
}
