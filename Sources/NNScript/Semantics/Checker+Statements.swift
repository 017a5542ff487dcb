/// Dispatch over statement forms.
extension Checker {
    mutating func resolve(_ statement: Statement, scope: inout Scope) -> CheckedStatement.Kind? {
        let result = resolveKind(statement, scope: &scope)
        self = scope.checker
        return scope.failed ? nil : result
    }

    private func resolveKind(_ statement: Statement, scope: inout Scope) -> CheckedStatement.Kind? {
        let range = statement.range
        switch statement.kind {
        case .seed(let expr):
            return scope.integer(expr, "seed", in: Limits.seed).map { .seed(UInt64($0)) }

        case .data(let syntax):
            scope.checker.hasData = true
            scope.checker.dataShape = nil
            return scope.data(syntax).map { .data($0) }

        case .dataSet(let syntax):
            scope.checker.hasData = true
            scope.checker.dataShape = nil
            return scope.dataSet(syntax)

        case .dataCSV(let path, let targets):
            _ = scope.agree(with: nil, at: path.range)
            return .dataCSV(path: path.value, targets: targets)

        case .holdout(let ranges, let samples):
            if let shape = scope.checker.dataShape, shape.inputCount != ranges.count || shape.isClassification {
                let what = shape.isClassification ? "a built-in set's classes are not a function of ranges"
                    : "this data has \(shape.inputCount) input\(shape.inputCount == 1 ? "" : "s")"
                scope.report(.shapeMismatch("'holdout on' takes one range per input; " + what,
                                            at: ranges[0].range.extended(to: ranges[ranges.count - 1].range)))
            }
            let resolved = ranges.map { scope.interval($0) }
            let count = samples.map { scope.integer($0, "samples", in: Limits.samples) } ?? Defaults.holdoutSamples
            guard resolved.allSatisfy({ $0 != nil }), let count else { return nil }
            return .holdout(resolved.map { $0! }, samples: count)

        case .holdoutCSV(let path):
            return .holdoutCSV(path: path.value)

        case .normalize:
            return .normalize

        case .features(let expressions):
            return scope.features(expressions).map { .features($0) }

        case .letBinding(let name, let value):
            return scope.letBinding(name, value)

        case .input(let expr):
            return scope.integer(expr, "input size", in: Limits.inputSize).map { .input($0) }

        case .layer(let syntax):
            scope.checker.hiddenLayerCount += 1
            guard scope.withinLayerCap(at: range) else { return nil }
            return scope.layer(syntax).map { .layer($0) }

        case .output(let syntax):
            scope.checker.hasOutput = true
            let output = scope.output(syntax)
            scope.checker.outputSize = output?.size
            if let size = output?.size, let shape = scope.checker.dataShape, size != shape.networkOutputs {
                scope.report(.shapeMismatch(Scope.outputText(size, shape), at: syntax.size?.range ?? range))
                return nil
            }
            return output.map { .output($0) }

        case .activationDefinition(let name, let parameter, let body):
            return scope.activationDefinition(name, parameter, body)

        case .insertLayer(let index, let syntax):
            let count = scope.checker.hiddenLayerCount
            let position = scope.layerIndex(index, count: count, allowed: 1...(count + 1))
            let layer = scope.layer(syntax)
            if position != nil { scope.checker.hiddenLayerCount += 1 }
            guard let position, let layer, scope.withinLayerCap(at: range) else { return nil }
            return .insertLayer(index: position, layer: layer)

        case .removeLayer(let index):
            let count = scope.checker.hiddenLayerCount
            let position = scope.layerIndex(index, count: count, allowed: count > 0 ? 1...count : nil)
            guard let position else { return nil }
            scope.checker.hiddenLayerCount -= 1
            return .removeLayer(index: position)

        case .replaceLayer(let index, let syntax):
            let count = scope.checker.hiddenLayerCount
            let position = scope.layerIndex(index, count: count, allowed: count > 0 ? 1...count : nil)
            let layer = scope.layer(syntax)
            guard let position, let layer else { return nil }
            return .replaceLayer(index: position, layer: layer)

        case .loss(let syntax):
            let loss = scope.loss(syntax.name, syntax.options)
            scope.checker.loss = loss?.kind
            if let kind = loss?.kind, let shape = scope.checker.dataShape,
               let problem = Scope.lossProblem(kind, shape) {
                scope.report(.shapeMismatch(problem, at: syntax.name.range))
                return nil
            }
            return loss.map { .loss($0) }

        case .optimizer(let syntax):
            return scope.optimizer(syntax.name, syntax.options).map { .optimizer($0) }

        case .schedule(let syntax):
            return scope.schedule(syntax.name, syntax.options).map { .schedule($0) }

        case .initScheme(let name):
            return scope.name(name, InitScheme.self, kind: "init scheme").map { .initScheme($0) }

        case .batch(let size):
            guard let size else { return .batch(nil) }
            return scope.integer(size, "batch size", in: Limits.batchSize).map { .batch($0) }

        case .train(let count, let unit):
            scope.requireData(for: "train", at: range)
            let iterations = scope.integer(count, "training length", in: Limits.trainCount)
            let resolvedUnit = unit.map { scope.name($0, TrainUnit.self, kind: "training unit") } ?? .iterations
            guard let iterations, let resolvedUnit else { return nil }
            return .train(count: iterations, unit: resolvedUnit)

        case .report:
            scope.requireData(for: "report", at: range)
            return .report

        case .plot(let kind, let file):
            let resolved = kind.map { scope.name($0, PlotKind.self, kind: "plot") } ?? .fit
            if resolved == .fit { scope.requireData(for: "plot fit", at: range) }
            return resolved.map { .plot($0, file: file?.value) }

        case .expect(let statistic?, let metric, let comparison, let value):
            scope.sweepExpectation(statistic, metric, comparison, value, statement: statement)
            return nil

        case .expect(.none, let metric, let comparison, let value):
            return scope.expectation(metric, comparison, value).map { .expect($0) }

        case .predict(let points):
            return scope.predictPoints(points, range: range).map { .predict($0) }

        case .predictCSV(let input, let output):
            scope.requireData(for: "predict csv", at: range)
            return .predictCSV(input: input.value, output: output.value)

        case .predictRange(let interval, let samples, let file):
            let resolved = scope.interval(interval)
            let count = samples.map { scope.integer($0, "samples", in: Limits.predictPoints) }
                ?? Defaults.predictSamples
            guard let resolved, let count else { return nil }
            return .predictRange(resolved, samples: count, file: file?.value)

        case .save(let path):
            return .save(path: path.value)

        case .load(let path):
            return .load(path: path.value)

        case .export(let format, let path):
            return scope.name(format, ExportFormat.self, kind: "export format").map { .export($0, path: path.value) }

        case .print(let expr):
            return scope.constant(expr, "a printed value").map { .print(expr, value: $0) }

        case .compare(let kind, let alternatives):
            scope.requireData(for: "compare", at: range)
            return scope.compare(kind, alternatives, range: range).map { .compare($0) }

        case .sweep(let syntax):
            scope.sweep(syntax, range: range)
            return nil

        case .meta(let name, let argument):
            return scope.metaCommand(name, argument, range: range)
        }
    }
}

