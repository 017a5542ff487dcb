import Foundation
import NNTensor

/// `nnscript-bench tanh-error`: the worst error of `VectorMath.tanh` over every Float in [0, 9.5] (tanh is odd
/// and computed on |x|, so this covers every finite input below 9.5; above, it returns ±1), against the Double
/// libm, in ulps at the true value and relative. The documented bound comes from this scan.
func runTanhErrorScan() {
    let last = Float(9.5).bitPattern
    let chunk: UInt32 = 1 << 20
    let chunks = Int((last + chunk - 1) / chunk)
    let worstUlps = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
    let worstAt = UnsafeMutablePointer<Float>.allocate(capacity: chunks)
    let worstRelative = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
    defer { worstUlps.deallocate(); worstAt.deallocate(); worstRelative.deallocate() }
    let start = Date()
    Parallel.forEach(chunks: chunks) { index in
        let first = UInt32(index) * chunk, end = min(last + 1, first + chunk)
        let count = Int(end - first)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: count)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { x.deallocate(); y.deallocate() }
        for i in 0..<count { x[i] = Float(bitPattern: first + UInt32(i)) }
        VectorMath.tanh(x, y, count: count)
        var ulps = 0.0, at: Float = 0, relative = 0.0
        for i in 0..<count {
            let truth = Foundation.tanh(Double(x[i]))
            guard truth != 0 else { continue }
            // The spacing of Floats at the true value (below a power of two, the finer one).
            var rounded = Float(truth)
            if Double(rounded) > truth { rounded = rounded.nextDown }
            let error = Swift.abs(Double(y[i]) - truth)
            let u = error / Double(rounded.ulp)
            if u > ulps { ulps = u; at = x[i] }
            relative = Swift.max(relative, error / truth)
        }
        worstUlps[index] = ulps; worstAt[index] = at; worstRelative[index] = relative
    }
    var ulps = 0.0, at: Float = 0, relative = 0.0
    for i in 0..<chunks {
        if worstUlps[i] > ulps { ulps = worstUlps[i]; at = worstAt[i] }
        relative = Swift.max(relative, worstRelative[i])
    }
    print(String(format: "tanh over all %d Floats in [0, 9.5]: max %.3f ulp at x = %.9g, max relative %.3g  (%.1f s)",
                 Int(last) + 1, ulps, Double(at), relative, Date().timeIntervalSince(start)))
}
