// MARK: - Matrix-vector product

/// `y (+)= M · x` for the products of `Gemm` with one output row or column (a layer of width 1, its gradient).
///
/// `M` is `rows × cols`: element (i, p) is `matrix[i * ld + p]`, or `matrix[p * ld + i]` when `transposed`.
/// Chunks are fixed by the shape, so results are bit-identical for any thread count.
enum MatrixVector {
    typealias V = SIMD16<Float>

    /// Columns of y per chunk in the transposed case (four vectors held in registers over all of p).
    static let transposedWidth = 64
    /// Rows of y per chunk in the plain case.
    static let plainRows = 256

    static func multiply(
        transposed: Bool, rows: Int, cols: Int, matrix: UnsafePointer<Float>, ld: Int,
        x: UnsafePointer<Float>, xStride: Int, y: UnsafeMutablePointer<Float>, yStride: Int, accumulate: Bool
    ) {
        var vector = x
        if xStride != 1 {
            let copy = ThreadScratch.current.buffer(.vector, count: cols)
            for p in 0..<cols { copy[p] = x[p * xStride] }
            vector = UnsafePointer(copy)
        }
        let x = vector
        let small = rows * cols < Gemm.parallelThreshold
        let chunkRows = small ? rows : (transposed ? transposedWidth : plainRows)
        Parallel.forEach(chunks: (rows + chunkRows - 1) / chunkRows) { chunk in
            let range = chunk * chunkRows..<min(rows, (chunk + 1) * chunkRows)
            if transposed {
                columnSums(range, cols: cols, matrix: matrix, ld: ld, x: x, y: y, yStride: yStride, accumulate: accumulate)
            } else {
                for i in range {
                    let sum = dot(matrix + i * ld, x, count: cols)
                    y[i * yStride] = accumulate ? y[i * yStride] + sum : sum
                }
            }
        }
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> V { UnsafeRawPointer(pointer).loadUnaligned(as: V.self) }

    /// The lanes of `v` summed as a tree of halves: a fixed order, and four vector adds rather than the scalar
    /// chain (or shuffle cascade) of `sum()`.
    @inline(__always)
    static func horizontalSum(_ v: V) -> Float {
        let eight = v.lowHalf + v.highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// A dot product with four independent SIMD accumulators, summed in a fixed order.
    static func dot(_ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        var p = 0
        while p + 64 <= count {
            s0 = s0.addingProduct(load(u + p), load(v + p))
            s1 = s1.addingProduct(load(u + p + 16), load(v + p + 16))
            s2 = s2.addingProduct(load(u + p + 32), load(v + p + 32))
            s3 = s3.addingProduct(load(u + p + 48), load(v + p + 48))
            p += 64
        }
        while p + 16 <= count {
            s0 = s0.addingProduct(load(u + p), load(v + p))
            p += 16
        }
        var sum = horizontalSum((s0 + s1) + (s2 + s3))
        while p < count {
            sum = sum.addingProduct(u[p], v[p])
            p += 1
        }
        return sum
    }

    /// `y[i] (+)= Σ_p matrix[p * ld + i] · x[p]` for `i` in `range`, walking rows of the matrix contiguously.
    static func columnSums(
        _ range: Range<Int>, cols: Int, matrix: UnsafePointer<Float>, ld: Int,
        x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, yStride: Int, accumulate: Bool
    ) {
        @inline(__always) func finish(_ i: Int, _ sum: Float) {
            y[i * yStride] = accumulate ? y[i * yStride] + sum : sum
        }
        var i = range.lowerBound
        while i + 64 <= range.upperBound {
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            for p in 0..<cols {
                let row = matrix + p * ld + i, scale = V(repeating: x[p])
                s0 = s0.addingProduct(load(row), scale)
                s1 = s1.addingProduct(load(row + 16), scale)
                s2 = s2.addingProduct(load(row + 32), scale)
                s3 = s3.addingProduct(load(row + 48), scale)
            }
            for lane in 0..<16 {
                finish(i + lane, s0[lane]); finish(i + 16 + lane, s1[lane])
                finish(i + 32 + lane, s2[lane]); finish(i + 48 + lane, s3[lane])
            }
            i += 64
        }
        while i + 16 <= range.upperBound {
            var s0 = V()
            for p in 0..<cols { s0 = s0.addingProduct(load(matrix + p * ld + i), V(repeating: x[p])) }
            for lane in 0..<16 { finish(i + lane, s0[lane]) }
            i += 16
        }
        while i < range.upperBound {
            var sum: Float = 0
            for p in 0..<cols { sum = sum.addingProduct(matrix[p * ld + i], x[p]) }
            finish(i, sum)
            i += 1
        }
    }
}
