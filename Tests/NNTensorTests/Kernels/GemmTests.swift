import Testing
import NNTensor

// MARK: - Helpers

/// A deterministic pseudo-random matrix with entries in [-1, 1).
private func filled(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Float(state >> 40) / Float(1 << 23) - 1
    }
}

/// op(A)·op(B) (+ C) in Double, and the bound Σ|a||b| used to scale the tolerance.
private func reference(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: [Float], lda: Int, b: [Float], ldb: Int,
                       c: [Float], ldc: Int, accumulate: Bool) -> (values: [Double], magnitude: [Double]) {
    var values = [Double](repeating: 0, count: m * n), magnitude = values
    for i in 0..<m {
        for j in 0..<n {
            var sum = accumulate ? Double(c[i * ldc + j]) : 0, size = abs(sum)
            for p in 0..<k {
                let x = Double(transA ? a[p * lda + i] : a[i * lda + p])
                let y = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                sum += x * y
                size += abs(x * y)
            }
            values[i * n + j] = sum
            magnitude[i * n + j] = size
        }
    }
    return (values, magnitude)
}

/// Runs Gemm on fresh buffers (with padded leading dimensions) and returns C.
private func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, accumulate: Bool, pad: Int = 0,
                  seed: UInt64 = 1) -> (result: [Float], a: [Float], lda: Int, b: [Float], ldb: Int, c: [Float], ldc: Int) {
    let lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad
    let a = filled((transA ? k : m) * lda, seed: seed)
    let b = filled((transB ? n : k) * ldb, seed: seed + 1)
    let c0 = filled(m * ldc, seed: seed + 2)
    var c = c0
    a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                Gemm.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, lda: lda,
                              b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc, accumulate: accumulate)
            }
        }
    }
    return (c, a, lda, b, ldb, c0, ldc)
}

// MARK: - Tests

@Suite struct GemmTests {
    /// Row counts exercise every A panel: 12-row, 8-row (32 = 12 + 12 + 8), 4-row (17 = 12 + 4 + 1) and a packed
    /// leftover of 1–3 rows (127 = 10·12 + 4 + 3).
    static let sizes = [1, 3, 17, 32, 127]

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matchesDoubleReferenceForOddSizes(transA: Bool, transB: Bool) {
        for m in Self.sizes {
            for n in Self.sizes {
                for k in Self.sizes {
                    let accumulate = (m + n + k) % 2 == 0
                    let run = gemm(transA: transA, transB: transB, m: m, n: n, k: k, accumulate: accumulate, pad: 2)
                    let expected = reference(transA: transA, transB: transB, m: m, n: n, k: k, a: run.a, lda: run.lda,
                                             b: run.b, ldb: run.ldb, c: run.c, ldc: run.ldc, accumulate: accumulate)
                    var worst = 0.0
                    for i in 0..<m {
                        for j in 0..<n {
                            let error = abs(Double(run.result[i * run.ldc + j]) - expected.values[i * n + j])
                            worst = max(worst, error / (expected.magnitude[i * n + j] + 1e-30))
                        }
                        // The padding past n is never written.
                        for j in n..<run.ldc { #expect(run.result[i * run.ldc + j] == run.c[i * run.ldc + j]) }
                    }
                    #expect(worst < 1e-5, "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB)")
                }
            }
        }
    }

    @Test(arguments: [(4000, 128, 1), (4000, 1, 128), (128, 128, 700), (300, 520, 530), (1, 200, 300)])
    func largeShapesMatchReference(m: Int, n: Int, k: Int) {
        for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
            let run = gemm(transA: transA, transB: transB, m: m, n: n, k: k, accumulate: false)
            let expected = reference(transA: transA, transB: transB, m: m, n: n, k: k, a: run.a, lda: run.lda,
                                     b: run.b, ldb: run.ldb, c: run.c, ldc: run.ldc, accumulate: false)
            var worst = 0.0
            for index in 0..<(m * n) {
                worst = max(worst, abs(Double(run.result[index]) - expected.values[index]) / expected.magnitude[index])
            }
            #expect(worst < 1e-5, "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB)")
        }
    }

