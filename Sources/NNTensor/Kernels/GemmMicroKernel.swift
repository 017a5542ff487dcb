// MARK: - Register-tiled micro-kernel

/// The innermost loop of `Gemm`: a 12 × 32 tile of C held in 24 SIMD16 registers.
///
/// 24 accumulators, two B vectors and one broadcast fit the 32 vector registers of AVX-512 (on NEON each SIMD16 is
/// four registers and the tile spills, but stays correct). Every element of C gets its products in the order
/// p = 0, 1, …, depth − 1, each by one fused multiply-add, whatever tile it sits in — the edge path below runs
/// the same kernel into a scratch tile — so the result never depends on the tiling or the thread count.
extension Gemm {
    typealias V = SIMD16<Float>

    /// Rows of C per micro-tile (the broadcast operand, A).
    static let rowsPerTile = 12
    /// Columns of C per micro-tile (two SIMD16 vectors of B).
    static let colsPerTile = 32

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func write(_ low: V, _ high: V, to row: UnsafeMutablePointer<Float>, add: Bool) {
        let raw = UnsafeMutableRawPointer(row)
        if add {
            raw.storeBytes(of: load(row) + low, as: V.self)
            raw.storeBytes(of: load(row + 16) + high, toByteOffset: 64, as: V.self)
        } else {
            raw.storeBytes(of: low, as: V.self)
            raw.storeBytes(of: high, toByteOffset: 64, as: V.self)
        }
    }

    /// `C[0..<rows, 0..<32] (+)= Apanel · Bpanel` over `depth` steps, for `rows` of 4, 8 or 12 (a constant at every
    /// call, so the unused accumulators fold away). Row `r` of the A panel at step `p` is
    /// `a[r · rowStride + p · stepStride]` (a packed panel: 1 and 12); `b` holds 32 floats per step.
    @inline(__always)
    static func microKernel(
        rows: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int, stepStride: Int, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, add: Bool
    ) {
        var c0x0 = V(), c0x1 = V(), c1x0 = V(), c1x1 = V(), c2x0 = V(), c2x1 = V(), c3x0 = V(), c3x1 = V(), c4x0 = V(), c4x1 = V(), c5x0 = V(), c5x1 = V()
        var c6x0 = V(), c6x1 = V(), c7x0 = V(), c7x1 = V(), c8x0 = V(), c8x1 = V(), c9x0 = V(), c9x1 = V(), c10x0 = V(), c10x1 = V(), c11x0 = V(), c11x1 = V()
        // One pointer per row and a shared offset: stepping a single pointer from row to row (what the compiler
        // makes of `a[r * rowStride]`) chains twelve dependent adds through every step.
        let a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride
        let a4 = a + 4 * rowStride, a5 = a + 5 * rowStride, a6 = a + 6 * rowStride, a7 = a + 7 * rowStride
        let a8 = a + 8 * rowStride, a9 = a + 9 * rowStride, a10 = a + 10 * rowStride, a11 = a + 11 * rowStride
        var b = b, offset = 0
        for _ in 0..<depth {
            let b0 = load(b), b1 = load(b + 16)
            var s = V(repeating: a0[offset]); c0x0 = c0x0.addingProduct(s, b0); c0x1 = c0x1.addingProduct(s, b1)
            s = V(repeating: a1[offset]); c1x0 = c1x0.addingProduct(s, b0); c1x1 = c1x1.addingProduct(s, b1)
            s = V(repeating: a2[offset]); c2x0 = c2x0.addingProduct(s, b0); c2x1 = c2x1.addingProduct(s, b1)
            s = V(repeating: a3[offset]); c3x0 = c3x0.addingProduct(s, b0); c3x1 = c3x1.addingProduct(s, b1)
            if rows > 4 {
                s = V(repeating: a4[offset]); c4x0 = c4x0.addingProduct(s, b0); c4x1 = c4x1.addingProduct(s, b1)
                s = V(repeating: a5[offset]); c5x0 = c5x0.addingProduct(s, b0); c5x1 = c5x1.addingProduct(s, b1)
                s = V(repeating: a6[offset]); c6x0 = c6x0.addingProduct(s, b0); c6x1 = c6x1.addingProduct(s, b1)
                s = V(repeating: a7[offset]); c7x0 = c7x0.addingProduct(s, b0); c7x1 = c7x1.addingProduct(s, b1)
            }
            if rows > 8 {
                s = V(repeating: a8[offset]); c8x0 = c8x0.addingProduct(s, b0); c8x1 = c8x1.addingProduct(s, b1)
                s = V(repeating: a9[offset]); c9x0 = c9x0.addingProduct(s, b0); c9x1 = c9x1.addingProduct(s, b1)
                s = V(repeating: a10[offset]); c10x0 = c10x0.addingProduct(s, b0); c10x1 = c10x1.addingProduct(s, b1)
                s = V(repeating: a11[offset]); c11x0 = c11x0.addingProduct(s, b0); c11x1 = c11x1.addingProduct(s, b1)
            }
            offset &+= stepStride
            b += colsPerTile
        }
        write(c0x0, c0x1, to: c + 0 * ldc, add: add)
        write(c1x0, c1x1, to: c + 1 * ldc, add: add)
        write(c2x0, c2x1, to: c + 2 * ldc, add: add)
        write(c3x0, c3x1, to: c + 3 * ldc, add: add)
        if rows > 4 {
            write(c4x0, c4x1, to: c + 4 * ldc, add: add)
            write(c5x0, c5x1, to: c + 5 * ldc, add: add)
            write(c6x0, c6x1, to: c + 6 * ldc, add: add)
            write(c7x0, c7x1, to: c + 7 * ldc, add: add)
        }
        if rows > 8 {
            write(c8x0, c8x1, to: c + 8 * ldc, add: add)
            write(c9x0, c9x1, to: c + 9 * ldc, add: add)
            write(c10x0, c10x1, to: c + 10 * ldc, add: add)
            write(c11x0, c11x1, to: c + 11 * ldc, add: add)
        }
    }
}
