// MARK: - Fused dense layer, row by row

/// A dense layer's activation with a per-vector kernel for the value and for the derivative from the output, so
/// that the layer's whole forward pass (bias, activation, the single-output product that follows) and its whole
/// backward sweep run in registers, sixteen columns at a time, without intermediate buffers.
protocol RowActivation {
    static func value(_ x: SIMD16<Float>) -> SIMD16<Float>
    /// `f′` from the output, rounded exactly as `UnaryFunction.backward` does.
    static func derivative(output y: SIMD16<Float>) -> SIMD16<Float>
}

enum RowActivations {
    enum Tanh: RowActivation {
        @inline(__always) static func value(_ x: SIMD16<Float>) -> SIMD16<Float> { VectorMath.tanh(x) }
        @inline(__always) static func derivative(output y: SIMD16<Float>) -> SIMD16<Float> { 1 - y * y }
    }
    enum Sigmoid: RowActivation {
        @inline(__always) static func value(_ x: SIMD16<Float>) -> SIMD16<Float> { VectorMath.sigmoid(x) }
        @inline(__always) static func derivative(output y: SIMD16<Float>) -> SIMD16<Float> { y * (1 - y) }
    }
}

extension UnaryFunction {
    /// Whether this function has row kernels (`RowActivation`).
    var hasRowKernels: Bool {
        switch self {
        case .tanh, .sigmoid: return true
        default: return false
        }
    }
}

extension Kernel {
    typealias V = SIMD16<Float>

    @inline(__always) private func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
    @inline(__always) private func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Whether `forwardBiasActivation` and the backward sweep use the row kernels: a function that has them (its
    /// derivative comes from the output, so nothing is saved) and a width of whole vectors.
    func runsRowKernels(_ function: UnaryFunction) -> Bool { function.hasRowKernels && output.shape.cols % 16 == 0 }

    /// `forwardRows` specialised for `function` (a call through an existential would not be).
    func forwardRows(_ function: UnaryFunction, rows: Range<Int>) {
        switch function {
        case .tanh: forwardRows(RowActivations.Tanh.self, rows: rows)
        case .sigmoid: forwardRows(RowActivations.Sigmoid.self, rows: rows)
        default: preconditionFailure("forwardRows: \(function) has no row kernels")
        }
    }

    func backwardRows(_ function: UnaryFunction, dz: UnsafeMutablePointer<Float>?) {
        switch function {
        case .tanh: backwardRows(RowActivations.Tanh.self, dz: dz)
        case .sigmoid: backwardRows(RowActivations.Sigmoid.self, dz: dz)
        default: preconditionFailure("backwardRows: \(function) has no row kernels")
        }
    }

    /// Rows `rows` of `y = f(x ⊗ w + b)` (outer product) or `f(z + b)`, and the following single-output product
    /// `head[r] = y[r, :] · headRow` when there is one. Each value is rounded as the unfused kernels round it.
    func forwardRows<F: RowActivation>(_: F.Type, rows: Range<Int>) {
        let cols = output.shape.cols, bias = b.data, y = output.data
        let column = outerColumn, row = outerRow, z = a.data
        let head = headOutput, headRow = upstreamRow
        for r in rows {
            let yr = y + r * cols
            var sum = V()
            var c = 0
            if let column, let row {
                let xr = V(repeating: column[r])
                while c < cols {
                    let value = F.value(xr * load(row + c) + load(bias + c))
                    store(value, yr + c)
                    if let headRow { sum = sum.addingProduct(value, load(headRow + c)) }
                    c += 16
                }
            } else {
                let zr = z + r * cols
                while c < cols {
                    let value = F.value(load(zr + c) + load(bias + c))
                    store(value, yr + c)
                    if let headRow { sum = sum.addingProduct(value, load(headRow + c)) }
                    c += 16
                }
            }
            if let head { head[r] = MatrixVector.horizontalSum(sum) }
        }
    }

    /// The backward sweep with row kernels: for each block of 16 columns, over all rows in order,
    /// `d = g[r, :] · f′(y)` (or `(G[r] · w) · f′(y)` before a single output) accumulated into the bias, outer
    /// and head gradients (which the sweep has zeroed unless they accumulate), and stored to `dz` when a product
    /// below still needs it.
    func backwardRows<F: RowActivation>(_: F.Type, dz: UnsafeMutablePointer<Float>?) {
        let rows = output.shape.rows, cols = output.shape.cols, y = output.data
        let g = outputGrad, column = upstreamColumn, row = upstreamRow
        let bias = bGrad, outer = outerColumn != nil ? outerGrad : nil, x = outerColumn
        let head = column != nil ? headGrad : nil
        var c = 0
        while c < cols {
            var sb = bias.map { load($0 + c) } ?? V(), so = outer.map { load($0 + c) } ?? V()
            var sh = head.map { load($0 + c) } ?? V()
            let w = row.map { load($0 + c) } ?? V()
            for r in 0..<rows {
                let yv = load(y + r * cols + c)
                let upstream: V
                if let column {
                    upstream = V(repeating: column[r]) * w
                } else {
                    upstream = load(g! + r * cols + c)
                }
                let d = V().addingProduct(upstream, F.derivative(output: yv))
                if let dz { store(d, dz + r * cols + c) }
                if bias != nil { sb += d }
                if let x, outer != nil { so = so.addingProduct(d, V(repeating: x[r])) }
                if let column, head != nil { sh = sh.addingProduct(yv, V(repeating: column[r])) }
            }
            if let bias { store(sb, bias + c) }
            if let outer { store(so, outer + c) }
            if let head { store(sh, head + c) }
            c += 16
        }
    }
}
