// MARK: - The data's shape, as the model and the loss see it

extension DataSource {
    /// Where the data statement is (a table's: its file name).
    var range: SourceRange {
        switch self {
        case .function(_, let range), .classification(_, _, _, let range), .csv(_, _, let range): return range
        }
    }
}

extension Interpreter {
    /// The shape of `spec`'s data: as its statement declares it, or as the table read for it says (one input and
    /// one output before there is any data, or before a table is read).
    func dataShape(of spec: SessionSpec) -> DataShape {
        if let declared = spec.data?.declaredShape { return declared }
        return currentData?.shape ?? .scalar
    }

    /// The raw inputs' names as far as they are known without reading the data: declared by the data statement,
    /// those of the table read for it, or else its file's header without the target columns (the last column when
    /// none is named); empty before a `data` statement or when the file cannot be read.
    var knownInputNames: [String] {
        guard let source = spec.data else { return [] }
        if let declared = source.declaredShape { return declared.inputNames }
        if let data = currentData { return data.shape.inputNames }
        guard case .csv(let path, let targets, _) = source,
              case .success(let resolved) = pathPolicy.resolve(path, for: .read),
              let header = DirectoryEntry.csvHeader(resolved) else { return [] }
        return DataGenerator.inputNames(header: header, targets: targets)
    }

    /// Reads the session's table when its data is one: its columns decide the model's inputs and outputs.
    func readTableIfAny(range: SourceRange) -> Diagnostic? {
        guard case .csv = spec.data, case .failure(let diagnostic) = ensureData(range: range) else { return nil }
        return diagnostic
    }

    /// The architecture `spec` describes for its data.
    func architecture(of spec: SessionSpec) -> Architecture {
        spec.architecture(for: dataShape(of: spec))
    }

    /// What the checker could not know before a table was read: whether `output N`, `input N` and the loss fit
    /// its columns. Located at the table's name.
    func shapeProblem(_ shape: DataShape, range: SourceRange) -> Diagnostic? {
        if shape.inputCount > Limits.dataInputs {
            return .dataTooWide("input columns", count: shape.inputCount, maximum: Limits.dataInputs, at: range,
                                notes: ["name the targets with 'target NAME, …'; every other column is an input"])
        }
        if let classes = shape.classes, classes.count > Limits.classes {
            return .dataTooWide("classes in its target '\(shape.outputNames.first ?? "")'", count: classes.count,
                                maximum: Limits.classes, at: range,
                                notes: ["a target whose every value differs is not a class label: is it the right column?"])
        }
        if shape.classes == nil, shape.outputNames.count > Limits.dataOutputs {
            return .dataTooWide("target columns", count: shape.outputNames.count, maximum: Limits.dataOutputs,
                                at: range)
        }
        if let size = spec.output?.size, size != shape.networkOutputs {
            return .targetMismatch(Scope.outputText(size, shape), at: range)
        }
        if let size = spec.inputSize, size != spec.networkInputs(shape) {
            let what = spec.features.map { "\($0.expressions.count) features" } ?? "\(shape.inputCount) input columns"
            return .targetMismatch("'input \(size)' does not fit the data: it has \(what)", at: range)
        }
        if let loss = spec.loss, let problem = Scope.lossProblem(loss.kind, shape) {
            return .targetMismatch(problem, at: range)
        }
        return nil
    }

    /// Why `metric` has no value for the session's data, nil when it has (a table's shape is known only now).
    func metricProblem(_ metric: Metric, range: SourceRange) -> Diagnostic? {
        guard let data = currentData, let problem = Scope.metricProblem(metric, data.shape) else { return nil }
        return .targetMismatch(problem, at: range)
    }
}