extension Scope {
    mutating func requireData(for statement: String, at range: SourceRange) {
        if !checker.hasData { report(.missingData(for: statement, at: range)) }
    }

    /// Resolves a name against a closed set, reporting `unknown KIND 'x'` with a suggestion.
    mutating func name<Name: RawRepresentable & CaseIterable>(_ identifier: Identifier, _ type: Name.Type,
                                                               kind: String) -> Name?
    where Name.RawValue == String {
        if let value = Name(rawValue: identifier.name) { return value }
        report(.unknownName(identifier.name, kind: kind, at: identifier.range, known: Name.allCases.map(\.rawValue)))
        return nil
    }

    mutating func letBinding(_ name: Identifier, _ value: Expr) -> CheckedStatement.Kind? {
        guard declarable(name, what: "a constant") else { return nil }
        guard let number = constant(value, "'\(name.name)'") else {
            checker.poisonedNames.insert(name.name)
            checker.environment.constants.removeValue(forKey: name.name)
            return nil
        }
        checker.poisonedNames.remove(name.name)
        checker.environment.constants[name.name] = number
        return .letBinding(name: name.name, value: number)
    }

    mutating func activationDefinition(_ name: Identifier, _ parameter: Identifier, _ body: Expr)
        -> CheckedStatement.Kind?
    {
        guard declarable(name, what: "an activation"), !name.name.isEmpty else { return nil }
        if Activation(rawValue: name.name) != nil || checker.environment.functions[name.name] != nil {
            report(.redefinition(name.name, what: "an activation", at: name.range))
            return nil
        }
        let function = CustomFunction(parameter: parameter.name, body: body)
        // Registered before the body is checked would allow recursion; registered after, it cannot.
        // A body that failed is not registered (its uses would evaluate to NaN or expand past the limit); its name is
        // poisoned instead, so later uses fail quietly rather than as unknown names.
        guard validate(body, input: parameter.name, context: "an activation"),
              withinExpansionLimit(body, "activation '\(name.name)'") else {
            checker.poisonedNames.insert(name.name)
            return nil
        }
        checker.poisonedNames.remove(name.name)
        checker.expandedSizes[name.name] = expandedSize(body)
        checker.environment.functions[name.name] = function
        return .activationDefinition(name: name.name, function: function)
    }

