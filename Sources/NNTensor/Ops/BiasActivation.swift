// MARK: - Fused bias + activation

extension Kernel {
    /// `output = f(a + b)` with `b` a `[1, n]` bias row: one pass over the matmul result, chunk by chunk, so the
    /// data is read once and stays in cache for the activation. When the derivative needs the pre-activation,
    /// it is written to `saved` on the way. Before a single output, the following product `output · w` is formed
    /// row by row while the row is in cache (`headOutput`).
    func forwardBiasActivation(_ function: UnaryFunction) {
        let z = a, bias = b.data, y = output.data, saved = self.saved?.data
        let cols = output.shape.cols, column = outerColumn, row = outerRow
        let head = headOutput, headRow = upstreamRow
        let rowKernels = runsRowKernels(function)
        Chunking.forEachRows(rows: output.shape.rows, cols: cols) { firstRow, rowCount in
            if rowKernels { return forwardRows(function, rows: firstRow..<(firstRow + rowCount)) }
            let start = firstRow * cols, count = rowCount * cols
            let target = saved ?? y
            for r in firstRow..<(firstRow + rowCount) {
                let tr = target + r * cols
                if let column, let row {
                    // The product rounded, then the bias added: the same values as the unfused matmul and sum.
                    let xr = column[r]
                    for c in 0..<cols { tr[c] = xr * row[c] + bias[c] }
                } else {
                    let zr = z.data + r * cols
                    for c in 0..<cols { tr[c] = zr[c] + bias[c] }
                }
            }
            function.apply(target + start, y + start, count: count)
            if let head, let headRow {
                for r in firstRow..<(firstRow + rowCount) {
                    head[r] = MatrixVector.dot(y + r * cols, headRow, count: cols)
                }
            }
        }
    }

    /// `dz = g · f′` in one pass from the saved output (or pre-activation), then the bias gradient as a column
    /// sum of `dz`. `dz` is the matmul's gradient (`aGrad`), or `scratch` when only the bias needs a gradient.
    /// Fusion requires the matmul result to have no other consumer, so `dz` is never accumulated into.
    /// Before a single output the upstream gradient is the outer product `G · wᵀ` of that product's gradient and
    /// weight, formed a block of rows at a time in `dz`.
    func backwardBiasActivation(_ function: UnaryFunction) {
        if sweep { return backwardSweep(function) }
        guard let dz = aGrad ?? scratch else { return }
        let y = output.data, x = saved?.data ?? output.data
        if let column = upstreamColumn, let row = upstreamRow {
            let cols = output.shape.cols
            Chunking.forEachRows(rows: output.shape.rows, cols: cols) { firstRow, rowCount in
                for r in firstRow..<(firstRow + rowCount) {
                    let gr = column[r], target = dz + r * cols
                    for c in 0..<cols { target[c] = gr * row[c] }
                }
                let start = firstRow * cols
                function.backward(x: x + start, y: y + start, upstream: dz + start, into: dz + start,
                                  count: rowCount * cols, accumulate: false)
            }
        } else if let g = outputGrad {
            Chunking.forEach(count: output.count) { start, n in
                function.backward(x: x + start, y: y + start, upstream: g + start, into: dz + start, count: n,
                                  accumulate: false)
            }
        } else {
            return
        }
        if let db = bGrad {
            columnSum(View(data: dz, shape: output.shape), into: db, scale: 1, accumulate: accumulateB)
        }
    }

