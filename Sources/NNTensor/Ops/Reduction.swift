// MARK: - Reductions

/// A reduction of a matrix: to a scalar (`sum`, `mean`) or over rows to a `[1, cols]` row (`columnSum`).
public enum Reduction: Hashable, Sendable {
    case sum, mean, columnSum
}

extension Kernel {
    /// Sums in a fixed order, so the result does not depend on the thread count.
    func forwardReduce(_ reduction: Reduction) {
        switch reduction {
        case .sum: output.data[0] = fixedOrderSum(a.data, count: a.count)
        case .mean: output.data[0] = fixedOrderSum(a.data, count: a.count) / Float(a.count)
        case .columnSum: columnSum(a, into: output.data, scale: 1, accumulate: false)
        }
    }

    /// The upstream gradient broadcast back over the reduced elements (divided by the count for `mean`).
    func backwardReduce(_ reduction: Reduction) {
        guard let da = aGrad, let g = outputGrad else { return }
        let accumulate = accumulateA
        switch reduction {
        case .sum, .mean:
            let value = reduction == .mean ? g[0] / Float(a.count) : g[0]
            Chunking.forEach(count: a.count) { start, count in
                for i in start..<(start + count) { store(value, da, i, accumulate: accumulate) }
            }
        case .columnSum:
            let cols = a.shape.cols
            Chunking.forEachRows(rows: a.shape.rows, cols: cols) { firstRow, rowCount in
                for r in firstRow..<(firstRow + rowCount) {
                    for c in 0..<cols { store(g[c], da, r * cols + c, accumulate: accumulate) }
                }
            }
        }
    }
}
