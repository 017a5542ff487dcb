// MARK: - Fused dense layer, backward

extension LayerKernel {
    /// The layer's gradients, in the order `LayerPlan.buffers` lists them: the head's weight by its product (it
    /// follows the layer), then `dz` with the bias gradient and whatever the sweep sums, then the formed product's
    /// operands from `dz`.
    func backward() {
        guard let gradients else { return }
        gradients.headProduct?.backward()
        if let dz = gradients.dz {
            if gradients.sweeps { sweep(gradients, dz: dz) } else { passes(gradients, dz: dz) }
        }
        gradients.product?.backward()
    }

    /// `dz[rows, :] = upstream · f′`, written at `target` (the block's first row), in one pass from the saved output
    /// (or pre-activation). Before a head the upstream is the outer product `G · wᵀ`, formed in `target` first.
    private func formGradient(_ rows: Range<Int>, upstream: UnsafePointer<Float>,
                              into target: UnsafeMutablePointer<Float>) {
        let cols = self.cols, start = rows.lowerBound * cols, count = rows.count * cols
        let x = UnsafePointer(saved ?? output), y = UnsafePointer(output)
        if let head {
            for r in rows {
                let g = upstream[r], row = target + (r - rows.lowerBound) * cols
                for c in 0..<cols { row[c] = g * head.weight[c] }
            }
            function.backward(x: x + start, y: y + start, upstream: target, into: target, count: count,
                              accumulate: false)
        } else {
            function.backward(x: x + start, y: y + start, upstream: upstream + start, into: target, count: count,
                              accumulate: false)
        }
    }

    // MARK: Passes

    /// A large layer: `dz` in parallel blocks of rows, then the bias gradient as its column sum (split over
    /// columns). The layer is the only reader of `z`, so `dz` is never accumulated into.
    private func passes(_ backward: Gradients, dz: UnsafeMutablePointer<Float>) {
        Chunking.forEachRows(rows: rows, cols: cols) { first, count in
            formGradient(first..<(first + count), upstream: backward.upstream, into: dz + first * cols)
        }
        if let bias = backward.bias {
            columnSum(View(data: dz, shape: Shape(rows, cols)), into: bias.target, scale: 1,
                      accumulate: bias.accumulate)
        }
    }

    // MARK: Sweep

    /// A small layer (a row block of a `TrainingStep`, a mini-batch): one sweep over its rows that sums, while `dz`
    /// is in cache, the bias gradient `Σ_r dz[r, :]`, the formed weight's `Σ_r x[r, p] · dz[r, :]` and the head
    /// weight's `Σ_r G[r] · y[r, :]`. Each column is accumulated in row order, so the result is fixed by the shape.
    /// On the row kernels `dz` is formed in registers (and stored only when a product below reads it); otherwise a
    /// chunk of rows at a time is formed by `formGradient`, then summed. Runs on the calling thread: the kernels of a
    /// row block already run inside one parallel lane.
    private func sweep(_ backward: Gradients, dz: UnsafeMutablePointer<Float>) {
        func clear(_ sum: Sum?, count: Int) {
            if let sum, !sum.accumulate { sum.target.update(repeating: 0, count: count) }
        }
        clear(backward.bias, count: cols)
        clear(backward.weight, count: formedInputs * cols)
        clear(backward.headWeight, count: cols)
        if runsRowKernels {
            let stored = backward.transient ? nil : dz
            switch function {
            case .tanh: return sweep(RowActivations.Tanh.self, backward, storing: stored)
            case .sigmoid: return sweep(RowActivations.Sigmoid.self, backward, storing: stored)
            default: preconditionFailure("LayerKernel: \(function) has no row kernels")
            }
        }
        let chunkRows = backward.transient ? Swift.max(1, ExecutionSchedule.sweepChunkElements / cols) : rows
        var first = 0
        while first < rows {
            let count = Swift.min(chunkRows, rows - first)
            let chunk = backward.transient ? dz : dz + first * cols
            formGradient(first..<(first + count), upstream: backward.upstream, into: chunk)
            sweep(StoredGradient(dz: chunk, firstRow: first, cols: cols), first..<(first + count), backward,
                  storing: nil)
            first += count
        }
    }

    /// The number of input columns of a formed input, 0 for a stored one.
    private var formedInputs: Int {
        if case let .formed(formed) = input { return formed.inner }
        return 0
    }

    /// The sweep on the row kernels, with the upstream gradient's form as a type.
    private func sweep<F: RowActivation>(_: F.Type, _ backward: Gradients, storing dz: UnsafeMutablePointer<Float>?) {
        if head != nil {
            sweep(ActivationGradient<F, HeadGradient>(upstream: HeadGradient(gradient: backward.upstream)),
                  0..<rows, backward, storing: dz)
        } else {
            sweep(ActivationGradient<F, OutputGradient>(upstream: OutputGradient(gradient: backward.upstream,
                                                                                  cols: cols)),
                  0..<rows, backward, storing: dz)
        }
    }

