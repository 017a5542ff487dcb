// MARK: - Matrix multiply

/// Row-major single-precision matrix multiply: `C = op(A) · op(B)` (or `C += …` when `accumulate`).
///
/// `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`. With `transA`, A is stored `k × m` (lda ≥ m);
/// with `transB`, B is stored `n × k` (ldb ≥ k). Results are bit-identical for any thread count.
///
/// How: products with one row or one column (`m == 1` or `n == 1`) go to a matrix-vector kernel, outputs at most
/// sixteen columns wide to `narrow` (one vector per row of C, GemmNarrow.swift), and up to 32 wide with a short side
/// (`m` or `k` ≤ 32) to two of them (side by side on two threads when a half would not split its own rows).
/// Everything else is cache-blocked in the Goto/BLIS manner — B packed once per call into column panels of 32, A
/// packed per output chunk into row panels of 12, `k` cut into blocks of `depthBlock` — and multiplied by a 12 × 32
/// register tile (`microKernel`). Threads split the *output* into a grid of chunks that depends only on the shape;
/// `k` is never split, so each element sees the same additions in the same order on any number of threads.
///
/// Memory: packing uses per-thread scratch (`ThreadScratch`) that only grows, so a thread allocates on its first
/// call and when a call needs more than any before it — never in steady state.
public enum Gemm {
    /// Depth (k) of one packed block: a 12-row A panel (12 KB) stays in L1, the B block in L2.
    static let depthBlock = 256
    /// Outputs of 17–32 columns go to two narrow products when `m` or `k` is at most this: a table's first layer
    /// (`k` = its columns), the gradient back through a few outputs (`k` = 2), a weight gradient of few inputs.
    static let narrowSide = 32
    /// Below this many multiply-adds a product runs as one chunk: dispatch would cost more than it saves.
    static let parallelThreshold = 1 << 18

