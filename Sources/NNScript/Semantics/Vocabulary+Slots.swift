// MARK: - The words of each grammar slot

/// Which built-in words fill each place the grammar declares (`GrammarSlot`): the same lists the checker resolves
/// names against, so completion offers exactly what would check. The session's own names (custom activations,
/// `let` constants) are added by `Completer`.
extension Vocabulary {
    /// The built-in names of a list.
    public static func names(_ kind: NameKind) -> [String] {
        switch kind {
        case .activation: return activations.map(\.name)
        case .optimizer: return optimizers.map(\.name)
        case .loss: return losses.map(\.name)
        case .schedule: return schedules.map(\.name)
        case .initScheme: return initSchemes
        case .metric: return metrics
        case .trainUnit: return trainUnits
        case .plotKind: return plotKinds
        case .exportFormat: return exportFormats
        case .compareKind: return compareKinds
        case .dataSet: return dataSets
        case .sweepAxis: return SweepTarget.names
        case .layerProperty: return SweepTarget.layerProperties
        case .statistic: return SweepStatistic.allCases.map(\.rawValue)
        }
    }

    /// The option keys `owner` accepts; for a name not (yet) known, every key its list accepts.
    public static func optionKeys(of owner: OptionOwner) -> [String] {
        switch owner {
        case .layer:
            return layerOptions
        case .named(let kind, let name):
            let list: [(name: String, options: [String])]
            switch kind {
            case .optimizer: list = optimizers
            case .loss: list = losses
            case .schedule: list = schedules
            default: return []
            }
            return list.first { $0.name == name }?.options ?? Array(Set(list.flatMap(\.options))).sorted()
        case .alternative(let compare, let head):
            // Only optimizers, losses and schedules have options; other alternatives get none.
            return alternativeNames(of: compare).map { optionKeys(of: .named($0, head)) } ?? []
        case .sweepValue(let axis, let head):
            // Only whole-statement axes (`optimizer`, `loss`, `schedule`) take options.
            return sweepValueNames(of: axis).map { optionKeys(of: .named($0, head)) } ?? []
        }
    }

    /// The words an option's value is chosen from when it is a name (`init=he`, `bias=false`); nil for a number.
    public static func optionValues(of owner: OptionOwner, key: String) -> [String]? {
        guard owner == .layer else { return nil }
        switch key {
        case "init": return initSchemes
        case "bias": return BooleanWord.allCases.map(\.rawValue)
        default: return nil
        }
    }

    /// The list an alternative of `compare KIND` names (`compare optimizer sgd | adam`: optimizers), nil when its
    /// alternatives are numbers (`batch`) or the kind is unknown.
    public static func alternativeNames(of compare: String) -> NameKind? {
        switch CompareKind(rawValue: compare) {
        case .optimizer: return .optimizer
        case .loss: return .loss
        case .schedule: return .schedule
        case .`init`: return .initScheme
        case .output, .layers: return .activation
        case .batch, nil: return nil
        }
    }

    /// The list a value of the sweep axis written as `axis` names (`sweep optimizer adam, sgd`: optimizers); nil
    /// when its values are numbers. A layer's axis is written as its property (`activation`).
    public static func sweepValueNames(of axis: String) -> NameKind? {
        switch axis {
        case "optimizer": return .optimizer
        case "loss": return .loss
        case "schedule": return .schedule
        case "init": return .initScheme
        case "activation": return .activation
        default: return nil
        }
    }
}
