// MARK: - Row separability

/// Whether a loss over a batch is a sum of per-block losses: every row of every batch-sized value depends only on
/// the same row of the inputs, and only the loss itself reduces over rows. Then `TrainingStep` may compute the
/// batch's loss and gradients a block of rows at a time.
enum RowSeparability {
    static func holds(_ graph: Graph, loss: Node) -> Bool {
        guard graph.owns(loss), case let .loss(_, prediction, target) = graph.entries[loss.index].operation else {
            return false
        }
        let entries = graph.entries
        let rows = prediction.shape.rows
        let reachable = graph.reachable(from: [loss])
        // A value is batch-indexed when it depends on an input; its first dimension is then the batch.
        var batched = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() where reachable[index] {
            switch entry.operation {
            case .input:
                batched[index] = true
            case .parameter, .constant:
                break
            case let .matmul(a, b, transposeA, _):
                // Rows of `a · W` come from the same rows of `a`; a transposed or right-hand batch operand mixes them.
                if batched[b.index] || (batched[a.index] && transposeA) { return false }
                batched[index] = batched[a.index]
            case let .binary(_, a, b):
                // The other side of a batch-indexed operand must be broadcast over rows (a bias row or a scalar).
                for (x, y) in [(a, b), (b, a)] where batched[x.index] && !batched[y.index] && y.shape.rows != 1 {
                    return false
                }
                batched[index] = batched[a.index] || batched[b.index]
            case let .unary(_, x):
                batched[index] = batched[x.index]
            case let .reduce(_, x):
                if batched[x.index] { return false }
            case .loss:
                if index != loss.index { return false }
            }
            if batched[index], entry.shape.rows != rows { return false }
        }
        return batched[prediction.index] && batched[target.index]
    }
}
