// MARK: - Column sums

/// Sums of the columns of a row-major matrix — bias gradients, `Σ_r δ[r, c]`.
///
/// Every column is summed by one accumulator in row order r = 0, 1, …, whether it sits in a SIMD lane or in the
/// scalar tail, so the result never depends on the column blocking or the thread count. Accumulators stay in
/// registers: 64 columns (four SIMD16) per block, each row's slice loaded once.
public enum ColumnSum {
    typealias V = SIMD16<Float>

    /// Columns per block (and per parallel chunk).
    static let blockWidth = 64

    /// `target[c] (+)= scale · Σ_r source[r * ld + c]` for `c < cols`.
    public static func sum(
        rows: Int, cols: Int, source: UnsafePointer<Float>, ld: Int,
        into target: UnsafeMutablePointer<Float>, scale: Float = 1, accumulate: Bool = false
    ) {
        guard rows > 0, cols > 0 else {
            if !accumulate, cols > 0 { target.update(repeating: 0, count: cols) }
            return
        }
        let blocks = (cols + blockWidth - 1) / blockWidth
        let chunks = rows * cols < Gemm.parallelThreshold ? 1 : blocks
        Parallel.forEach(chunks: chunks) { chunk in
            let range = chunks == 1 ? 0..<blocks : chunk..<chunk + 1
            for block in range {
                sumBlock(rows: rows, columns: block * blockWidth..<min(cols, (block + 1) * blockWidth),
                         source: source, ld: ld, target: target, scale: scale, accumulate: accumulate)
            }
        }
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> V { UnsafeRawPointer(pointer).loadUnaligned(as: V.self) }

    static func sumBlock(
        rows: Int, columns: Range<Int>, source: UnsafePointer<Float>, ld: Int,
        target: UnsafeMutablePointer<Float>, scale: Float, accumulate: Bool
    ) {
        @inline(__always) func finish(_ c: Int, _ sum: Float) {
            target[c] = accumulate ? target[c] + scale * sum : scale * sum
        }
        var c = columns.lowerBound
        if columns.count == blockWidth {
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            for r in 0..<rows {
                let row = source + r * ld + c
                s0 += load(row); s1 += load(row + 16); s2 += load(row + 32); s3 += load(row + 48)
            }
            for lane in 0..<16 {
                finish(c + lane, s0[lane]); finish(c + 16 + lane, s1[lane])
                finish(c + 32 + lane, s2[lane]); finish(c + 48 + lane, s3[lane])
            }
            return
        }
        while c + 16 <= columns.upperBound {
            var s = V()
            for r in 0..<rows { s += load(source + r * ld + c) }
            for lane in 0..<16 { finish(c + lane, s[lane]) }
            c += 16
        }
        while c < columns.upperBound {
            var s: Float = 0
            for r in 0..<rows { s += source[r * ld + c] }
            finish(c, s)
            c += 1
        }
    }
}
