// MARK: - Fused bias + activation

extension Kernel {
    /// `output = f(a + b)` with `b` a `[1, n]` bias row: one pass over the matmul result, chunk by chunk, so the
    /// data is read once and stays in cache for the activation. When the derivative needs the pre-activation,
    /// it is written to `saved` on the way.
    func forwardBiasActivation(_ function: UnaryFunction) {
        let z = a, bias = b.data, y = output.data, saved = self.saved?.data
        let cols = output.shape.cols, column = outerColumn, row = outerRow
        Chunking.forEachRows(rows: output.shape.rows, cols: cols) { firstRow, rowCount in
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
        }
    }

    /// `dz = g · f′` in one pass from the saved output (or pre-activation), then the bias gradient as a column
    /// sum of `dz`. `dz` is the matmul's gradient (`aGrad`), or `scratch` when only the bias needs a gradient.
    /// Fusion requires the matmul result to have no other consumer, so `dz` is never accumulated into.
    func backwardBiasActivation(_ function: UnaryFunction) {
        guard let g = outputGrad, let dz = aGrad ?? scratch else { return }
        let y = output.data, x = saved?.data ?? output.data
        if let column = upstreamColumn, let row = upstreamRow {
            // The upstream gradient G·wᵀ is formed a block of rows at a time in `dz`, then scaled by f′ in place.
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
        } else {
            Chunking.forEach(count: output.count) { start, n in
                function.backward(x: x + start, y: y + start, upstream: g + start, into: dz + start, count: n,
                                  accumulate: false)
            }
        }
        if let db = bGrad {
            columnSum(View(data: dz, shape: output.shape), into: db, scale: 1, accumulate: accumulateB)
        }
    }
}