    public static func multiply(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false
    ) {
        guard m > 0, n > 0 else { return }
        if k <= 0 {
            if !accumulate {
                for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        if n == 1 {
            MatrixVector.multiply(transposed: transA, rows: m, cols: k, matrix: a, ld: lda,
                                  x: b, xStride: transB ? 1 : ldb, y: c, yStride: ldc, accumulate: accumulate)
        } else if m == 1 {
            MatrixVector.multiply(transposed: !transB, rows: n, cols: k, matrix: b, ld: ldb,
                                  x: a, xStride: transA ? lda : 1, y: c, yStride: 1, accumulate: accumulate)
        } else if k == 1 {
            outerProduct(m: m, n: n, a: a, aStride: transA ? 1 : lda, b: b, bStride: transB ? ldb : 1,
                         c: c, ldc: ldc, accumulate: accumulate)
        } else if n <= narrowWidth {
            narrow(Operands(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                            c: c, ldc: ldc, accumulate: accumulate))
        } else if n <= 2 * narrowWidth, min(m, k) <= narrowSide {
            // Two narrow products side by side (columns 0 ..< 16, then the rest): a small product with one short
            // side costs more to pack for the blocked path than to multiply.
            let left = Operands(transA: transA, transB: transB, m: m, n: narrowWidth, k: k, a: a, lda: lda, b: b,
                                ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
            let right = Operands(transA: transA, transB: transB, m: m, n: n - narrowWidth, k: k, a: a, lda: lda,
                                 b: b + narrowWidth * (transB ? ldb : 1), ldb: ldb, c: c + narrowWidth, ldc: ldc,
                                 accumulate: accumulate)
            if m * n * k >= parallelThreshold, narrowChunk(left) >= m {
                // Large enough to be worth a second thread, but a half would not split its rows (too small, or too
                // few rows): the halves side by side (a table's first layer and its weight gradient).
                // Through a context pointer: a closure's captures would be boxed (an allocation a call).
                var halves = Halves(left: left, right: right)
                withUnsafePointer(to: &halves) { pointer in
                    Parallel.forEach(chunks: 2, context: UnsafeRawPointer(pointer), Halves.run)
                }
            } else {
                narrow(left)
                narrow(right)
            }
        } else {
            blocked(Operands(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                             c: c, ldc: ldc, accumulate: accumulate))
        }
    }

    /// The two narrow products of an output 17–32 columns wide, run side by side by `run(context, half)`.
    struct Halves {
        let left: Operands, right: Operands

        static let run: @convention(c) (UnsafeRawPointer, Int) -> Void = { context, half in
            let halves = context.assumingMemoryBound(to: Halves.self)
            narrow(half == 0 ? halves.pointee.left : halves.pointee.right)
        }
    }

    // MARK: - Outer product

    /// `C (+)= a · bᵀ` for column `a` (m) and row `b` (n): a layer fed by one input, or the gradient flowing back
    /// from one output. One product per element, added to `C` after rounding as the blocked path does; packing
    /// would cost more than the multiply.
    static func outerProduct(m: Int, n: Int, a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>,
                             bStride: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        typealias V = SIMD16<Float>
        let rowsPerChunk = max(1, Chunking.elementsPerChunk / n)
        Parallel.forEach(chunks: (m + rowsPerChunk - 1) / rowsPerChunk) { chunk in
            for i in (chunk * rowsPerChunk)..<min(m, (chunk + 1) * rowsPerChunk) {
                let ai = a[i * aStride], ci = c + i * ldc
                var j = 0
                if bStride == 1 {
                    let av = V(repeating: ai)
                    while j + 16 <= n {
                        var product = av * UnsafeRawPointer(b + j).loadUnaligned(as: V.self)
                        if accumulate { product += UnsafeRawPointer(ci + j).loadUnaligned(as: V.self) }
                        UnsafeMutableRawPointer(ci + j).storeBytes(of: product, as: V.self)
                        j += 16
                    }
                }
                while j < n {
                    let product = ai * b[j * bStride]
                    ci[j] = accumulate ? ci[j] + product : product
                    j += 1
                }
            }
        }
    }

    // MARK: - Blocked product

    /// One call's arguments, passed by value into the chunk closures.
    struct Operands {
        let transA: Bool, transB: Bool, m: Int, n: Int, k: Int
        let a: UnsafePointer<Float>, lda: Int
        let b: UnsafePointer<Float>, ldb: Int
        let c: UnsafeMutablePointer<Float>, ldc: Int
        let accumulate: Bool

        var columnPanels: Int { (n + colsPerTile - 1) / colsPerTile }
        var paddedN: Int { columnPanels * colsPerTile }
        var depthBlocks: Int { (k + depthBlock - 1) / depthBlock }

        /// `op(A)[i, p]`.
        @inline(__always) func elementA(_ i: Int, _ p: Int) -> Float { transA ? a[p * lda + i] : a[i * lda + p] }
        /// `op(B)[p, j]`.
        @inline(__always) func elementB(_ p: Int, _ j: Int) -> Float { transB ? b[j * ldb + p] : b[p * ldb + j] }
    }

    /// The output grid: chunks of `rows × cols` (multiples of the tile), fixed by the shape alone.
    struct Grid {
        let rows: Int, cols: Int, rowChunks: Int, colChunks: Int

        init(_ op: Operands) {
            let tileRows = rowsPerTile, paddedN = op.paddedN
            if op.m * op.n * op.k < parallelThreshold {
                rows = op.m
                cols = paddedN
            } else if op.m >= 16 * tileRows {
                rows = 8 * tileRows
                cols = paddedN
            } else {
                // Few rows (e.g. a weight gradient Xᵀ·δ): cut the columns too so both cores get work.
                rows = 4 * tileRows
                cols = max(colsPerTile, (paddedN / 4 + colsPerTile - 1) / colsPerTile * colsPerTile)
            }
            rowChunks = (op.m + rows - 1) / rows
            colChunks = (paddedN + cols - 1) / cols
        }
    }

    static func blocked(_ op: Operands) {
        let paddedN = op.paddedN
        let packedB = ThreadScratch.current.buffer(.packedB, count: op.k * paddedN)
        let packChunks = op.m * op.n * op.k < parallelThreshold ? 1 : op.depthBlocks
        Parallel.forEach(chunks: packChunks) { chunk in
            let blocks = packChunks == 1 ? 0..<op.depthBlocks : chunk..<chunk + 1
            for block in blocks { packB(op, block: block, into: packedB) }
        }
        let grid = Grid(op)
        Parallel.forEach(chunks: grid.rowChunks * grid.colChunks) { chunk in
            let rowStart = (chunk / grid.colChunks) * grid.rows
            let colStart = (chunk % grid.colChunks) * grid.cols
            computeChunk(op, packedB: packedB, rows: rowStart..<min(op.m, rowStart + grid.rows),
                         cols: colStart..<min(op.n, colStart + grid.cols))
        }
    }

    // MARK: - Packing

    /// Packs the k-block `block` of op(B), for every column panel: panel `j` holds `depth × 32` floats, row-major,
    /// zero-padded past `n`. Block `block` starts at `p0 * paddedN`.
    static func packB(_ op: Operands, block: Int, into packed: UnsafeMutablePointer<Float>) {
        let p0 = block * depthBlock, depth = min(depthBlock, op.k - p0)
        let base = packed + p0 * op.paddedN
        for panel in 0..<op.columnPanels {
            let destination = base + panel * depth * colsPerTile
            let j0 = panel * colsPerTile, width = min(colsPerTile, op.n - j0)
            if op.transB {
                // B stored n × k: read each stored row contiguously, write it as a column of the panel (the panel,
                // depth × 32 floats, stays in L1). Element by element in the other order was a strided gather.
                for j in 0..<width {
                    let source = op.b + (j0 + j) * op.ldb + p0
                    for p in 0..<depth { destination[p &* colsPerTile &+ j] = source[p] }
                }
                if width < colsPerTile {
                    for p in 0..<depth {
                        (destination + p * colsPerTile + width).update(repeating: 0, count: colsPerTile - width)
                    }
                }
                continue
            }
            for p in 0..<depth {
                let row = destination + p * colsPerTile
                if !op.transB && width == colsPerTile {
                    row.update(from: op.b + (p0 + p) * op.ldb + j0, count: colsPerTile)
                    continue
                }
                for j in 0..<width { row[j] = op.elementB(p0 + p, j0 + j) }
                for j in width..<colsPerTile { row[j] = 0 }
            }
        }
    }

    /// Packs rows `rows` and depths `p0..<p0+depth` of op(A) into 12-row panels, each `depth × 12` floats,
    /// zero-padded past the last row.
    static func packA(_ op: Operands, rows: Range<Int>, p0: Int, depth: Int, into packed: UnsafeMutablePointer<Float>) {
        var panelStart = rows.lowerBound, destination = packed
        while panelStart < rows.upperBound {
            let height = min(rowsPerTile, rows.upperBound - panelStart)
            for p in 0..<depth {
                let column = destination + p * rowsPerTile
                if op.transA && height == rowsPerTile {
                    column.update(from: op.a + (p0 + p) * op.lda + panelStart, count: rowsPerTile)
                    continue
                }
                for i in 0..<height { column[i] = op.elementA(panelStart + i, p0 + p) }
                for i in height..<rowsPerTile { column[i] = 0 }
            }
            panelStart += rowsPerTile
            destination += depth * rowsPerTile
        }
    }

    // MARK: - One output chunk

    /// Panels of A are read in place — the micro-kernel broadcasts one element per row and step, so a strided read
    /// costs the same as a packed one, and skipping the copy matters when `n` is small (a layer of 32 outputs would
    /// spend as long packing A as multiplying). Rows are taken 12 at a time, then 8 or 4 (a fan-in of 32 is 12 + 12
    /// + 8); only the last 1–3 rows are packed, zero-padded, into a 12-row panel.
    static func computeChunk(_ op: Operands, packedB: UnsafeMutablePointer<Float>, rows: Range<Int>, cols: Range<Int>) {
        let scratch = ThreadScratch.current
        let packedA = scratch.buffer(.packedA, count: rowsPerTile * min(op.k, depthBlock))
        let edgeTile = scratch.buffer(.tile, count: rowsPerTile * colsPerTile)
        let leftoverStart = rows.upperBound - rows.count % rowsPerTile % 4
        // Strides of op(A) in memory: between rows of the panel, and between depth steps.
        let (rowStride, stepStride) = op.transA ? (1, op.lda) : (op.lda, 1)
        for block in 0..<op.depthBlocks {
            let p0 = block * depthBlock, depth = min(depthBlock, op.k - p0)
            if leftoverStart < rows.upperBound {
                packA(op, rows: leftoverStart..<rows.upperBound, p0: p0, depth: depth, into: packedA)
            }
            let add = op.accumulate || block > 0
            var j0 = cols.lowerBound
            while j0 < cols.upperBound {
                let width = min(colsPerTile, cols.upperBound - j0)
                let panelB = packedB + p0 * op.paddedN + (j0 / colsPerTile) * depth * colsPerTile
                let full = width == colsPerTile
                var i0 = rows.lowerBound
                while i0 < rows.upperBound {
                    let height = min(rowsPerTile, rows.upperBound - i0)
                    let target = op.c + i0 * op.ldc + j0
                    let panelA = op.a + i0 * rowStride + p0 * stepStride
                    // The tile goes straight to C when it is whole, else through `edgeTile`.
                    let c = full ? target : edgeTile, ldc = full ? op.ldc : colsPerTile, addHere = full && add
                    let taken: Int
                    if height == 12 {
                        microKernel(rows: 12, depth: depth, a: panelA, rowStride: rowStride, stepStride: stepStride,
                                    b: panelB, c: c, ldc: ldc, add: addHere)
                        taken = 12
                    } else if height >= 8 {
                        microKernel(rows: 8, depth: depth, a: panelA, rowStride: rowStride, stepStride: stepStride,
                                    b: panelB, c: c, ldc: ldc, add: addHere)
                        taken = 8
                    } else if height >= 4 {
                        microKernel(rows: 4, depth: depth, a: panelA, rowStride: rowStride, stepStride: stepStride,
                                    b: panelB, c: c, ldc: ldc, add: addHere)
                        taken = 4
                    } else {
                        microKernel(rows: 12, depth: depth, a: packedA, rowStride: 1, stepStride: rowsPerTile,
                                    b: panelB, c: edgeTile, ldc: colsPerTile, add: false)
                        taken = height
                    }
                    if c == edgeTile || taken < 4 {
                        copyEdge(edgeTile, to: target, ldc: op.ldc, height: taken, width: width, add: add)
                    }
                    i0 += taken
                }
                j0 += colsPerTile
            }
        }
    }

    /// Writes (or adds) the used `height × width` corner of a scratch tile into C.
    @inline(__always)
    static func copyEdge(_ tile: UnsafeMutablePointer<Float>, to target: UnsafeMutablePointer<Float>, ldc: Int,
                         height: Int, width: Int, add: Bool) {
        for i in 0..<height {
            for j in 0..<width {
                let value = tile[i * colsPerTile + j]
                target[i * ldc + j] = add ? target[i * ldc + j] + value : value
            }
        }
    }
}
