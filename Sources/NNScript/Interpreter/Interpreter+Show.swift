import NNTensor

// MARK: - What the REPL shows

extension Interpreter {
    /// `:show`: the model as the set-up describes it, layer by layer with shapes and parameter counts, then the
    /// training configuration, the data, the iterations trained and the weights' SHA-256.
    func showText() -> String {
        let architecture = architecture(of: spec)
        var lines = [RunText.model(ModelOverview(
            inputs: architecture.inputs,
            layers: architecture.layers.map { LayerOverview(units: $0.outputs, activation: $0.activation.description) },
            parameters: architecture.parameterCount))]
        for (index, layer) in architecture.layers.enumerated() {
            let name = index == architecture.layers.count - 1 ? "output" : "layer \(index + 1)"
            let count = layer.inputs * layer.outputs + (layer.bias ? layer.outputs : 0)
            let shape = "\(layer.inputs) → \(layer.outputs)"
            lines.append("  " + name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + shape.padding(toLength: 12, withPad: " ", startingAt: 0)
                + layer.activation.description.padding(toLength: 12, withPad: " ", startingAt: 0)
                + "\(count) parameter\(count == 1 ? "" : "s")" + (layer.bias ? "" : " (no bias)"))
        }
        var batch = spec.batch
        let dataSet = currentData
        if let size = batch, let dataSet, size >= dataSet.count { batch = nil }  // as training counts it
        lines.append(RunText.train(trainDescription(batchSize: batch)))
        if let dataSet {
            lines.append(RunText.data(dataSet.description))
            if !dataSet.shape.isScalar { lines.append(RunText.labelled("columns", dataSet.shape.summary)) }
        } else {
            lines.append(RunText.labelled("data", spec.data == nil ? "none yet" : "made at the next train"))
            // Generated data's shape is known before its rows are: name the inputs and classes already.
            if let declared = spec.data?.declaredShape, !declared.isScalar {
                lines.append(RunText.labelled("columns", declared.summary))
            }
        }
        let (iterations, network) = (training.position.iterations, training.network)
        var trained = "\(iterations) iteration\(iterations == 1 ? "" : "s")"
        if let loss = training.position.losses.last { trained += " · loss \(NumberFormat.short(loss))" }
        lines.append(RunText.labelled("trained", trained))
        if network.isEmpty {
            lines.append(RunText.labelled("weights", "not made yet (made at the next train)"))
        } else {
            var text = "sha256:\(network.weightsSHA256)"
            if network.architecture != architecture { text += " (the edits since apply at the next train)" }
            lines.append(RunText.labelled("weights", text))
        }
        return lines.joined(separator: "\n")
    }

    /// `:help [topic]`: the statements, or one statement or list of names.
    func helpText(topic: String?) -> String {
        StatementHelp.text(topic: topic)
    }
}
