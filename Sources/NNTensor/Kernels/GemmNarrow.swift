// MARK: - Narrow product

/// `Gemm` for outputs at most sixteen columns wide: a network's narrow layers (16 or 32 wide hidden layers' gradient
/// products, outputs of 2–3 classes).
///
/// The blocked path pads such a product to its 32-column tile (a 3-column output did 32 columns of work) and writes
/// every tile through a scratch tile and a scalar copy. Here one row of C is one vector: op(B) is read as `k` vectors
/// of sixteen (packed once, zero past `n`, unless its rows are whole vectors already), and each row is accumulated over `p` by one fused multiply-add per step, from
/// zero in each depth block of `depthBlock`, then written (or added) to C — the additions the blocked path makes for
/// every element, so the two give the same bits. Up to eight rows run together so their chains overlap (a fused
/// multiply-add's latency is four cycles and two issue per cycle: eight chains keep both units busy).
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
        let chunkRows = op.m * op.n * op.k < parallelThreshold ? op.m : narrowChunkRows
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
        let a0 = op.a + i &* rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        let a4 = a3 + rowStride, a5 = a4 + rowStride, a6 = a5 + rowStride, a7 = a6 + rowStride
        for block in 0..<op.depthBlocks {
            let p0 = block &* depthBlock, depth = min(depthBlock, op.k &- p0)
            var c0 = RowVector(), c1 = RowVector(), c2 = RowVector(), c3 = RowVector()
            var c4 = RowVector(), c5 = RowVector(), c6 = RowVector(), c7 = RowVector()
            var offset = p0 &* stepStride, panel = b + p0 &* bStride
            for _ in 0..<depth {
                let bv = AllLanes().load(panel)
                c0 = c0.addingProduct(RowVector(repeating: a0[offset]), bv)
                if count > 1 { c1 = c1.addingProduct(RowVector(repeating: a1[offset]), bv) }
                if count > 2 {
                    c2 = c2.addingProduct(RowVector(repeating: a2[offset]), bv)
                    c3 = c3.addingProduct(RowVector(repeating: a3[offset]), bv)
                }
                if count > 4 {
                    c4 = c4.addingProduct(RowVector(repeating: a4[offset]), bv)
                    c5 = c5.addingProduct(RowVector(repeating: a5[offset]), bv)
                    c6 = c6.addingProduct(RowVector(repeating: a6[offset]), bv)
                    c7 = c7.addingProduct(RowVector(repeating: a7[offset]), bv)
                }
                offset &+= stepStride
                panel += bStride
            }
            let add = op.accumulate || block > 0
            @inline(__always) func write(_ value: RowVector, _ row: Int) {
                let target = op.c + row &* op.ldc
                lanes.store(add ? lanes.load(target) + value : value, target)
            }
            write(c0, i)
            if count > 1 { write(c1, i &+ 1) }
            if count > 2 {
                write(c2, i &+ 2)
                write(c3, i &+ 3)
            }
            if count > 4 {
                write(c4, i &+ 4)
                write(c5, i &+ 5)
                write(c6, i &+ 6)
                write(c7, i &+ 7)
            }
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
        let b0 = op.b + j &* bColumn, b1 = b0 + bColumn, b2 = b1 + bColumn, b3 = b2 + bColumn
        let b4 = b3 + bColumn, b5 = b4 + bColumn, b6 = b5 + bColumn, b7 = b6 + bColumn
        for block in 0..<op.depthBlocks {
            let p0 = block &* depthBlock, depth = min(depthBlock, op.k &- p0)
            var c0 = RowVector(), c1 = RowVector(), c2 = RowVector(), c3 = RowVector()
            var c4 = RowVector(), c5 = RowVector(), c6 = RowVector(), c7 = RowVector()
            var a = UnsafePointer(op.a + p0 &* op.lda + i), offset = p0 &* bStep
            for _ in 0..<depth {
                let av = lanes.load(a)
                c0 = c0.addingProduct(av, RowVector(repeating: b0[offset]))
                if count > 1 { c1 = c1.addingProduct(av, RowVector(repeating: b1[offset])) }
                if count > 2 {
                    c2 = c2.addingProduct(av, RowVector(repeating: b2[offset]))
                    c3 = c3.addingProduct(av, RowVector(repeating: b3[offset]))
                }
                if count > 4 {
                    c4 = c4.addingProduct(av, RowVector(repeating: b4[offset]))
                    c5 = c5.addingProduct(av, RowVector(repeating: b5[offset]))
                    c6 = c6.addingProduct(av, RowVector(repeating: b6[offset]))
                    c7 = c7.addingProduct(av, RowVector(repeating: b7[offset]))
                }
                a += op.lda
                offset &+= bStep
            }
            let add = op.accumulate || block > 0
            let height = min(narrowWidth, op.m - i)
            @inline(__always) func write(_ value: RowVector, _ column: Int) {
                var target = op.c + (i &* op.ldc &+ column)
                for lane in 0..<height {
                    target.pointee = add ? target.pointee + value[lane] : value[lane]
                    target += op.ldc
                }
            }
            write(c0, j)
            if count > 1 { write(c1, j &+ 1) }
            if count > 2 {
                write(c2, j &+ 2)
                write(c3, j &+ 3)
            }
            if count > 4 {
                write(c4, j &+ 4)
                write(c5, j &+ 5)
                write(c6, j &+ 6)
                write(c7, j &+ 7)
            }
        }
    }
}
