import Foundation

/// How every number in nnscript's output is written: short, honest, and the same everywhere.
///
/// Three significant digits; scientific notation (`1.6e-4`, `4e-7`) below 1e-3 and from 1e5 on; trailing zeros
/// dropped (`0.01`, not `0.0100`). Whole-number parts are never truncated (`12345`, not `12300`), because a
/// rounded integer part reads as a wrong number rather than an approximate one.
public enum NumberFormat {
    /// `x` with three significant digits, scientific for very small or very large magnitudes.
    public static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude < 1e-3 || magnitude >= 1e5 { return scientific(x) }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, 2 - exponent)
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") { text = strippingTrailingZeros(text) }
        return text == "-0" ? "0" : text
    }

    /// `x` as `m.mme±k` with three significant digits and no padding in the exponent: `1.6e-4`, `2.5e6`.
    public static func scientific(_ x: Double) -> String {
        if !x.isFinite || x == 0 { return short(x) }
        let raw = String(format: "%.2e", x)  // e.g. "1.60e-04"
        guard let eIndex = raw.firstIndex(of: "e") else { return raw }
        let mantissa = strippingTrailingZeros(String(raw[..<eIndex]))
        let exponent = Int(raw[raw.index(after: eIndex)...]) ?? 0
        return "\(mantissa)e\(exponent)"
    }

    /// A duration in seconds as `0.4 s`, `12 s`, `3 min 20 s`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds >= 1e7 { return "\(short(seconds)) s" }  // months: the estimate means "never"; keep Int safe
        if seconds < 60 { return "\(short(seconds < 10 ? (seconds * 10).rounded() / 10 : seconds.rounded())) s" }
        let total = Int(seconds.rounded())
        if total < 3600 { return "\(total / 60) min \(total % 60) s" }
        return "\(total / 3600) h \((total % 3600) / 60) min"
    }

    /// A rate such as iterations per second: whole numbers from 10 on, three significant digits below.
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond >= 0 else { return "–" }
        if perSecond >= 1e9 { return short(perSecond) }
        return perSecond >= 10 ? String(Int(perSecond.rounded())) : short(perSecond)
    }

    // MARK: - Helpers

    private static func strippingTrailingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
