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
        var reachable = [Bool](repeating: false, count: entries.count)
        reachable[loss.index] = true
        for index in entries.indices.reversed() where reachable[index] {
            for operand in entries[index].operation.operands { reachable[operand.index] = true }
        }
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

extension Graph {
    /// The graph's inputs with their names, in the order they were built.
    var inputNodes: [(name: String, node: Node)] {
        entries.indices.compactMap { index in
            guard case let .input(name) = entries[index].operation else { return nil }
            return (name, Node(index: index, shape: entries[index].shape, graphID: ObjectIdentifier(self)))
        }
    }

    /// The parameters of the graph, in the order they were first used.
    var parameterObjects: [Parameter] {
        entries.compactMap { entry in
            guard case let .parameter(p) = entry.operation else { return nil }
            return p
        }
    }

    /// The kind of loss `node` computes, nil when it is not a loss.
    func lossKind(_ node: Node) -> Loss? {
        guard owns(node), case let .loss(kind, _, _) = entries[node.index].operation else { return nil }
        return kind
    }
}
