// MARK: - What the data's rows hold

/// The shape of a session's data: its inputs, its outputs, and whether the outputs are classes. The one place the
/// data's shape lives: the network's input and output widths, the loss's target columns, the report's names and
/// the checkpoint's signature are all read from it.
public struct DataShape: Hashable, Sendable {
    /// One name per input column: `x` for one input, `x1 … xk` for generated data, the header's names for a CSV.
    public var inputNames: [String]
    /// One name per regression target (`y`, `y1 … ym`, the target columns), or the one class-label column's name.
    public var outputNames: [String]
    /// The class names, in label order (label `i` is `classes[i]`); nil for regression.
    public var classes: [String]?

    public init(inputNames: [String], outputNames: [String], classes: [String]? = nil) {
        self.inputNames = inputNames
        self.outputNames = outputNames
        self.classes = classes
    }

    /// One input, one numeric output: the 1-D case every report and plot of a function of `x` is made for.
    public static let scalar = DataShape(inputNames: ["x"], outputNames: ["y"])

    /// The inputs of generated data of `count` variables: `x` alone, or `x1 … xk`.
    public static func variables(_ count: Int) -> [String] {
        count == 1 ? ["x"] : (1...max(count, 1)).map { "x\($0)" }
    }

    /// The outputs of generated data of `count` expressions: `y` alone, or `y1 … ym`.
    public static func outputs(_ count: Int) -> [String] {
        count == 1 ? ["y"] : (1...max(count, 1)).map { "y\($0)" }
    }

    /// k: the network's input width.
    public var inputCount: Int { inputNames.count }
    /// Whether the targets are class labels.
    public var isClassification: Bool { classes != nil }
    /// The target values per row: one label for classes, else one per output.
    public var targetColumns: Int { classes == nil ? outputNames.count : 1 }
    /// m: the network's output width (one logit per class for classes).
    public var networkOutputs: Int { classes?.count ?? outputNames.count }
    /// One input and one numeric output: the 1-D reports, plots and metrics apply.
    public var isScalar: Bool { inputNames.count == 1 && outputNames.count == 1 && classes == nil }

    /// How the run header and `:show` name the inputs and outputs: `inputs x1, x2 → classes 0, 1, 2`.
    public var summary: String {
        let inputs = "input\(inputCount == 1 ? "" : "s") " + inputNames.joined(separator: ", ")
        if let classes {
            return inputs + " → \(classes.count) classes " + DataShape.list(classes)
        }
        return inputs + " → output\(outputNames.count == 1 ? "" : "s") " + outputNames.joined(separator: ", ")
    }

    /// At most eight names, then how many more.
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(8).joined(separator: ", ")
        return names.count > 8 ? shown + ", … (\(names.count - 8) more)" : shown
    }
}
