// MARK: - Narrow product

/// `Gemm` for outputs at most sixteen columns wide: a network's narrow layers (16 or 32 wide hidden layers' gradient
/// products, outputs of 2–3 classes).
///
/// The blocked path pads such a product to its 32-column tile (a 3-column output did 32 columns of work) and writes
/// every tile through a scratch tile and a scalar copy. Here one row of C is one vector: op(B) is packed once into `k`
/// vectors of sixteen (zero past `n`), and each row is accumulated over `p` by one fused multiply-add per step, from
/// zero in each depth block of `depthBlock`, then written (or added) to C — the additions the blocked path makes for
/// every element, so the two give the same bits. Four rows run together so their chains overlap.
extension Gemm {
    /// The widest output the narrow path takes: one vector.
    static let narrowWidth = RowVector.scalarCount
    /// Rows of C per chunk when a narrow product is split over threads (fixed by the shape alone).
    static let narrowChunkRows = 256

    static func narrow(_ op: Operands) {
        let packed = ThreadScratch.current.buffer(.packedB, count: op.k * narrowWidth)
        for p in 0..<op.k {
            let row = packed + p * narrowWidth
            for j in 0..<op.n { row[j] = op.elementB(p, j) }
            for j in op.n..<narrowWidth { row[j] = 0 }
        }
        let chunkRows = op.m * op.n * op.k < parallelThreshold ? op.m : narrowChunkRows
        let b = UnsafePointer(packed)
        Parallel.forEach(chunks: (op.m + chunkRows - 1) / chunkRows) { chunk in
            let end = min(op.m, (chunk + 1) * chunkRows)
            var i = chunk * chunkRows
            if op.n == narrowWidth {
                while i + 4 <= end { narrowRows(4, op, b, row: i, AllLanes()); i += 4 }
                while i < end { narrowRows(1, op, b, row: i, AllLanes()); i += 1 }
            } else {
                let lanes = FirstLanes(count: op.n)
                while i + 4 <= end { narrowRows(4, op, b, row: i, lanes); i += 4 }
                while i < end { narrowRows(1, op, b, row: i, lanes); i += 1 }
            }
        }
    }

    /// Rows `i ..< i + count` of C (`count` 1 or 4, a constant at every call, so unused chains fold away).
    @inline(__always)
    private static func narrowRows<L: ColumnLanes>(_ count: Int, _ op: Operands, _ b: UnsafePointer<Float>, row i: Int,
                                                   _ lanes: L) {
        // Strides of op(A) in memory: between rows, and between depth steps.
        let (rowStride, stepStride) = op.transA ? (1, op.lda) : (op.lda, 1)
        let a0 = op.a + i &* rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        for block in 0..<op.depthBlocks {
            let p0 = block &* depthBlock, depth = min(depthBlock, op.k &- p0)
            var c0 = RowVector(), c1 = RowVector(), c2 = RowVector(), c3 = RowVector()
            var offset = p0 &* stepStride, panel = b + p0 &* narrowWidth
            for _ in 0..<depth {
                let bv = AllLanes().load(panel)
                c0 = c0.addingProduct(RowVector(repeating: a0[offset]), bv)
                if count > 1 {
                    c1 = c1.addingProduct(RowVector(repeating: a1[offset]), bv)
                    c2 = c2.addingProduct(RowVector(repeating: a2[offset]), bv)
                    c3 = c3.addingProduct(RowVector(repeating: a3[offset]), bv)
                }
                offset &+= stepStride
                panel += narrowWidth
            }
            let add = op.accumulate || block > 0
            @inline(__always) func write(_ value: RowVector, _ row: Int) {
                let target = op.c + row &* op.ldc
                lanes.store(add ? lanes.load(target) + value : value, target)
            }
            write(c0, i)
            if count > 1 {
                write(c1, i &+ 1)
                write(c2, i &+ 2)
                write(c3, i &+ 3)
            }
        }
    }
}
