import Foundation

// MARK: - From raw inputs to the network's inputs

/// `features E1, E2, …`: the network's inputs as expressions of the raw ones (the data's `x1 … xk`, or a table's
/// column names), with the constants and custom functions they may call as they were when the statement was checked.
public struct FeatureSpec: Hashable, Sendable {
    /// One expression per network input, as written (their ranges locate errors found once a table is read).
    public var expressions: [Expr]
    public var environment: ExprEnvironment

    public init(expressions: [Expr], environment: ExprEnvironment) {
        self.expressions = expressions
        self.environment = environment
    }

    /// The expressions' canonical texts: how a checkpoint, an export and the report name the network's inputs.
    public var texts: [String] { expressions.map { Formatter.text(of: $0) } }

    /// The first variable that is neither one of `inputNames`, nor `x1 … xk` (`x` is `x1`) for the k inputs, nor
    /// a constant; nil when every name is known.
    public func unknownVariable(inputNames: [String]) -> (name: String, range: SourceRange)? {
        for expression in expressions {
            for variable in expression.variables where !inputNames.contains(variable.name) {
                if let index = ExprEvaluator.inputIndex(of: variable.name), index < inputNames.count { continue }
                if environment.constants[variable.name] != nil || ExprConstants.values[variable.name] != nil {
                    continue
                }
                return variable
            }
        }
        return nil
    }

    /// The expressions with every input named by a column written as its position `x1 … xk`, so they evaluate at
    /// a point like the data's own expressions.
    func positional(inputNames: [String]) -> [Expr] {
        var positions: [String: String] = [:]
        for (index, name) in inputNames.enumerated() where positions[name] == nil { positions[name] = "x\(index + 1)" }
        return expressions.map { $0.renamingVariables(positions) }
    }
}

/// `normalize`: per network input, the training rows' mean and standard deviation (population, like
/// scikit-learn's StandardScaler); an input whose rows are all equal is scaled by 1.
public struct InputScaling: Hashable, Sendable {
    public var mean: [Double]
    public var std: [Double]

    public init(mean: [Double], std: [Double]) {
        self.mean = mean
        self.std = std
    }

    /// The statistics of `rows` (row-major, `width` values a row), and the inputs whose spread was 0.
    public static func fit(_ rows: [Float], width: Int) -> (scaling: InputScaling, constant: [Int]) {
        let count = rows.count / max(width, 1)
        var mean = [Double](repeating: 0, count: width), squares = [Double](repeating: 0, count: width)
        for row in 0..<count {
            for j in 0..<width { mean[j] += Double(rows[row * width + j]) }
        }
        for j in 0..<width { mean[j] /= Double(max(count, 1)) }
        for row in 0..<count {
            for j in 0..<width {
                let d = Double(rows[row * width + j]) - mean[j]
                squares[j] += d * d
            }
        }
        var std = squares.map { ($0 / Double(max(count, 1))).squareRoot() }
        var constant: [Int] = []
        for j in 0..<width where !(std[j] > 0) || !std[j].isFinite {
            std[j] = 1
            constant.append(j)
        }
        return (InputScaling(mean: mean, std: std), constant)
    }
}

/// How a row of raw inputs becomes the network's: the features (if any), then the scaling (if any). One value is
/// applied to the training rows, the holdout, `predict`, `predict csv` and the report, so they cannot disagree.
public struct InputPipeline: Hashable, Sendable {
    /// The raw inputs' names (the data's shape).
    public var rawNames: [String]
    public var features: FeatureSpec?
    public var scaling: InputScaling?

    public init(rawNames: [String], features: FeatureSpec?, scaling: InputScaling?) {
        self.rawNames = rawNames
        self.features = features
        self.scaling = scaling
    }

    /// Raw inputs pass to the network unchanged.
    public var isIdentity: Bool { features == nil && scaling == nil }
    /// The network's input width.
    public var width: Int { features?.expressions.count ?? rawNames.count }

    /// The network's inputs for `rows` raw rows, row-major (the features without the scaling when `scaled` is
    /// false: what `InputScaling.fit` is computed from).
    public func apply(_ raw: [Double], rows: Int, scaled: Bool = true) -> [Double] {
        let k = rawNames.count, width = self.width
        var out: [Double]
        if let features {
            let positional = features.positional(inputNames: rawNames)
            out = [Double](repeating: 0, count: rows * width)
            var point = [Double](repeating: 0, count: k)
            for row in 0..<rows {
                for j in 0..<k { point[j] = raw[row * k + j] }
                for (j, expression) in positional.enumerated() {
                    // Rounded to Float32 as the training rows are, so every row goes through the same steps.
                    out[row * width + j] = Double(Float(ExprEvaluator.evaluate(expression, inputs: point,
                                                                               environment: features.environment)))
                }
            }
        } else {
            out = raw
        }
        guard scaled, let scaling else { return out }
        for row in 0..<rows {
            for j in 0..<width { out[row * width + j] = (out[row * width + j] - scaling.mean[j]) / scaling.std[j] }
        }
        return out
    }
}

extension Expr {
    /// The expression with variables renamed by `names` (others kept).
    func renamingVariables(_ names: [String: String]) -> Expr {
        switch kind {
        case .number: return self
        case .variable(let name): return Expr(.variable(names[name] ?? name), range: range)
        case .negate(let operand): return Expr(.negate(operand.renamingVariables(names)), range: range)
        case .binary(let op, let left, let right):
            return Expr(.binary(op, left.renamingVariables(names), right.renamingVariables(names)), range: range)
        case .call(let name, let nameRange, let arguments):
            return Expr(.call(name, nameRange: nameRange, arguments: arguments.map { $0.renamingVariables(names) }),
                        range: range)
        }
    }
}