    /// Whether `name` may be bound by `let` or `activation`: not the input, a constant or a function.
    mutating func declarable(_ name: Identifier, what: String) -> Bool {
        let word = name.name
        if word == Vocabulary.inputVariable {
            report(.redefinition(word, what: "the input variable", at: name.range))
        } else if ExprConstants.values[word] != nil {
            report(.redefinition(word, what: "a built-in constant", at: name.range))
        } else if ExprFunction(rawValue: word) != nil {
            report(.redefinition(word, what: "a built-in function", at: name.range))
        } else if checker.environment.functions[word] != nil, what == "a constant" {
            report(.redefinition(word, what: "an activation", at: name.range))
        } else if checker.environment.constants[word] != nil, what == "an activation" {
            report(.redefinition(word, what: "a constant", at: name.range))
        } else {
            return true
        }
        return false
    }

    mutating func expectation(_ metric: Identifier, _ comparison: ComparisonSyntax, _ value: Expr) -> Expectation? {
        let resolved = name(metric, Metric.self, kind: "metric")
        requireData(for: "expect", at: metric.range.extended(to: value.range))
        var target: Expectation.Value?
        if let word = value.variableName, let other = Metric(rawValue: word),
           checker.environment.constants[word] == nil {
            target = .metric(other)
        } else {
            target = constant(value, "the expected value").map { .number($0) }
        }
        guard let resolved, let target else { return nil }
        if let shape = checker.dataShape {
            for (which, range) in [(resolved, metric.range)] + (target.metric.map { [($0, value.range)] } ?? []) {
                if let problem = Scope.metricProblem(which, shape) {
                    report(.shapeMismatch(problem, at: range))
                    return nil
                }
            }
        }
        return Expectation(metric: resolved, comparison: comparison.op, value: target)
    }

    mutating func metaCommand(_ name: Identifier, _ argument: MetaArgument?, range: SourceRange)
        -> CheckedStatement.Kind?
    {
        guard let command = MetaCommand(named: name.name) else {
            report(.unknownMetaCommand(name.name, at: name.range, known: Vocabulary.metaCommands))
            return nil
        }
        if !checker.allowsMetaCommands {
            report(.metaCommandInRecipe(name.name, at: range))
            return nil
        }
        let typed = ":" + name.name
        switch (command.argument, argument?.literal) {
        case (.none, nil), (.optionalTopic, nil):
            return .meta(command, argument: nil)
        case (.optionalTopic, let topic?):
            return .meta(command, argument: topic.value)
        case (.file, let path?) where !path.value.isEmpty:
            return .meta(command, argument: path.value)
        case (.file, let path):
            report(.commandNeedsFile(typed, at: path?.range ?? range))
        case (.none, let extra?):
            report(.commandTakesNoArgument(typed, at: extra.range))
        }
        return nil
    }
}
