// MARK: - Matrix multiply

extension Kernel {
    /// `output = op(a) · op(b)` with `Gemm`; transposes are read in place, never copied.
    func forwardMatmul(transposeA: Bool, transposeB: Bool) {
        let m = output.shape.rows, n = output.shape.cols
        let k = transposeA ? a.shape.rows : a.shape.cols
        Gemm.multiply(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                      a: a.data, lda: a.shape.cols, b: b.data, ldb: b.shape.cols,
                      c: output.data, ldc: n)
    }

    /// With `C = op(A)·op(B)` and upstream `G`: `d op(A) = G·op(B)ᵀ` and `d op(B) = op(A)ᵀ·G`, each written in the
    /// operand's stored layout by choosing the transposes (and operand order) of one `Gemm` call.
    func backwardMatmul(transposeA: Bool, transposeB: Bool) {
        guard let g = outputGrad else { return }
        let m = output.shape.rows, n = output.shape.cols
        let k = transposeA ? a.shape.rows : a.shape.cols
        let ga = UnsafePointer(a.data), gb = UnsafePointer(b.data), gg = UnsafePointer(g)
        let lda = a.shape.cols, ldb = b.shape.cols
        if let da = aGrad {
            if !transposeA {
                // dA (m×k) = G · op(B)ᵀ
                Gemm.multiply(transA: false, transB: !transposeB, m: m, n: k, k: n, a: gg, lda: n, b: gb, ldb: ldb,
                              c: da, ldc: k, accumulate: accumulateA)
            } else {
                // dA (k×m) = op(B) · Gᵀ
                Gemm.multiply(transA: transposeB, transB: true, m: k, n: m, k: n, a: gb, lda: ldb, b: gg, ldb: n,
                              c: da, ldc: m, accumulate: accumulateA)
            }
        }
        if let db = bGrad {
            if !transposeB {
                // dB (k×n) = op(A)ᵀ · G
                Gemm.multiply(transA: !transposeA, transB: false, m: k, n: n, k: m, a: ga, lda: lda, b: gg, ldb: n,
                              c: db, ldc: n, accumulate: accumulateB)
            } else {
                // dB (n×k) = Gᵀ · op(A)
                Gemm.multiply(transA: true, transB: transposeA, m: n, n: k, k: m, a: gg, lda: n, b: ga, ldb: lda,
                              c: db, ldc: k, accumulate: accumulateB)
            }
        }
    }
}
