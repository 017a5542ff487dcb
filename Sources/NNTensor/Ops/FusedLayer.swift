// MARK: - Fused dense layer

/// A dense layer compiled as one step (`LayerPlan`): `y = f(z + b)`, where `z` is stored by another step or formed
/// in the pass from a few input columns, with the single-column product `y·w` that follows formed on the way when
/// the layer has a head. Every pointer is resolved at compile time; running it allocates nothing.
struct LayerKernel {
    enum Input {
        /// `z`, `rows × cols`.
        case stored(UnsafePointer<Float>)
        case formed(FormedInput)
    }

    /// `z = x·W`: `x[r, p]` is `x[r · rowStride + p · columnStride]`, row `p` of `W` starts at `weights + p · cols`.
    struct FormedInput {
        var x: UnsafePointer<Float>
        var rowStride: Int
        var columnStride: Int
        var weights: UnsafePointer<Float>
        var inner: Int
    }

    struct Head {
        /// `w`, one value per column of the layer.
        var weight: UnsafePointer<Float>
        /// `y·w`, one value per row.
        var value: UnsafeMutablePointer<Float>
    }

    /// A gradient the backward sweep sums into: zeroed first unless another step already wrote it.
    struct Sum {
        var target: UnsafeMutablePointer<Float>
        var accumulate: Bool
    }

    struct Gradients {
        /// The gradient of `y` (`rows × cols`), or of the head (one per row).
        var upstream: UnsafePointer<Float>
        /// Where `dz` is formed: a stored input's gradient, or scratch (a chunk of rows when `transient`); nil when
        /// only the head's weight needs a gradient.
        var dz: UnsafeMutablePointer<Float>?
        var sweeps: Bool
        var transient: Bool
        var bias: Sum?
        /// Summed by the sweep; `weight` covers the formed input's `inner` rows.
        var weight: Sum?
        var headWeight: Sum?
        /// The head's weight gradient `yᵀ·G`, and the formed product's operand gradients from `dz`, when the sweep
        /// does not sum them: those products' own backward passes.
        var headProduct: Kernel?
        var product: Kernel?
    }

    var function: UnaryFunction
    var rows: Int
    var cols: Int
    var input: Input
    /// The bias row; a row of zeros for a layer without one (`x + 0` is `x`).
    var bias: UnsafePointer<Float>
    var output: UnsafeMutablePointer<Float>
    /// The pre-activation, kept when `f′` needs it.
    var saved: UnsafeMutablePointer<Float>?
    var head: Head?
    /// Nil when no gradient flows through the layer.
    var gradients: Gradients?

    /// Whether both passes run on the row kernels: a function that has them (its derivative comes from the output,
    /// so nothing is saved) and a width of whole vectors.
    var runsRowKernels: Bool { function.hasRowKernels && cols % 16 == 0 }

    // MARK: Forward

    /// `y = f(z + b)` a block of rows at a time, each block once through the cache. On the row kernels each row is
    /// done in registers, head included; otherwise the block's pre-activation is written (to `saved` when kept),
    /// `f` applied to it, then each row's head product taken while the row is in cache.
    func forward() {
        let rowKernels = runsRowKernels
        Chunking.forEachRows(rows: rows, cols: cols) { first, count in
            let range = first..<(first + count)
            if rowKernels {
                switch function {
                case .tanh: return rowPass(RowActivations.Tanh.self, range, into: output, head: head)
                case .sigmoid: return rowPass(RowActivations.Sigmoid.self, range, into: output, head: head)
                default: preconditionFailure("LayerKernel: \(function) has no row kernels")
                }
            }
            let target = saved ?? output, start = first * cols
            rowPass(RowActivations.Identity.self, range, into: target, head: nil)
            function.apply(target + start, output + start, count: count * cols)
            if let head {
                for r in range { head.value[r] = MatrixVector.dot(output + r * cols, head.weight, count: cols) }
            }
        }
    }

    /// `F(z + b)` for `rows`, with the input's form as a type.
    private func rowPass<F: RowActivation>(_: F.Type, _ rows: Range<Int>, into target: UnsafeMutablePointer<Float>,
                                           head: Head?) {
        switch input {
        case let .stored(z): rowPass(F.self, StoredRow(z: z, cols: cols), rows, into: target, head: head)
        case let .formed(formed):
            switch formed.inner {
            case 1: rowPass(F.self, FormedRow<FanIn1>(formed, cols: cols), rows, into: target, head: head)
            case 2: rowPass(F.self, FormedRow<FanIn2>(formed, cols: cols), rows, into: target, head: head)
            case 3: rowPass(F.self, FormedRow<FanIn3>(formed, cols: cols), rows, into: target, head: head)
            default: rowPass(F.self, FormedRow<FanIn4>(formed, cols: cols), rows, into: target, head: head)
            }
        }
    }

    /// … and whether there is a head, as a type.
    private func rowPass<F: RowActivation, I: RowInput>(_: F.Type, _ input: I, _ rows: Range<Int>,
                                                         into target: UnsafeMutablePointer<Float>, head: Head?) {
        if let head { rowPass(F.self, input, head, rows, into: target) } else {
            rowPass(F.self, input, NoHead(), rows, into: target)
        }
    }

    /// The one row loop: `target[r, :] = F(z[r, :] + b)`, and `head[r] = Σ_c target[r, c] · w[c]` accumulated in
    /// one vector as the row is formed. Offsets wrap rather than trap: every row and column is inside the buffers the
    /// plan sized, and a trap check per block costs as much as the loop's own control.
    private func rowPass<F: RowActivation, I: RowInput, H: RowHead>(_: F.Type, _ input: I, _ head: H,
                                                                    _ rows: Range<Int>,
                                                                    into target: UnsafeMutablePointer<Float>) {
        let cols = self.cols, bias = self.bias, whole = cols & ~15
        @inline(__always) func block<L: ColumnLanes>(_ input: I, _ c: Int, _ lanes: L, _ row: UnsafeMutablePointer<Float>,
                                               _ sum: inout RowVector) {
            let value = F.value(input.load(c, lanes) + lanes.load(bias + c))
            lanes.store(value, row + c)
            head.accumulate(&sum, value, column: c, lanes)
        }
        for r in rows {
            let input = input.row(r), row = target + r &* cols
            var sum = RowVector()
            var c = 0
            while c < whole {
                block(input, c, AllLanes(), row, &sum)
                c &+= 16
            }
            if c < cols { block(input, c, FirstLanes(count: cols &- c), row, &sum) }
            head.finish(sum, row: r)
        }
    }
}
