/// What a sweep axis or a `--set NAME=VALUE` names: one setting of the recipe. The same names serve both, so any
/// trial of a sweep can be run alone with `nnscript run FILE --set …`.
///
/// A setting addresses every statement of its kind (`lr` sets the `lr=` of every `optimizer` line); a set-up
/// setting the recipe leaves out is added before its first `train` (`seed` before its first statement).
public enum SweepTarget: Hashable, Sendable, Comparable {
    case seed, samples, noise, batch, train
    /// Whole statements, written as the statement without its keyword: `adam lr=1e-2`, `cosine min_lr=1e-3`.
    case loss, optimizer, schedule, initScheme
    /// An option of the `optimizer` statement.
    case optimizerOption(OptimizerOption)
    /// An option of the `schedule` statement: `every`, `gamma`, `min_lr`, `warmup`.
    case scheduleOption(String)
    /// huber's `delta`.
    case lossDelta
    /// The K-th `layer` statement's size or activation (K from 1).
    case layerSize(Int)
    case layerActivation(Int)

    /// Every name a sweep or `--set` accepts, as written (layers: `layer K size`, `layer K activation`).
    public static let names: [String] = ["seed", "samples", "noise", "batch", "train", "loss", "optimizer",
                                         "schedule", "init"] + OptimizerOption.allCases.map(\.rawValue)
        + scheduleOptions + ["delta", "layer"]

    static let scheduleOptions = ["every", "gamma", "min_lr", "warmup"]

    /// The target a plain name means (`layer` needs its position and property: see `layer(_:property:)`).
    public init?(name: String) {
        switch name {
        case "seed": self = .seed
        case "samples": self = .samples
        case "noise": self = .noise
        case "batch": self = .batch
        case "train": self = .train
        case "loss": self = .loss
        case "optimizer": self = .optimizer
        case "schedule": self = .schedule
        case "init": self = .initScheme
        case "delta": self = .lossDelta
        default:
            if let option = OptimizerOption(rawValue: name) {
                self = .optimizerOption(option)
            } else if Self.scheduleOptions.contains(name) {
                self = .scheduleOption(name)
            } else {
                return nil
            }
        }
    }

    /// The properties of a layer a sweep can vary.
    public static let layerProperties = ["size", "activation"]

    /// `layer K size` / `layer K activation`.
    public static func layer(_ position: Int, property: String) -> SweepTarget? {
        switch property {
        case "size": return .layerSize(position)
        case "activation": return .layerActivation(position)
        default: return nil
        }
    }

    /// How the recipe writes it in a `sweep` line: `lr`, `layer 2 size`.
    public var description: String {
        switch self {
        case .seed: return "seed"
        case .samples: return "samples"
        case .noise: return "noise"
        case .batch: return "batch"
        case .train: return "train"
        case .loss: return "loss"
        case .optimizer: return "optimizer"
        case .schedule: return "schedule"
        case .initScheme: return "init"
        case .optimizerOption(let option): return option.rawValue
        case .scheduleOption(let name): return name
        case .lossDelta: return "delta"
        case .layerSize(let k): return "layer \(k) size"
        case .layerActivation(let k): return "layer \(k) activation"
        }
    }

    /// How `--set` and `--list` write it: `lr`, `layer.2.size` (no spaces, so it is one shell word).
    public var setName: String { description.replacingOccurrences(of: " ", with: ".") }

    /// What kind of value it takes.
    public enum ValueKind: Sendable {
        /// A whole number (`A to B` allowed).
        case integer
        /// Any number.
        case number
        /// A name or a name with options, spelled as its statement spells it.
        case name
    }

    public var valueKind: ValueKind {
        switch self {
        case .seed, .samples, .train, .layerSize: return .integer
        case .scheduleOption(let name) where name == "every" || name == "warmup": return .integer
        case .noise, .optimizerOption, .scheduleOption, .lossDelta: return .number
        case .batch, .loss, .optimizer, .schedule, .initScheme, .layerActivation: return .name
        }
    }

    /// Whether a value may carry options (`adam lr=1e-2`): the whole-statement targets.
    public var takesOptions: Bool {
        switch self {
        case .loss, .optimizer, .schedule: return true
        default: return false
        }
    }

    /// Edits are applied in this order, so a whole `optimizer` is replaced before its `lr` is set in it.
    var phase: Int {
        switch self {
        case .loss, .optimizer, .schedule, .initScheme, .batch: return 0
        default: return 1
        }
    }

    public static func < (a: SweepTarget, b: SweepTarget) -> Bool {
        (a.phase, a.description) < (b.phase, b.description)
    }
}

/// The statistics an expectation over a sweep can take of a metric: `expect median mse < 3e-4`.
public enum SweepStatistic: String, CaseIterable, Sendable, Hashable {
    /// Every trial must satisfy the comparison on its own.
    case all
    case mean, median, min, max
    /// The sample standard deviation (n − 1).
    case std
}
