// MARK: - Questions compile-time passes ask of a graph

extension Graph {
    /// Which nodes the roots depend on (the roots included).
    func reachable(from roots: [Node]) -> [Bool] {
        var reachable = [Bool](repeating: false, count: entries.count)
        for root in roots { reachable[root.index] = true }
        for index in entries.indices.reversed() where reachable[index] {
            for operand in entries[index].operation.operands { reachable[operand.index] = true }
        }
        return reachable
    }

    /// The graph's inputs with their names, in the order they were built.
    var inputNodes: [(name: String, node: Node)] {
        entries.indices.compactMap { index in
            guard case let .input(name) = entries[index].operation else { return nil }
            return (name, Node(index: index, shape: entries[index].shape, graphID: ObjectIdentifier(self)))
        }
    }

    /// The parameters `root` depends on, in the order they were first used (as `CompiledGraph.parameters`).
    func parameterObjects(reachableFrom root: Node) -> [Parameter] {
        let reachable = reachable(from: [root])
        return entries.indices.compactMap { index in
            guard reachable[index], case let .parameter(p) = entries[index].operation else { return nil }
            return p
        }
    }

    /// The kind of loss `node` computes, nil when it is not a loss.
    func lossKind(_ node: Node) -> Loss? {
        guard owns(node), case let .loss(kind, _, _) = entries[node.index].operation else { return nil }
        return kind
    }
}