    @Test func bitIdenticalForOneAndTwoThreads() {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        for (m, n, k) in [(600, 300, 700), (128, 128, 4000), (4000, 1, 128), (1, 400, 3000), (4000, 64, 1),
                          (4000, 3, 64), (2000, 16, 300), (256, 4, 400),
                          // 17–32 columns whose two halves run side by side on two threads (the last: a half
                          // over the threshold, too few rows to split).
                          (400, 32, 30), (30, 32, 400), (30, 32, 600)] {
            for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
                Parallel.threadCount = 1
                let one = gemm(transA: transA, transB: transB, m: m, n: n, k: k, accumulate: true, seed: 9).result
                Parallel.threadCount = 2
                let two = gemm(transA: transA, transB: transB, m: m, n: n, k: k, accumulate: true, seed: 9).result
                #expect(one == two, "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB)")
            }
        }
    }

    /// Every path past the matrix-vector and outer-product ones gives each element of C its products in `p` order,
    /// one fused multiply-add each from zero per block of 256 steps, each block's sum then added to C. The narrow
    /// path (n ≤ 16) and the blocked one must both hold to it bit for bit, so a layer's results do not depend on
    /// which one its width picks (the examples' weights hashes rely on it).
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func narrowAndBlockedPathsRoundAsFusedMultiplyAddsInOrder(transA: Bool, transB: Bool) {
        // The last four take the column path of a narrow product when transA: m over sixteen, n small.
        for (m, n, k) in [(7, 2, 5), (160, 3, 16), (33, 16, 300), (5, 15, 513), (29, 17, 40), (13, 40, 260),
                          (16, 3, 160), (32, 2, 400), (50, 5, 300), (83, 11, 20),
                          // Two narrow products side by side: 17–32 columns with m or k at most 32.
                          (400, 32, 30), (400, 32, 2), (30, 32, 400), (30, 32, 600), (70, 17, 300), (33, 32, 33)] {
            let accumulate = (m + n) % 2 == 1
            let run = gemm(transA: transA, transB: transB, m: m, n: n, k: k, accumulate: accumulate, pad: 1, seed: 5)
            var mismatches = 0
            for i in 0..<m {
                for j in 0..<n {
                    var c = run.c[i * run.ldc + j]
                    var p0 = 0
                    while p0 < k {
                        var sum: Float = 0
                        for p in p0..<min(k, p0 + 256) {
                            let x = transA ? run.a[p * run.lda + i] : run.a[i * run.lda + p]
                            let y = transB ? run.b[j * run.ldb + p] : run.b[p * run.ldb + j]
                            sum = sum.addingProduct(x, y)
                        }
                        c = accumulate || p0 > 0 ? c + sum : sum
                        p0 += 256
                    }
                    if run.result[i * run.ldc + j] != c { mismatches += 1 }
                }
                for j in n..<run.ldc { #expect(run.result[i * run.ldc + j] == run.c[i * run.ldc + j]) }
            }
            #expect(mismatches == 0, "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB)")
        }
    }

    @Test func zeroDepthClearsOrKeepsC() {
        var c: [Float] = [1, 2, 3, 4]
        let a: [Float] = [0], b: [Float] = [0]
        Gemm.multiply(transA: false, transB: false, m: 2, n: 2, k: 0, a: a, lda: 1, b: b, ldb: 2, c: &c, ldc: 2,
                      accumulate: true)
        #expect(c == [1, 2, 3, 4])
        Gemm.multiply(transA: false, transB: false, m: 2, n: 2, k: 0, a: a, lda: 1, b: b, ldb: 2, c: &c, ldc: 2)
        #expect(c == [0, 0, 0, 0])
    }
}
