/// `sweep` lines and expectations over a sweep. They change nothing in a single run: the checker validates them and
/// collects them in `Checker.sweep`; Sweep/ turns them into trials (each the recipe with the values written in).
extension Scope {
    mutating func sweep(_ syntax: SweepSyntax, range: SourceRange) {
        guard !checker.allowsMetaCommands else { return report(.sweepInREPL(at: range)) }
        guard let target = sweepTarget(syntax) else { return }
        if let earlier = checker.sweep.axes.first(where: { $0.target == target }) {
            return report(.sweepAxisRepeated(target.description, first: earlier.range, at: syntax.axisRange))
        }
        var values: [SweepValue] = []
        for value in syntax.values {
            guard let resolved = sweepValues(value, target: target) else { continue }
            values.append(contentsOf: resolved)
        }
        guard !failed else { return }
        let total = Double(checker.sweep.trialCount) * Double(values.count)
        guard total <= Double(SweepDeclarations.trialLimit) else {
            return report(.sweepTooManyTrials(total, limit: SweepDeclarations.trialLimit, at: range))
        }
        checker.sweep.axes.append(SweepAxis(target: target, values: values, range: syntax.axisRange))
    }

    private mutating func sweepTarget(_ syntax: SweepSyntax) -> SweepTarget? {
        if let layer = syntax.layer, let property = syntax.property {
            let position = integer(layer, "layer position", in: 1...Limits.layerSize.upperBound)
            guard let target = position.flatMap({ SweepTarget.layer($0, property: property.name) }) else {
                if position != nil {
                    report(.unknownName(property.name, kind: "layer property", at: property.range,
                                        known: SweepTarget.layerProperties))
                }
                return nil
            }
            return target
        }
        guard syntax.name.name != Keyword.layer.rawValue, let target = SweepTarget(name: syntax.name.name) else {
            report(.unknownName(syntax.name.name, kind: "sweep axis", at: syntax.name.range,
                                known: SweepTarget.names))
            return nil
        }
        return target
    }

    /// The values one item stands for: one, or a run `A to B`.
    private mutating func sweepValues(_ value: SweepValueSyntax, target: SweepTarget) -> [SweepValue]? {
        let axis = target.description
        if let through = value.through {
            guard target.valueKind == .integer else {
                report(.sweepRangeNotWhole(axis, at: value.range))
                return nil
            }
            let low = integer(value.head, "a value of '\(axis)'", in: Limits.seed)
            let high = integer(through, "a value of '\(axis)'", in: Limits.seed)
            guard let low, let high else { return nil }
            guard low <= high else {
                report(.sweepRangeDescending(low: low, high: high, at: value.range))
                return nil
            }
            guard high - low < SweepDeclarations.trialLimit else {
                report(.sweepTooManyTrials(Double(high - low) + 1, limit: SweepDeclarations.trialLimit,
                                           at: value.range))
                return nil
            }
            return (low...high).map { SweepValue(label: "\($0)", text: "\($0)", number: Double($0), origin: value.range) }
        }
        if !value.options.isEmpty, !target.takesOptions {
            report(.sweepValueOptions(axis, at: value.range))
            return nil
        }
        let label = Formatter.text(of: value)
        switch target.valueKind {
        case .integer, .number:
            // Evaluated here (a `let` name means what it means at this line); the statement it lands in checks it.
            guard let number = constant(value.head, "a value of '\(axis)'") else { return nil }
            return [SweepValue(label: label, text: SweepValue.text(of: number), number: number, origin: value.range)]
        case .name:
            var number: Double?
            if case .number(let literal, _) = value.head.kind { number = literal }
            return [SweepValue(label: label, text: label, number: number, origin: value.range)]
        }
    }

    /// `expect STATISTIC METRIC OP VALUE`.
    mutating func sweepExpectation(_ statistic: Identifier, _ metric: Identifier, _ comparison: ComparisonSyntax,
                                   _ value: Expr, statement: Statement) {
        guard !checker.allowsMetaCommands else { return report(.sweepInREPL(at: statement.range)) }
        let resolved = name(statistic, SweepStatistic.self, kind: "statistic")
        guard let expectation = expectation(metric, comparison, value), let resolved else { return }
        checker.sweep.expectations.append(SweepExpectation(
            statistic: resolved, expectation: expectation, text: Formatter.text(of: statement),
            range: statement.range))
    }
}

extension Checker {
    /// Counts what sweep axes may address; called for every statement of a recipe.
    mutating func noteSweepTargets(_ statement: Statement) {
        switch statement.kind {
        case .layer: sweep.layerStatements += 1
        case .train: sweep.trainStatements += 1
        case .data: sweep.functionData += 1
        case .dataCSV: sweep.csvData += 1
        default: break
        }
    }

    /// Once the whole recipe is read: every axis must have a statement to set.
    func sweepTargetProblems() -> [Diagnostic] {
        sweep.axes.compactMap { axis in
            sweep.missingTarget(axis.target).map { Diagnostic.sweepTargetMissing(axis.target.description, reason: $0, at: axis.range) }
        }
    }
}

extension SweepDeclarations {
    /// Why `target` has no statement to set in the recipe, or nil when it has one (or one can be added).
    public func missingTarget(_ target: SweepTarget) -> String? {
        switch target {
        case .train where trainStatements == 0:
            return "the recipe has no 'train' statement"
        case .samples, .noise:
            if functionData > 0 { return nil }
            return csvData > 0 ? "the recipe's data comes from a CSV file" : "the recipe has no 'data' statement"
        case .layerSize(let k), .layerActivation(let k):
            guard k > layerStatements else { return nil }
            return "the recipe has \(layerStatements) 'layer' statement\(layerStatements == 1 ? "" : "s")"
        default:
            return nil
        }
    }
}
