import Foundation

/// One axis of a plot: the data range it shows, whether it is logarithmic, and where its ticks go.
/// Shared by the terminal plots and the SVG plots so both label the same values.
public struct PlotAxis: Equatable, Sendable {
    /// The shown range, in data units (for a log axis, still the data values, not their logarithms).
    public var lower: Double
    public var upper: Double
    public var logarithmic: Bool

    /// An axis covering `values` (non-finite values, and non-positive ones on a log axis, are ignored).
    /// A degenerate range is widened so that a constant series still plots in the middle.
    public init(covering values: [Double], logarithmic: Bool = false) {
        let usable = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }
        var low = usable.min() ?? (logarithmic ? 0.1 : 0)
        var high = usable.max() ?? (logarithmic ? 10 : 1)
        if logarithmic {
            if high / low < 1.0001 { low /= 2; high *= 2 }
        } else if high - low < 1e-12 * max(1, abs(low)) {
            let pad = max(abs(low) * 0.5, 0.5)
            low -= pad
            high += pad
        }
        self.lower = low
        self.upper = high
        self.logarithmic = logarithmic
    }

    public init(lower: Double, upper: Double, logarithmic: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.logarithmic = logarithmic
    }

    /// The axis widened by `fraction` of its span at each end (a factor on a log axis), so that marks at the edges
    /// are not cut in half.
    public func padded(by fraction: Double) -> PlotAxis {
        if logarithmic {
            let factor = pow(upper / lower, fraction)
            return PlotAxis(lower: lower / factor, upper: upper * factor, logarithmic: true)
        }
        let pad = (upper - lower) * fraction
        return PlotAxis(lower: lower - pad, upper: upper + pad)
    }

    /// Where `value` falls on the axis, 0 at `lower` and 1 at `upper` (outside that for values outside the range;
    /// NaN for values a log axis cannot show).
    public func fraction(_ value: Double) -> Double {
        if logarithmic {
            guard value > 0 else { return .nan }
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// Tick values inside the range: "nice" 1-2-5 steps on a linear axis, at most about `maxCount` of them; powers of
    /// ten on a log axis (or the two ends when the range spans less than a decade).
    public func ticks(maxCount: Int) -> [Double] {
        let maxCount = max(2, maxCount)
        if logarithmic { return logTicks(maxCount: maxCount) }
        let step = Self.niceStep(range: upper - lower, maxCount: maxCount)
        var result: [Double] = []
        var tick = (lower / step).rounded(.up) * step
        let end = upper + step * 1e-9
        while tick <= end && result.count < 1000 {
            // Snap values that are zero up to rounding error, so labels read `0` and not `-1.1e-17`.
            result.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return result
    }

    private func logTicks(maxCount: Int) -> [Double] {
        guard lower > 0, upper > lower, upper.isFinite else { return [] }
        let first = Int(log10(lower).rounded(.up))
        let last = Int(log10(upper).rounded(.down))
        guard first <= last else { return [lower, upper] }
        let decades = last - first + 1
        let stride = max(1, Int((Double(decades) / Double(maxCount)).rounded(.up)))
        return Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
    }

    /// The 1-2-5 step that gives at most `maxCount` ticks over `range`.
    static func niceStep(range: Double, maxCount: Int) -> Double {
        guard range.isFinite, range > 0 else { return 1 }
        let rough = range / Double(max(1, maxCount - 1))
        let magnitude = pow(10, log10(rough).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= rough {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// A tick label: `NumberFormat.short`, except powers of ten on a log axis, written `1e-3`.
    public func label(_ value: Double) -> String {
        if logarithmic, value > 0 {
            let exponent = log10(value)
            if abs(exponent - exponent.rounded()) < 1e-9 {
                let power = Int(exponent.rounded())
                return (0...2).contains(power) ? NumberFormat.short(value) : "1e\(power)"
            }
        }
        return NumberFormat.short(value)
    }
}
