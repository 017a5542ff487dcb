// MARK: - Matrix multiply

/// Row-major single-precision matrix multiply: `C = op(A) · op(B)` (or `C += …` when `accumulate`).
///
/// `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`. With `transA`, A is stored `k × m` (lda ≥ m);
/// with `transB`, B is stored `n × k` (ldb ≥ k). Results are bit-identical for any thread count.
public enum Gemm {
    public static func multiply(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false
    ) {
        // Reference implementation; the blocked SIMD kernel replaces it.
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += av * bv
                }
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum
            }
        }
    }
}
