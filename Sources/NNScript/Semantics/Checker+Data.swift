/// `data` statements and the statements that must agree with the data's shape (inputs, outputs, classes).
extension Scope {
    /// `data EXPR [noise S] on [A, B] [samples N] [grid]` (or `[E1, E2]` and `on [A, B] x [C, D]`) with defaults
    /// filled in. The expressions may use `x1 … xk` (`x` is `x1`), one per range, and must use the last.
    mutating func data(_ syntax: DataSyntax) -> DataSpec? {
        let k = syntax.ranges.count
        let inputs = DataShape.variables(k) + (k == 1 ? ["x1"] : ["x"])
        var used = -1
        var functionIsValid = true
        for function in syntax.functions {
            for variable in function.variables {
                guard let index = ExprEvaluator.inputIndex(of: variable.name),
                      checker.environment.constants[variable.name] == nil else { continue }
                if index >= k {
                    report(.shapeMismatch(
                        "'\(variable.name)' is not an input: this data has \(k) input\(k == 1 ? "" : "s") ("
                            + DataShape.variables(k).joined(separator: ", ") + "), one per range",
                        at: variable.range, notes: ["give one range per input: on [A, B] x [C, D] …"]))
                    functionIsValid = false
                }
                used = max(used, index)
            }
            let valid = validate(function, input: nil, context: "data", inputs: inputs + inputNames(beyond: k))
                && withinExpansionLimit(function, "the data function")
            functionIsValid = functionIsValid && valid
        }
        if functionIsValid, k > 1, used < k - 1 {
            report(.shapeMismatch(
                "\(k) input ranges, but the expression\(syntax.functions.count == 1 ? " uses" : "s use") "
                    + (used < 0 ? "no input" : "only up to x\(used + 1)"),
                at: syntax.ranges[k - 1].range, notes: ["give one range per input x1 … xk the data uses"]))
            functionIsValid = false
        }
        if syntax.grid, k > 1 {
            report(.shapeMismatch("'grid' spaces the points of one input; this data has \(k)",
                                  at: syntax.ranges[1].range))
            functionIsValid = false
        }
        var noise = syntax.noise.map { number($0, "noise", .nonNegative) } ?? Defaults.noise
        if let value = noise, value > Limits.dataMagnitude, let expr = syntax.noise {
            report(.valueOutOfRange("noise", requirement: Limits.dataMagnitudeRequirement, value: value,
                                    at: expr.range))
            noise = nil
        }
        let intervals = syntax.ranges.map { interval($0) }
        let samples = syntax.samples.map { integer($0, "samples", in: Limits.samples) } ?? Defaults.dataSamples
        guard functionIsValid, let noise, intervals.allSatisfy({ $0 != nil }), let samples else { return nil }
        let spec = DataSpec(outputs: syntax.functions, environment: checker.environment, noise: noise,
                            intervals: intervals.map { $0! }, samples: samples, grid: syntax.grid)
        return agree(with: spec.shape, at: syntax.function.range) ? spec : nil
    }

    /// Input-looking names past `k` that the loop above already reported, so `validate` does not repeat them.
    private func inputNames(beyond k: Int) -> [String] { (k + 1...k + 64).map { "x\($0)" } }

    /// `data spiral classes 3 noise 0.1 samples 600` and the other built-in sets.
    mutating func dataSet(_ syntax: DataSetSyntax) -> CheckedStatement.Kind? {
        let name = syntax.name.name
        var classes: Int?
        if let expr = syntax.classes {
            guard name == "spiral" || name == "blobs" else {
                report(.shapeMismatch("'\(name)' has 2 classes; 'classes' is for spiral and blobs", at: expr.range))
                return nil
            }
            guard let count = integer(expr, "classes", in: ClassificationKind.classLimit) else { return nil }
            classes = count
        }
        let kind: ClassificationKind
        switch name {
        case "spiral": kind = .spiral(classes: classes ?? 2)
        case "blobs": kind = .blobs(classes: classes ?? 3)
        case "circles": kind = .circles
        case "xor": kind = .xor
        default: kind = .moons
        }
        let noise = syntax.noise.map { number($0, "noise", .nonNegative) }
        let samples = syntax.samples.map { integer($0, "samples", in: Limits.samples) } ?? Defaults.dataSamples
        guard noise != .some(nil), let samples else { return nil }
        guard samples >= 2 * kind.classes else {
            report(.valueOutOfRange("samples", requirement: "at least 2 per class (\(2 * kind.classes))",
                                    value: Double(samples), at: syntax.samples?.range ?? syntax.name.range))
            return nil
        }
        return agree(with: kind.shape, at: syntax.name.range)
            ? .dataSet(kind, noise: noise ?? nil, samples: samples) : nil
    }

    /// Records the data's shape (nil: a table's, known when read), checking it against an `output N` and a
    /// `loss` already given.
    mutating func agree(with shape: DataShape?, at range: SourceRange) -> Bool {
        checker.hasData = true
        checker.dataShape = shape
        guard let shape else { return true }
        if let size = checker.outputSize, size != shape.networkOutputs {
            report(.shapeMismatch(Scope.outputText(size, shape), at: range))
            return false
        }
        if let loss = checker.loss, let problem = Scope.lossProblem(loss, shape) {
            report(.shapeMismatch(problem, at: range))
            return false
        }
        return true
    }

