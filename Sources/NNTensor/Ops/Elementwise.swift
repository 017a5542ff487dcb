// MARK: - Views

/// A matrix inside a compiled graph's memory: a raw pointer and its shape. Trivial, so kernels copy it freely.
struct View {
    var data: UnsafeMutablePointer<Float>
    var shape: Shape

    var count: Int { shape.count }

    /// Where element (row, col) of a broadcast operand lives: strides are 0 along a dimension of size 1.
    var rowStride: Int { shape.rows == 1 ? 0 : shape.cols }
    var colStride: Int { shape.cols == 1 ? 0 : 1 }
}

// MARK: - Chunking

/// Fixed chunking of elementwise work, so the split never depends on the thread count.
enum Chunking {
    /// Elements per chunk: big enough to amortise the dispatch, small enough to stay in L2 cache.
    static let elementsPerChunk = 16_384

    /// Calls `body(start, count)` for consecutive chunks covering `0..<count`, possibly concurrently.
    @inline(__always)
    static func forEach(count: Int, _ body: (Int, Int) -> Void) {
        let per = elementsPerChunk
        let chunks = (count + per - 1) / per
        Parallel.forEach(chunks: chunks) { chunk in
            let start = chunk * per
            body(start, Swift.min(per, count - start))
        }
    }

    /// Calls `body(firstRow, rowCount)` over blocks of whole rows of a `rows × cols` matrix.
    @inline(__always)
    static func forEachRows(rows: Int, cols: Int, _ body: (Int, Int) -> Void) {
        let per = Swift.max(1, elementsPerChunk / Swift.max(1, cols))
        let chunks = (rows + per - 1) / per
        Parallel.forEach(chunks: chunks) { chunk in
            let start = chunk * per
            body(start, Swift.min(per, rows - start))
        }
    }
}

// MARK: - Gradient stores

/// Writes `value` into a gradient buffer, or adds it when another consumer already wrote there.
@inline(__always)
func store(_ value: Float, _ destination: UnsafeMutablePointer<Float>, _ index: Int, accumulate: Bool) {
    if accumulate { destination[index] += value } else { destination[index] = value }
}

// MARK: - Fixed-order sums

/// Sums in a fixed order (eight interleaved partial sums, then a fixed tree), so the result is reproducible.
func fixedOrderSum(_ x: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>()
    var i = 0
    let raw = UnsafeRawPointer(x)
    while i + 8 <= count {
        lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    var tail: Float = 0
    while i < count {
        tail += x[i]
        i += 1
    }
    return lanes.sum() + tail
}

/// Reduces `source` (`rows × cols`) to `target`'s shape by summing over the dimensions where `target` has size 1,
/// times `scale`. Used for the gradient of a broadcast operand.
func reduce(_ source: View, to target: UnsafeMutablePointer<Float>, shape: Shape, scale: Float, accumulate: Bool) {
    let rows = source.shape.rows, cols = source.shape.cols
    switch (shape.rows == rows, shape.cols == cols) {
    case (true, true):
        for i in 0..<source.count { store(scale * source.data[i], target, i, accumulate: accumulate) }
    case (false, true):
        columnSum(source, into: target, scale: scale, accumulate: accumulate)
    case (true, false):
        for r in 0..<rows {
            store(scale * fixedOrderSum(source.data + r * cols, count: cols), target, r, accumulate: accumulate)
        }
    case (false, false):
        store(scale * fixedOrderSum(source.data, count: source.count), target, 0, accumulate: accumulate)
    }
}

/// `target[c] (+)= scale · Σ_r source[r, c]`, rows added in order for each column, so the result is the same for
/// any thread count (the kernel splits columns, never rows).
func columnSum(_ source: View, into target: UnsafeMutablePointer<Float>, scale: Float, accumulate: Bool) {
    ColumnSum.sum(rows: source.shape.rows, cols: source.shape.cols, source: source.data, ld: source.shape.cols,
                  into: target, scale: scale, accumulate: accumulate)
}
