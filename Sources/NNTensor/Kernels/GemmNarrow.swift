// MARK: - Narrow product

/// `Gemm` for outputs at most sixteen columns wide: a network's narrow layers (16 or 32 wide hidden layers' gradient
/// products, outputs of 2–3 classes).
///
/// The blocked path pads such a product to its 32-column tile (a 3-column output did 32 columns of work) and writes
/// every tile through a scratch tile and a scalar copy. Here one row of C is one vector: op(B) is read as `k` vectors
/// of sixteen (packed once, zero past `n`, unless its rows are whole vectors already), and each row is accumulated
/// over `p` by one fused multiply-add per step, from zero in each depth block of `depthBlock`, then written (or
/// added) to C — the additions the blocked path makes for every element, so the two give the same bits. Up to eight
/// rows run together so their chains overlap (a fused multiply-add's latency is four cycles and two issue per
/// cycle: eight chains keep both units busy).
///
/// A weight gradient `Aᵀ·δ` of a layer with few outputs (`transA`, `n` small, `m` its inputs) takes the column path
/// instead: A is stored `k × m`, so sixteen rows of C at one `p` are one contiguous vector, and each column of C
/// is accumulated as vectors of sixteen rows — `⌈m/16⌉ · n` multiply-adds a step instead of `m` vectors of which
/// only `n` lanes count. Each element still gets its products in `p` order from zero per depth block: same bits.
extension Gemm {
    /// The widest output the narrow path takes: one vector.
    static let narrowWidth = RowVector.scalarCount
    /// Rows of C per chunk when a narrow product is split over threads (fixed by the shape alone).
    static let narrowChunkRows = 256

    /// Rows of C per chunk of a narrow product split over threads: all of them when it is too small to split.
    static func narrowChunk(_ op: Operands) -> Int {
        op.m * op.n * op.k < parallelThreshold ? op.m : narrowChunkRows
    }

    static func narrow(_ op: Operands) {
        if op.transA, (op.m + narrowWidth - 1) / narrowWidth * op.n < op.m {
            return narrowColumns(op)
        }
        // op(B)'s rows as vectors of sixteen, `bStride` apart: B itself when its rows are whole vectors, else
        // packed (zero past `n`).
        var b = op.b, bStride = op.ldb
        if op.transB || op.n < narrowWidth {
            let packed = ThreadScratch.current.buffer(.packedB, count: op.k * narrowWidth)
            if op.transB {
                for p in 0..<op.k {
                    let row = packed + p * narrowWidth
                    for j in 0..<op.n { row[j] = op.elementB(p, j) }
                    for j in op.n..<narrowWidth { row[j] = 0 }
                }
            } else {
                let lanes = FirstLanes(count: op.n)
                for p in 0..<op.k { AllLanes().store(lanes.load(op.b + p &* op.ldb), packed + p &* narrowWidth) }
            }
            (b, bStride) = (UnsafePointer(packed), narrowWidth)
        }
        let chunkRows = narrowChunk(op)
        Parallel.forEach(chunks: (op.m + chunkRows - 1) / chunkRows) { chunk in
            let end = min(op.m, (chunk + 1) * chunkRows)
            if op.n == narrowWidth {
                narrowRows(op, b, bStride, rows: chunk * chunkRows..<end, AllLanes())
            } else {
                narrowRows(op, b, bStride, rows: chunk * chunkRows..<end, FirstLanes(count: op.n))
            }
        }
    }

    /// Rows `rows` of C: eight at a time, then a group of four, two and one for what is left.
    @inline(__always)
    private static func narrowRows<L: ColumnLanes>(_ op: Operands, _ b: UnsafePointer<Float>, _ bStride: Int,
                                                   rows: Range<Int>, _ lanes: L) {
        var i = rows.lowerBound
        while i + 8 <= rows.upperBound { narrowRows(8, op, b, bStride, row: i, lanes); i += 8 }
        if i + 4 <= rows.upperBound { narrowRows(4, op, b, bStride, row: i, lanes); i += 4 }
        if i + 2 <= rows.upperBound { narrowRows(2, op, b, bStride, row: i, lanes); i += 2 }
        if i < rows.upperBound { narrowRows(1, op, b, bStride, row: i, lanes) }
    }

    /// Rows `i ..< i + count` of C (`count` 1, 2, 4 or 8, a constant at every call, so unused chains fold away).
    @inline(__always)
    private static func narrowRows<L: ColumnLanes>(_ count: Int, _ op: Operands, _ b: UnsafePointer<Float>,
                                                   _ bStride: Int, row i: Int, _ lanes: L) {
        // Strides of op(A) in memory: between rows, and between depth steps.
        let (rowStride, stepStride) = op.transA ? (1, op.lda) : (op.lda, 1)
        for block in 0..<op.depthBlocks {
            let p0 = block &* depthBlock, add = op.accumulate || block > 0
            chains(count, depth: min(depthBlock, op.k &- p0), vectors: b + p0 &* bStride, vectorStride: bStride,
                   AllLanes(), scalars: op.a + (i &* rowStride &+ p0 &* stepStride), spacing: rowStride,
                   scalarStride: stepStride) { t, sum in
                let target = op.c + (i &+ t) &* op.ldc
                lanes.store(add ? lanes.load(target) + sum : sum, target)
            }
        }
    }