    /// The backward pass of a small fused layer (a row block of a `TrainingStep`, a mini-batch) as one sweep over
    /// its rows, a chunk at a time: `dz` for the chunk, then — while it is in L1 cache — the bias gradient
    /// `Σ_r dz[r, :]`, the outer product's weight gradient `Σ_r x[r] · dz[r, :]` and the following product's weight
    /// gradient `Σ_r g[r] · y[r, :]`. Each column is accumulated in row order, so the result is fixed by the shape.
    /// Runs on the calling thread: the kernels of a row block already run inside one parallel lane.
    private func backwardSweep(_ function: UnaryFunction) {
        let rows = output.shape.rows, cols = output.shape.cols
        let y = output.data, x = saved?.data ?? output.data
        let transient = aGrad == nil
        guard let dz = aGrad ?? scratch else { return }
        let g = outputGrad, column = upstreamColumn, row = upstreamRow
        guard g != nil || (column != nil && row != nil) else { return }
        // Every sum is added to what its target holds: zeroed first unless another kernel wrote it.
        if let db = bGrad, !accumulateB { db.update(repeating: 0, count: cols) }
        if let dw = outerGrad, !accumulateOuter { dw.update(repeating: 0, count: cols) }
        if let dw = headGrad, !accumulateHead { dw.update(repeating: 0, count: cols) }
        if runsRowKernels(function) { return backwardRows(function, dz: transient ? nil : aGrad) }
        let chunkRows = transient ? Swift.max(1, ExecutionSchedule.sweepChunkElements / cols) : rows
        let sums = SweepSums(bias: bGrad, outer: outerGrad, outerColumn: outerColumn, head: headGrad,
                             headColumn: column)
        var first = 0
        while first < rows {
            let count = Swift.min(chunkRows, rows - first), start = first * cols
            let chunk = transient ? dz : dz + start
            if let column, let row {
                for r in 0..<count {
                    let gr = column[first + r], target = chunk + r * cols
                    for c in 0..<cols { target[c] = gr * row[c] }
                }
                function.backward(x: x + start, y: y + start, upstream: chunk, into: chunk, count: count * cols,
                                  accumulate: false)
            } else if let g {
                function.backward(x: x + start, y: y + start, upstream: g + start, into: chunk, count: count * cols,
                                  accumulate: false)
            }
            sums.add(rows: first..<(first + count), cols: cols, dz: chunk, y: y + start)
            first += count
        }
    }
}

/// The per-column sums of a backward sweep; nil targets are skipped.
private struct SweepSums {
    typealias V = SIMD16<Float>
    let bias: UnsafeMutablePointer<Float>?
    let outer: UnsafeMutablePointer<Float>?
    let outerColumn: UnsafePointer<Float>?
    let head: UnsafeMutablePointer<Float>?
    let headColumn: UnsafePointer<Float>?

    @inline(__always) private func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inline(__always) private func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Adds the chunk's rows (`dz` and `y` start at its first row) to every target, sixteen columns at a time.
    func add(rows: Range<Int>, cols: Int, dz: UnsafePointer<Float>, y: UnsafePointer<Float>) {
        let count = rows.count, first = rows.lowerBound
        let x = outerColumn.map { $0 + first }, g = headColumn.map { $0 + first }
        let bias = self.bias, outer = x != nil ? self.outer : nil, head = g != nil ? self.head : nil
        var c = 0
        while c + 16 <= cols {
            var sb = bias.map { load($0 + c) } ?? V(), so = outer.map { load($0 + c) } ?? V()
            var sh = head.map { load($0 + c) } ?? V()
            for r in 0..<count {
                let d = load(dz + r * cols + c)
                if bias != nil { sb += d }
                if let x, outer != nil { so = so.addingProduct(d, V(repeating: x[r])) }
                if let g, head != nil { sh = sh.addingProduct(load(y + r * cols + c), V(repeating: g[r])) }
            }
            if let bias { store(sb, bias + c) }
            if let outer { store(so, outer + c) }
            if let head { store(sh, head + c) }
            c += 16
        }
        while c < cols {
            for r in 0..<count {
                let d = dz[r * cols + c]
                if let bias { bias[c] += d }
                if let x, let outer { outer[c] = outer[c].addingProduct(d, x[r]) }
                if let g, let head { head[c] = head[c].addingProduct(y[r * cols + c], g[r]) }
            }
            c += 1
        }
    }
}
