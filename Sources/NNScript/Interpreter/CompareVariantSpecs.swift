import Foundation

// MARK: - Variants of a set-up

/// Turns `compare KIND ALT | ALT …` into one set-up per alternative, each named as a reader would say it.
enum CompareVariantSpecs {
    /// `base` with each alternative applied, in order, with its name (`sgd lr=4e-7`, `output tanh`, `batch 32`).
    static func apply(_ variants: CompareVariants, to base: SessionSpec) -> [(name: String, spec: SessionSpec)] {
        func each<T>(_ values: [T], name: (T) -> String, change: (inout SessionSpec, T) -> Void)
            -> [(name: String, spec: SessionSpec)]
        {
            values.map { value in
                var spec = base
                change(&spec, value)
                return (name(value), spec)
            }
        }
        switch variants {
        case .optimizer(let values):
            return each(values, name: optimizerName) { $0.optimizer = $1 }
        case .loss(let values):
            return each(values, name: lossName) { $0.loss = $1 }
        case .initScheme(let values):
            return each(values, name: { "init \($0.rawValue)" }) { $0.initScheme = $1 }
        case .schedule(let values):
            return each(values, name: \.recipeText) { $0.schedule = $1 }
        case .batch(let values):
            return each(values, name: { $0.map { "batch \($0)" } ?? "full batch" }) { $0.batch = $1 }
        case .output(let values):
            return each(values, name: { "output \($0.description)" }) { spec, activation in
                var output = spec.output ?? OutputSpec(size: nil, activation: activation)
                output.activation = activation
                spec.output = output
            }
        case .layers(let values):
            return each(values, name: { "layers \($0.description)" }) { spec, activation in
                spec.hidden.updateEach { $0.activation = activation }
            }
        }
    }

    // MARK: - Names

    /// `adam lr=0.01 beta1=0.8`: the kind, then the learning rate, then the other options alphabetically.
    static func optimizerName(_ optimizer: OptimizerSpec) -> String {
        let options = optimizer.options.sorted { a, b in
            a.key == .lr || (b.key != .lr && a.key.rawValue < b.key.rawValue)
        }
        return ([optimizer.kind.rawValue] + options.map { "\($0.key.rawValue)=\(NumberFormat.short($0.value))" })
            .joined(separator: " ")
    }

    static func lossName(_ loss: LossSpec) -> String {
        loss.delta.map { "\(loss.kind.rawValue) delta=\(NumberFormat.short($0))" } ?? loss.kind.rawValue
    }

}

extension ScheduleSpec {
    /// The schedule in the recipe's words (`cosine min_lr=0.001 warmup=100`): `compare` names and the `train` line.
    var recipeText: String {
        var name: String
        switch shape {
        case .constant: name = "constant"
        case .step(let every, let gamma): name = "step every=\(every) gamma=\(NumberFormat.short(gamma))"
        case .exponential(let gamma): name = "exponential gamma=\(NumberFormat.short(gamma))"
        case .cosine(let minLR): name = "cosine" + (minLR == 0 ? "" : " min_lr=\(NumberFormat.short(minLR))")
        }
        if warmup > 0 { name += " warmup=\(warmup)" }
        return name
    }
}