    /// The sweep's sums over `rows`, with the number of formed weight rows it sums as a type.
    private func sweep<G: RowGradient>(_ gradient: G, _ rows: Range<Int>, _ backward: Gradients,
                                       storing dz: UnsafeMutablePointer<Float>?) {
        switch backward.weight == nil ? 0 : formedInputs {
        case 0: sweep(gradient, FanIn0.self, rows, backward, storing: dz)
        case 1: sweep(gradient, FanIn1.self, rows, backward, storing: dz)
        case 2: sweep(gradient, FanIn2.self, rows, backward, storing: dz)
        case 3: sweep(gradient, FanIn3.self, rows, backward, storing: dz)
        default: sweep(gradient, FanIn4.self, rows, backward, storing: dz)
        }
    }

    /// The one summing loop: for each block of sixteen columns, every row in order; `dz` stored on the way when a
    /// product below reads it. Offsets wrap rather than trap (every one is inside a buffer the plan sized), so that
    /// the row loop steps its pointers instead of multiplying and checking per row.
    private func sweep<G: RowGradient, K: FanIn>(_ gradient: G, _: K.Type, _ rows: Range<Int>, _ backward: Gradients,
                                                 storing dz: UnsafeMutablePointer<Float>?) {
        let cols = self.cols, whole = cols & ~15, y = UnsafePointer(output), upstream = backward.upstream
        let biasSum = backward.bias?.target, headSum = backward.headWeight?.target, headWeight = head?.weight
        let weightSum = K.count > 0 ? backward.weight?.target : nil
        // Constants, not variables: a local function capturing a variable boxes it in a debug build. `x` is read only
        // when `K.count > 0`, which implies a formed input.
        let formed: FormedInput? = if K.count > 0, case let .formed(formed) = input { formed } else { nil }
        let x = formed?.x ?? y, rowStride = formed?.rowStride ?? 0, step = formed?.columnStride ?? 0
        @inline(__always) func block<L: ColumnLanes>(_ c: Int, _ lanes: L) {
            var sb = biasSum.map { lanes.load($0 + c) } ?? RowVector()
            var sh = headSum.map { lanes.load($0 + c) } ?? RowVector()
            var s0 = RowVector(), s1 = RowVector(), s2 = RowVector(), s3 = RowVector()
            if let weightSum {
                s0 = lanes.load(weightSum + c)
                if K.count > 1 { s1 = lanes.load(weightSum + cols + c) }
                if K.count > 2 { s2 = lanes.load(weightSum + 2 &* cols + c) }
                if K.count > 3 { s3 = lanes.load(weightSum + 3 &* cols + c) }
            }
            let w = headWeight.map { lanes.load($0 + c) } ?? RowVector()
            for r in rows {
                let yv = G.readsOutput || headSum != nil ? lanes.load(y + (r &* cols &+ c)) : RowVector()
                let d = gradient.load(row: r, column: c, output: yv, headWeight: w, lanes)
                if let dz { lanes.store(d, dz + (r &* cols &+ c)) }
                // Summed whether or not there is a bias: cheaper than a test, and stored only when there is.
                sb += d
                if K.count > 0 {
                    let xr = x + r &* rowStride
                    s0 = s0.addingProduct(d, RowVector(repeating: xr[0]))
                    if K.count > 1 { s1 = s1.addingProduct(d, RowVector(repeating: xr[step])) }
                    if K.count > 2 { s2 = s2.addingProduct(d, RowVector(repeating: xr[2 &* step])) }
                    if K.count > 3 { s3 = s3.addingProduct(d, RowVector(repeating: xr[3 &* step])) }
                }
                if headSum != nil { sh = sh.addingProduct(yv, RowVector(repeating: upstream[r])) }
            }
            if let biasSum { lanes.store(sb, biasSum + c) }
            if let headSum { lanes.store(sh, headSum + c) }
            if let weightSum {
                lanes.store(s0, weightSum + c)
                if K.count > 1 { lanes.store(s1, weightSum + cols + c) }
                if K.count > 2 { lanes.store(s2, weightSum + 2 &* cols + c) }
                if K.count > 3 { lanes.store(s3, weightSum + 3 &* cols + c) }
            }
        }
        var c = 0
        while c < whole {
            block(c, AllLanes())
            c &+= 16
        }
        if c < cols { block(c, FirstLanes(count: cols &- c)) }
    }
}
