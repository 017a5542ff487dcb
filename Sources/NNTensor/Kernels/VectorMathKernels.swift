import Foundation

// MARK: - Per-vector kernels

/// The SIMD16 bodies of `VectorMath`: polynomial approximations after range reduction, special values patched
/// in with lane masks. Plain `*` / `+` / `addingProduct` only, so they are portable (NEON on arm64).
extension VectorMath {
    typealias Bits = SIMD16<Int32>

    @inline(__always) static func bits(_ v: Vector) -> Bits { unsafeBitCast(v, to: Bits.self) }
    @inline(__always) static func float(_ b: Bits) -> Vector { unsafeBitCast(b, to: Vector.self) }
    @inline(__always) static func magnitude(_ v: Vector) -> Vector { float(bits(v) & 0x7fff_ffff) }
    /// `magnitude` carrying the sign bit of `sign` (the odd functions are computed on |x|).
    @inline(__always) static func withSign(of sign: Vector, _ magnitude: Vector) -> Vector {
        float(bits(magnitude) ^ (bits(sign) & Bits(repeating: Int32(bitPattern: 0x8000_0000))))
    }

    /// `mask ? a : b` lane by lane for a mask of all-ones or zero lanes, as bit operations on whole vectors.
    /// (`replacing(with:where:)` on SIMD16 compiles to 128-bit pieces, and SIMDMask conversions to mask shuffles.)
    @inline(__always) static func select(_ mask: Bits, _ a: Vector, _ b: Vector) -> Vector {
        float((bits(a) & mask) | (bits(b) & ~mask))
    }

    /// All-ones lanes where `x < limit`, for `x` and `limit` of the same sign bit 0 (non-negative, NaN counts
    /// as larger than any limit): non-negative floats order as their bit patterns.
    @inline(__always) static func below(_ x: Vector, _ limit: Float) -> Bits {
        (bits(x) &- Bits(repeating: Int32(bitPattern: limit.bitPattern))) &>> 31
    }

    /// 1.5 · 2^23: adding it rounds a Float of magnitude < 2^22 to an integer held in the low mantissa bits.
    static let roundingMagic: Float = 12_582_912

    // MARK: exp

    /// e^x: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite split of ln2), degree-7 Taylor polynomial for e^r,
    /// then 2^n applied as two factors so that results down to the subnormals and up to overflow are exact powers.
    @inline(__always)
    public static func exp(_ x: Vector) -> Vector {
        // Masked selects, not `clamped` (whose NaN rules compile to a scalar loop).
        var clamped = x.replacing(with: -104, where: x .< -104)
        clamped.replace(with: 89, where: clamped .> 89)
        let (p, exponent) = exponentParts(clamped)
        let half = exponent &>> 1
        let rest = exponent &- half
        let result = p * float((half &+ 127) &<< 23) * float((rest &+ 127) &<< 23)
        return result.replacing(with: x, where: x .!= x)
    }

    /// e^x = p · 2^n: n = round(x / ln2), r = x − n·ln2 by a Cody–Waite split of ln2 (|r| ≤ ln2/2), p a degree-7
    /// Taylor polynomial of e^r. For x within Float's exponent range; the callers apply 2^n.
    @inline(__always)
    static func exponentParts(_ x: Vector) -> (p: Vector, n: Bits) {
        let shifted = x * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        var r = x.addingProduct(n, Vector(repeating: -0.693_359_375))
        r = r.addingProduct(n, Vector(repeating: 2.121_944_4e-4))
        var p = Vector(repeating: 1.0 / 720).addingProduct(Vector(repeating: 1.0 / 5040), r)
        p = Vector(repeating: 1.0 / 120).addingProduct(p, r)
        p = Vector(repeating: 1.0 / 24).addingProduct(p, r)
        p = Vector(repeating: 1.0 / 6).addingProduct(p, r)
        p = Vector(repeating: 0.5).addingProduct(p, r)
        p = Vector(repeating: 1).addingProduct(p, r)
        p = Vector(repeating: 1).addingProduct(p, r)
        return (p, bits(shifted) &- bits(Vector(repeating: roundingMagic)))
    }

