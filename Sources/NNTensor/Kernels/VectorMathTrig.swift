import Foundation

// MARK: - sin, cos

/// sin and cos share one body: |x| is reduced to r in [−π/4, π/4] and a quadrant q in Double (x − j·π/2 with π/2
/// split into three Doubles and fused multiply-adds, exact enough for |x| ≤ 2^40), then Cephes' minimax
/// polynomials for sin r and cos r run in Float. Lanes with |x| > 2^40 — far outside any network's inputs — are
/// recomputed with the Double libm, so the error bound holds for every finite x.
extension VectorMath {
    typealias Wide = SIMD16<Double>

    static let piOverTwo = (1.570_796_326_794_896_6, 6.123_233_995_736_766e-17, -1.497_384_904_859_169_8e-33)
    static let reductionLimit: Float = 1_099_511_627_776 // 2^40

    // Lane loops on concrete types vectorise to one conversion instruction; the generic SIMD initialisers do not.
    @inline(__always) static func widen(_ v: Vector) -> Wide {
        var wide = Wide()
        for lane in 0..<16 { wide[lane] = Double(v[lane]) }
        return wide
    }

    @inline(__always) static func narrow(_ w: Wide) -> Vector {
        var v = Vector()
        for lane in 0..<16 { v[lane] = Float(w[lane]) }
        return v
    }

    /// sin x, or cos x when `cosine` (a constant after inlining).
    @inline(__always)
    static func sinCos(_ x: Vector, cosine: Bool) -> Vector {
        let a = magnitude(x)
        let wide = widen(a)
        let j = (wide * 0.636_619_772_367_581_4).rounded(.toNearestOrEven)
        var r = wide.addingProduct(-j, Wide(repeating: piOverTwo.0))
        r = r.addingProduct(-j, Wide(repeating: piOverTwo.1))
        r = r.addingProduct(-j, Wide(repeating: piOverTwo.2))
        var quadrant = narrow(j - 4 * (j * 0.25).rounded(.down))
        // cos x = sin(x + π/2): one quadrant on (4 wraps to 0, which needs neither swap nor sign).
        if cosine { quadrant = quadrant + 1 }
        let rf = narrow(r), z = rf * rf

        var s = Vector(repeating: 8.332_160_873_6e-3).addingProduct(Vector(repeating: -1.951_529_589_1e-4), z)
        s = Vector(repeating: -1.666_665_461_1e-1).addingProduct(s, z)
        let sine = rf.addingProduct(rf * z, s)
        var c = Vector(repeating: -1.388_731_625_493_765e-3).addingProduct(Vector(repeating: 2.443_315_711_809_948e-5), z)
        c = Vector(repeating: 4.166_664_568_298_827e-2).addingProduct(c, z)
        let cosineOfR = (1 - 0.5 * z).addingProduct(z * z, c)

        let odd = (quadrant .== 1) .| (quadrant .== 3)
        var result = sine.replacing(with: cosineOfR, where: odd)
        let negate = (quadrant .== 2) .| (quadrant .== 3)
        result.replace(with: -result, where: negate)
        if !cosine { result = withSign(of: x, result) }

        let huge = (a .> reductionLimit) .& (a .!= .infinity)
        if any(huge) {
            for lane in 0..<16 where huge[lane] {
                result[lane] = Float(cosine ? Foundation.cos(Double(x[lane])) : Foundation.sin(Double(x[lane])))
            }
        }
        return result
    }

    /// sin x (see `sin(_:_:count:)` for the bound).
    @inline(__always)
    public static func sin(_ x: Vector) -> Vector { sinCos(x, cosine: false) }

    /// cos x (see `cos(_:_:count:)` for the bound).
    @inline(__always)
    public static func cos(_ x: Vector) -> Vector { sinCos(x, cosine: true) }
}