    /// `count` (1, 2, 4 or 8, a constant at every call) chains of fused multiply-adds over `depth` steps, each from
    /// zero: at step `s`, chain `t` adds the vector at `vectors + s·vectorStride` (read through `lanes`) times the
    /// scalar `scalars[t·spacing + s·scalarStride]`. `write(t, sum)` then takes each chain's sum. Both paths are
    /// this loop: the row path with B's rows as the vectors and A's elements as the scalars, the column path the
    /// other way round (a product's two factors commute in a fused multiply-add, so the bits do not change).
    @inline(__always)
    private static func chains<L: ColumnLanes>(
        _ count: Int, depth: Int, vectors: UnsafePointer<Float>, vectorStride: Int, _ lanes: L,
        scalars: UnsafePointer<Float>, spacing: Int, scalarStride: Int, write: (Int, RowVector) -> Void
    ) {
        let s0 = scalars, s1 = s0 + spacing, s2 = s1 + spacing, s3 = s2 + spacing
        let s4 = s3 + spacing, s5 = s4 + spacing, s6 = s5 + spacing, s7 = s6 + spacing
        var c0 = RowVector(), c1 = RowVector(), c2 = RowVector(), c3 = RowVector()
        var c4 = RowVector(), c5 = RowVector(), c6 = RowVector(), c7 = RowVector()
        var vector = vectors, offset = 0
        for _ in 0..<depth {
            let v = lanes.load(vector)
            c0 = c0.addingProduct(v, RowVector(repeating: s0[offset]))
            if count > 1 { c1 = c1.addingProduct(v, RowVector(repeating: s1[offset])) }
            if count > 2 {
                c2 = c2.addingProduct(v, RowVector(repeating: s2[offset]))
                c3 = c3.addingProduct(v, RowVector(repeating: s3[offset]))
            }
            if count > 4 {
                c4 = c4.addingProduct(v, RowVector(repeating: s4[offset]))
                c5 = c5.addingProduct(v, RowVector(repeating: s5[offset]))
                c6 = c6.addingProduct(v, RowVector(repeating: s6[offset]))
                c7 = c7.addingProduct(v, RowVector(repeating: s7[offset]))
            }
            vector += vectorStride
            offset &+= scalarStride
        }
        write(0, c0)
        if count > 1 { write(1, c1) }
        if count > 2 {
            write(2, c2)
            write(3, c3)
        }
        if count > 4 {
            write(4, c4)
            write(5, c5)
            write(6, c6)
            write(7, c7)
        }
    }

    // MARK: - Column path

    /// `C (+)= Aᵀ·op(B)` with A stored `k × m`: sixteen rows of C at a time, as vectors down each column.
    private static func narrowColumns(_ op: Operands) {
        let groups = (op.m + narrowWidth - 1) / narrowWidth
        // Chunks of rows of C: whole groups, as many as the thread count's worth of work (fixed by the shape).
        let groupsPerChunk = op.m * op.n * op.k < parallelThreshold ? groups : max(1, groups / 4)
        Parallel.forEach(chunks: (groups + groupsPerChunk - 1) / groupsPerChunk) { chunk in
            for group in chunk * groupsPerChunk..<min(groups, (chunk + 1) * groupsPerChunk) {
                let i = group * narrowWidth, height = min(narrowWidth, op.m - i)
                if height == narrowWidth {
                    narrowColumns(op, row: i, AllLanes())
                } else {
                    narrowColumns(op, row: i, FirstLanes(count: height))
                }
            }
        }
    }

    /// The sixteen (or `lanes`) rows of C from `i`, every column: eight at a time, then four, two and one.
    @inline(__always)
    private static func narrowColumns<L: ColumnLanes>(_ op: Operands, row i: Int, _ lanes: L) {
        var j = 0
        while j + 8 <= op.n { narrowColumns(8, op, row: i, column: j, lanes); j += 8 }
        if j + 4 <= op.n { narrowColumns(4, op, row: i, column: j, lanes); j += 4 }
        if j + 2 <= op.n { narrowColumns(2, op, row: i, column: j, lanes); j += 2 }
        if j < op.n { narrowColumns(1, op, row: i, column: j, lanes) }
    }

    /// Columns `j ..< j + count` of the rows of C from `i` (`count` 1, 2, 4 or 8, a constant at every call).
    @inline(__always)
    private static func narrowColumns<L: ColumnLanes>(_ count: Int, _ op: Operands, row i: Int, column j: Int,
                                                      _ lanes: L) {
        // op(B)[p, j + t] sits at b[p·bStep + (j + t)·bColumn].
        let (bStep, bColumn) = op.transB ? (1, op.ldb) : (op.ldb, 1)
        let height = min(narrowWidth, op.m - i)
        for block in 0..<op.depthBlocks {
            let p0 = block &* depthBlock, add = op.accumulate || block > 0
            chains(count, depth: min(depthBlock, op.k &- p0), vectors: op.a + (p0 &* op.lda &+ i),
                   vectorStride: op.lda, lanes, scalars: op.b + (j &* bColumn &+ p0 &* bStep), spacing: bColumn,
                   scalarStride: bStep) { t, sum in
                var target = op.c + (i &* op.ldc &+ j &+ t)
                for lane in 0..<height {
                    target.pointee = add ? target.pointee + sum[lane] : sum[lane]
                    target += op.ldc
                }
            }
        }
    }
}
