// MARK: - Broadcasting arithmetic

/// `a ∘ b` elementwise, where either operand may be broadcast along a dimension of size 1
/// (a `[1, n]` bias row, an `[m, 1]` column or a `[1, 1]` scalar).
public enum BinaryOperator: Hashable, Sendable {
    case add, sub, mul, div
    /// The smaller / larger of the two; on a tie each side gets half the gradient, as in PyTorch.
    case minimum, maximum

    var name: String {
        switch self {
        case .add: return "add"
        case .sub: return "sub"
        case .mul: return "mul"
        case .div: return "div"
        case .minimum: return "minimum"
        case .maximum: return "maximum"
        }
    }

    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float {
        switch self {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return a / b
        case .minimum: return Swift.min(a, b)
        case .maximum: return Swift.max(a, b)
        }
    }
}

extension Kernel {
    // MARK: Forward

    /// `output = a ∘ b`, row blocks in fixed chunks.
    func forwardBinary(_ op: BinaryOperator) {
        let a = self.a, b = self.b, out = output
        let cols = out.shape.cols
        Chunking.forEachRows(rows: out.shape.rows, cols: cols) { firstRow, rowCount in
            for r in firstRow..<(firstRow + rowCount) {
                let ar = a.data + r * a.rowStride, br = b.data + r * b.rowStride, yr = out.data + r * cols
                // Four specialised loops so the common cases (same shape, bias row, scalar) vectorise.
                switch (a.colStride, b.colStride) {
                case (1, 1): for c in 0..<cols { yr[c] = op(ar[c], br[c]) }
                case (1, _): let bv = br[0]; for c in 0..<cols { yr[c] = op(ar[c], bv) }
                case (_, 1): let av = ar[0]; for c in 0..<cols { yr[c] = op(av, br[c]) }
                default: let v = op(ar[0], br[0]); for c in 0..<cols { yr[c] = v }
                }
            }
        }
    }

    // MARK: Backward

    /// The gradients of both operands. A broadcast operand's gradient is the upstream contribution summed over the
    /// broadcast dimensions; for `mul` and `div` that contribution is first formed in `scratch`.
    func backwardBinary(_ op: BinaryOperator) {
        guard let g = outputGrad else { return }
        let upstream = View(data: g, shape: output.shape)
        if let da = aGrad {
            operandGradient(op, first: true, upstream: upstream, into: da, accumulate: accumulateA)
        }
        if let db = bGrad {
            operandGradient(op, first: false, upstream: upstream, into: db, accumulate: accumulateB)
        }
    }

    private func operandGradient(_ op: BinaryOperator, first: Bool, upstream: View,
                                 into target: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let operand = first ? a : b
        let broadcast = operand.shape != output.shape
        if op == .add || op == .sub {
            let sign: Float = op == .sub && !first ? -1 : 1
            if broadcast {
                reduce(upstream, to: target, shape: operand.shape, scale: sign, accumulate: accumulate)
            } else {
                Chunking.forEach(count: upstream.count) { start, count in
                    for i in start..<(start + count) { store(sign * upstream.data[i], target, i, accumulate: accumulate) }
                }
            }
            return
        }
        // mul: d/da = g·b, d/db = g·a.  div: d/da = g/b, d/db = −g·y/b (y = a/b, saved by the forward pass).
        // minimum, maximum: g to the selected operand, half to each on a tie.
        let destination = broadcast ? scratch! : target
        let other = first ? b : a
        let denominator = b, y = output
        let cols = output.shape.cols
        let storeDirectly = !broadcast
        Chunking.forEachRows(rows: output.shape.rows, cols: cols) { firstRow, rowCount in
            for r in firstRow..<(firstRow + rowCount) {
                let gr = upstream.data + r * cols, dr = destination + r * cols
                let orow = other.data + r * other.rowStride, os = other.colStride
                let drow = denominator.data + r * denominator.rowStride, ds = denominator.colStride
                let yr = y.data + r * cols
                for c in 0..<cols {
                    let value: Float
                    switch (op, first) {
                    case (.div, true): value = gr[c] / drow[c * ds]
                    case (.div, false): value = -gr[c] * yr[c] / drow[c * ds]
                    case (.minimum, _), (.maximum, _):
                        let mine = (first ? a : b).data[r * operand.rowStride + c * operand.colStride]
                        let theirs = orow[c * os]
                        let wins = op == .maximum ? mine > theirs : mine < theirs
                        value = wins ? gr[c] : mine == theirs ? 0.5 * gr[c] : 0
                    default: value = gr[c] * orow[c * os]
                    }
                    if storeDirectly { store(value, dr, c, accumulate: accumulate) } else { dr[c] = value }
                }
            }
        }
        if broadcast {
            reduce(View(data: destination, shape: output.shape), to: target, shape: operand.shape, scale: 1,
                   accumulate: accumulate)
        }
    }
}