    // MARK: log

    /// log x: x = m·2^e with m in [√½, √2), log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.172, odd series to s^11.
    @inline(__always)
    public static func log(_ x: Vector) -> Vector {
        let subnormal = x .< Float.leastNormalMagnitude
        let scaled = x.replacing(with: x * 8_388_608, where: subnormal)
        let raw = bits(scaled)
        var e = (raw &>> 23) &- 127
        e.replace(with: e &- 23, where: subnormal)
        var m = float((raw & 0x007f_ffff) | 0x3f80_0000)
        let high = m .> 1.414_213_56
        m.replace(with: m * 0.5, where: high)
        e.replace(with: e &+ 1, where: high)
        let f = m - 1
        let s = f / (f + 2)
        let z = s * s
        var p = Vector(repeating: 2.0 / 9).addingProduct(Vector(repeating: 2.0 / 11), z)
        p = Vector(repeating: 2.0 / 7).addingProduct(p, z)
        p = Vector(repeating: 2.0 / 5).addingProduct(p, z)
        p = Vector(repeating: 2.0 / 3).addingProduct(p, z)
        let log1p = (s + s).addingProduct(s * z, p)
        let ef = float(bits(Vector(repeating: roundingMagic)) &+ e) - roundingMagic
        var result = (log1p + ef * -2.121_944_4e-4).addingProduct(ef, Vector(repeating: 0.693_359_375))
        result.replace(with: -.infinity, where: x .== 0)
        result.replace(with: .nan, where: x .< 0)
        result.replace(with: x, where: (x .== .infinity) .| (x .!= x))
        return result
    }

    // MARK: tanh, sigmoid

    /// tanh x = sign(x)·t(|x|) with t(a) = a·P(a²)/Q(a²), a rational minimax approximation on [0, 9] (degrees 5
    /// and 4 in a², fitted to the relative error, which it keeps below 1.4e-9), evaluated as
    /// (a + a³·P′(a²)) / (1 + a²·Q′(a²)); t = 1 from a = 9 on, where tanh rounds to 1. No exponential and one
    /// division: about twice as fast as 1 − 2/(e^{2a} + 1). The Float rounding of the evaluation sets the error:
    /// at most 5.1 ulp (relative 3.1e-7), largest just below 1 where the spacing of Floats is finest.
    @inline(__always)
    public static func tanh(_ x: Vector) -> Vector {
        let a = magnitude(x)
        let z = a * a
        var p = Vector(repeating: 3.072_971_6e-8).addingProduct(Vector(repeating: -1.230_542_7e-11), z)
        p = Vector(repeating: 2.807_009_9e-5).addingProduct(p, z)
        p = Vector(repeating: 3.871_505_8e-3).addingProduct(p, z)
        p = Vector(repeating: 1.368_247_1e-1).addingProduct(p, z)
        var q = Vector(repeating: 3.944_181_7e-4).addingProduct(Vector(repeating: 1.291_663_9e-6), z)
        q = Vector(repeating: 2.725_753_4e-2).addingProduct(q, z)
        q = Vector(repeating: 4.701_580_4e-1).addingProduct(q, z)
        let numerator = a.addingProduct(a * z, p)
        let denominator = Vector(repeating: 1).addingProduct(z, q)
        let t = select(below(a, 9), numerator / denominator, Vector(repeating: 1))
        let result = withSign(of: x, t)
        // NaN in, NaN out: the magnitudes below the smallest NaN pattern are the numbers, infinity included.
        let number = (bits(a) &- Bits(repeating: 0x7f80_0001)) &>> 31
        return select(number, result, x)
    }

    /// 1 / (1 + e^−x).
    @inline(__always)
    public static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }
}