    /// Why `output N` does not fit the data.
    static func outputText(_ size: Int, _ shape: DataShape) -> String {
        let what = shape.classes.map { "\($0.count) classes (one logit each)" }
            ?? "\(shape.outputNames.count) output\(shape.outputNames.count == 1 ? "" : "s")"
        return "'output \(size)' does not fit the data: it has \(what)"
    }

    /// Why `loss` does not fit the data's targets, nil when it does.
    static func lossProblem(_ loss: LossKind, _ shape: DataShape) -> String? {
        if loss == .crossEntropy, !shape.isClassification {
            return "'cross_entropy' needs class labels; this data's targets are numbers (use mse, l1, huber or sse)"
        }
        if loss != .crossEntropy, shape.isClassification {
            return "'\(loss.rawValue)' compares numbers; this data's targets are classes (use cross_entropy)"
        }
        return nil
    }

    /// Why `metric` has no value for data of `shape`, nil when it has.
    static func metricProblem(_ metric: Metric, _ shape: DataShape) -> String? {
        switch metric {
        // (A `where` binds to the last pattern only: one case per metric.)
        case .accuracy where !shape.isClassification, .holdoutAccuracy where !shape.isClassification:
            return "'\(metric.rawValue)' is for class targets; this data is a regression (use mse or r2)"
        case .mse, .r2, .holdoutMSE, .holdoutR2:
            return shape.isClassification
                ? "'\(metric.rawValue)' is for numeric targets; this data has classes (use accuracy or loss)" : nil
        case .extrema, .targetExtrema, .maxError:
            return shape.isScalar ? nil
                : "'\(metric.rawValue)' is a 1-D metric; this data has \(shape.inputCount) inputs and "
                    + "\(shape.networkOutputs) outputs (use mse, r2 or accuracy)"
        default:
            return nil
        }
    }

    /// `features E1, E2, …`: functions of the data's inputs. Their names are checked against the data's shape when
    /// the statement tells it; a table's columns are known only once it is read (the interpreter checks them then).
    mutating func features(_ expressions: [Expr]) -> FeatureSpec? {
        var valid = true
        for expression in expressions {
            var allowed = expression.variables.map(\.name)  // a table's names: checked when it is read
            if let shape = checker.dataShape {
                allowed = shape.inputNames + DataShape.variables(shape.inputCount) + ["x"]
                let spec = FeatureSpec(expressions: [expression], environment: checker.environment)
                if let unknown = spec.unknownVariable(inputNames: shape.inputNames),
                   checker.environment.constants[unknown.name] == nil {
                    report(Scope.unknownInput(unknown.name, shape.inputNames, at: unknown.range))
                    valid = false
                    continue
                }
            }
            valid = validate(expression, input: nil, context: "features", inputs: allowed)
                && withinExpansionLimit(expression, "a feature") && valid
        }
        guard valid, expressions.count <= Limits.inputSize.upperBound else { return nil }
        return FeatureSpec(expressions: expressions, environment: checker.environment)
    }

    /// A name in `features` that is not one of the data's inputs.
    static func unknownInput(_ name: String, _ inputs: [String], at range: SourceRange) -> Diagnostic {
        .unknownVariable(name, at: range, known: inputs + DataShape.variables(inputs.count))
    }

    /// A `predict` point's coordinates against the data's inputs.
    mutating func predictPoints(_ points: [[Expr]], range: SourceRange) -> [[Double]]? {
        var values: [[Double]] = []
        for point in points {
            let coordinates = point.map { constant($0, "a prediction point") }
            guard coordinates.allSatisfy({ $0 != nil }) else { return nil }
            values.append(coordinates.map { $0! })
        }
        let widths = Set(values.map(\.count))
        let expected = checker.dataShape?.inputCount ?? widths.first ?? 1
        if let bad = zip(points, values).first(where: { $0.1.count != expected }) {
            let first = bad.0.first?.range ?? range
            report(.shapeMismatch(
                "this point has \(bad.1.count) coordinate\(bad.1.count == 1 ? "" : "s"); the data has \(expected) "
                    + "input\(expected == 1 ? "" : "s")", at: first.extended(to: bad.0.last?.range ?? first),
                notes: [expected == 1 ? "write points as numbers: predict 0.5, 1"
                        : "write each point in parentheses: predict (" + Array(repeating: "0", count: expected)
                            .joined(separator: ", ") + ")"]))
            return nil
        }
        return values
    }
}

extension Expr {
    /// Every variable the expression names, with where (calls' arguments included).
    var variables: [(name: String, range: SourceRange)] {
        switch kind {
        case .number: return []
        case .variable(let name): return [(name, range)]
        case .negate(let operand): return operand.variables
        case .binary(_, let left, let right): return left.variables + right.variables
        case .call(_, _, let arguments): return arguments.flatMap(\.variables)
        }
    }
}
