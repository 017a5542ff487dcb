// MARK: - Export: the network's inputs as raw values

extension Interpreter {
    /// `model` with `normalize` folded into its first layer, so an exported model takes raw values: for
    /// `z = (x − mean) / std`, `z·W + b = x·W′ + b′` with `W′ᵢⱼ = Wᵢⱼ / stdᵢ` and `b′ⱼ = bⱼ − Σᵢ meanᵢ/stdᵢ · Wᵢⱼ`
    /// (computed in Double, rounded once to Float). Unchanged without `normalize`.
    static func foldingScaling(_ scaling: InputScaling?, into model: ModelDescription) -> ModelDescription {
        guard let scaling, var first = model.layers.first, scaling.mean.count == first.inputs else { return model }
        let (inputs, outputs) = (first.inputs, first.outputs)
        var weight = [Float](repeating: 0, count: inputs * outputs)
        var bias = (first.bias ?? [Float](repeating: 0, count: outputs)).map(Double.init)
        for i in 0..<inputs {
            for j in 0..<outputs {
                let w = Double(first.weight[i * outputs + j])
                weight[i * outputs + j] = Float(w / scaling.std[i])
                bias[j] -= scaling.mean[i] / scaling.std[i] * w
            }
        }
        first.weight = weight
        first.bias = bias.map { Float($0) }
        var folded = model
        folded.layers[0] = first
        return folded
    }
}
