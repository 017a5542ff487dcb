// MARK: - Cross-entropy kernels

/// Softmax cross-entropy over rows of logits, sixteen rows at a time: each SIMD lane is one row, and a column of
/// the logits is one vector (gathered with the row stride, as the number of classes is small). Every row is computed
/// through the same lanes whatever the batch, block or thread count, so a row's terms depend only on its own values.
///
/// Numerically stable as PyTorch's `log_softmax`: with `m` the row's largest logit, `log Σ e^z = m + log Σ e^(z−m)`,
/// so no exponential overflows and the largest term is 1. The backward pass is the fused `softmax − onehot`,
/// recomputed from the logits (a few exponentials per row) rather than kept from the forward pass, so the loss
/// needs no buffer of its own.
struct SoftmaxRows {
    typealias V = SIMD16<Float>

    let logits: UnsafePointer<Float>
    let labels: UnsafePointer<Float>
    let rows: Int
    let classes: Int

    /// Lanes of a group that hold rows (the last group may be partial); padding lanes repeat its last row.
    @inline(__always) func lanes(from row: Int) -> Int { Swift.min(16, rows - row) }

    /// Gathers the group's logits once, column `j` into `columns[j]`, and returns each row's largest logit. Sixteen
    /// lanes always (a partial group's padding lanes repeat its last row): with a constant trip count the gather
    /// unrolls into register inserts, where a loop of `lanes` went through memory and ran three times slower.
    /// Gathering each column once (rather than in every pass) and keeping its exponentials for the gradient
    /// (`exponentiate`) halves a group's work.
    @inline(__always) func gather(from row: Int, lanes: Int, into columns: GroupColumns) -> V {
        let last = (lanes - 1) * classes
        var largest = V()
        for j in 0..<classes {
            let base = logits + row * classes + j
            var v = V()
            for lane in 0..<16 { v[lane] = base[Swift.min(lane * classes, last)] }
            columns[j] = v
            largest = j == 0 ? v : pointwiseMax(largest, v)
        }
        return largest
    }

    /// Replaces each column by `e^(z_j − max)` and returns `Σ_j e^(z_j − max)`.
    @inline(__always) func exponentiate(_ columns: GroupColumns, max largest: V) -> V {
        var sum = V()
        for j in 0..<classes {
            let e = VectorMath.exp(columns[j] - largest)
            columns[j] = e
            sum += e
        }
        return sum
    }

    @inline(__always) func labelVector(from row: Int, lanes: Int) -> V {
        let base = labels + row, last = lanes - 1
        var v = V()
        for lane in 0..<16 { v[lane] = base[Swift.min(lane, last)] }
        return v
    }

    /// Room for one group's columns, `classes` vectors, in the thread's scratch.
    private func scratch() -> GroupColumns {
        GroupColumns(base: UnsafeMutableRawPointer(ThreadScratch.current.buffer(.tile, count: classes * 16)))
    }

    /// The sum over rows of `log Σ e^z − z_label`: NaN when some label is not a class index.
    func lossSum() -> Float {
        let columns = scratch()
        var total = V()
        var row = 0
        while row < rows {
            let lanes = self.lanes(from: row)
            let largest = gather(from: row, lanes: lanes, into: columns)
            let label = labelVector(from: row, lanes: lanes)
            var picked = V(repeating: .nan)
            for j in 0..<classes { picked.replace(with: columns[j], where: label .== Float(j)) }
            let sum = exponentiate(columns, max: largest)
            var term = largest + VectorMath.log(sum) - picked
            if lanes < 16 { term.replace(with: 0, where: Self.laneIndex .>= Float(lanes)) }
            total += term
            row += 16
        }
        return total.sum()
    }

    /// `dz = scale · (softmax(z) − onehot(label))`, stored into (or added to) `gradient`, laid out as the logits.
    func gradient(scale: Float, into gradient: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let columns = scratch()
        var row = 0
        while row < rows {
            let lanes = self.lanes(from: row)
            let sum = exponentiate(columns, max: gather(from: row, lanes: lanes, into: columns))
            let label = labelVector(from: row, lanes: lanes)
            let factor = scale / sum
            // Rows whose label matches no class get NaN, as their loss does.
            var matched = V()
            for j in 0..<classes { matched.replace(with: 1, where: label .== Float(j)) }
            let invalid = V(repeating: .nan).replacing(with: 0, where: matched .== 1)
            for j in 0..<classes {
                let probability = columns[j] * factor
                columns[j] = probability.replacing(with: probability - scale, where: label .== Float(j)) + invalid
            }
            // Back to the logits' layout, row by row (a constant trip count for a whole group, so it unrolls).
            let values = columns.base.assumingMemoryBound(to: Float.self)
            let target = gradient + row * classes
            @inline(__always) func write(_ count: Int) {
                for lane in 0..<count {
                    for j in 0..<classes {
                        let value = values[j &* 16 &+ lane], index = lane &* classes &+ j
                        target[index] = accumulate ? target[index] + value : value
                    }
                }
            }
            if lanes == 16 { write(16) } else { write(lanes) }
            row += 16
        }
    }

    static let laneIndex = V(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
}

/// A group's columns, one vector each, in scratch memory of Floats (read and written as raw bytes, so the memory
/// keeps its Float binding for the other kernels that use the same scratch).
struct GroupColumns {
    let base: UnsafeMutableRawPointer

    subscript(j: Int) -> SIMD16<Float> {
        @inline(__always) get { base.load(fromByteOffset: j &* 64, as: SIMD16<Float>.self) }
        @inline(__always) nonmutating set { base.storeBytes(of: newValue, toByteOffset: j &* 64, as: SIMD16<Float>.self) }
    }
}

extension Kernel {
    private var softmaxRows: SoftmaxRows {
        SoftmaxRows(logits: a.data, labels: b.data, rows: a.shape.rows, classes: a.shape.cols)
    }

    /// The mean over rows of the cross-entropy, one pass on this thread (a handful of exponentials per row).
    func forwardCrossEntropy() {
        output.data[0] = softmaxRows.lossSum() / Float(a.shape.rows)
    }

    /// `dlogits = g · (softmax − onehot) / rows`; labels get a zero gradient (PyTorch gives them none).
    func backwardCrossEntropy(scale g: Float) {
        if let aGrad {
            softmaxRows.gradient(scale: g / Float(a.shape.rows), into: aGrad, accumulate: accumulateA)
        }
        if let bGrad, !accumulateB { bGrad.update(repeating: 0, count: b.count) }
    }
}
