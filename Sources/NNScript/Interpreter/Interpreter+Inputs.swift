import Foundation

// MARK: - The network's inputs: features, then normalize

/// The training rows as the network sees them, and the pipeline that made them from the raw rows (applied alike
/// to every other row the network is shown).
struct NetworkInputs {
    let pipeline: InputPipeline
    /// `rows × pipeline.width`, row-major: what training loads.
    let rows: [Float]
}

/// What the network's inputs were made from: the data, the features and whether they are standardised.
struct InputsKey: Equatable {
    let data: DataKey
    let features: FeatureSpec?
    let normalize: Bool
}

extension Interpreter {
    /// The session's training rows as the network's inputs, with the pipeline every other row goes through.
    func networkInputs(spec: SessionSpec, range: SourceRange) -> Result<NetworkInputs, Diagnostic> {
        let data: DataSet
        switch ensureData(range: range) {
        case .success(let d): data = d
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        guard let source = spec.data else { return .failure(.missingDataAtRuntime(at: range)) }
        let key = InputsKey(data: DataKey(source: source, seed: spec.seed), features: spec.features,
                            normalize: spec.normalize)
        return programs.inputs.value(for: key) { makeNetworkInputs(data, spec: spec, range: range) }
    }

    /// The pipeline the session's network reads its inputs through.
    func inputPipeline(spec: SessionSpec, range: SourceRange) -> Result<InputPipeline, Diagnostic> {
        guard spec.features != nil || spec.normalize else {
            return .success(InputPipeline(rawNames: dataShape(of: spec).inputNames, features: nil, scaling: nil))
        }
        return networkInputs(spec: spec, range: range).map(\.pipeline)
    }

    private func makeNetworkInputs(_ data: DataSet, spec: SessionSpec, range: SourceRange)
        -> Result<NetworkInputs, Diagnostic>
    {
        let names = data.shape.inputNames
        var pipeline = InputPipeline(rawNames: names, features: spec.features, scaling: nil)
        guard !pipeline.isIdentity || spec.normalize else {
            return .success(NetworkInputs(pipeline: pipeline, rows: data.inputs))
        }
        if let features = spec.features, let unknown = features.unknownVariable(inputNames: names) {
            var diagnostic = Scope.unknownInput(unknown.name, names, at: unknown.range)
            diagnostic.notes.append("the data's inputs: " + DataShape.list(names))
            return .failure(diagnostic)
        }
        let width = pipeline.width, count = data.count
        var rows = pipeline.features == nil ? data.inputs
            : pipeline.apply(data.inputs.map(Double.init), rows: count, scaled: false).map { Float($0) }
        if let features = spec.features, let bad = rows.firstIndex(where: { !$0.isFinite }) {
            let row = bad / width
            let point = zip(names, data.inputRow(row)).map { "\($0) = \(NumberFormat.short($1))" }
            return .failure(.targetMismatch(
                "the feature '\(features.texts[bad % width])' is not finite in Float32 at training row \(row + 1) ("
                    + point.joined(separator: ", ") + ")", at: features.expressions[bad % width].range))
        }
        if spec.normalize {
            let (scaling, constant) = InputScaling.fit(rows, width: width)
            pipeline.scaling = scaling
            let inputNames = spec.features?.texts ?? names
            for j in constant {
                warn(.setupLint("the input '\(inputNames[j])' has the same value in every training row; normalize "
                                    + "scales it by 1", advice: "a constant input teaches the network nothing: "
                                    + "leave it out of the data or the features", at: range))
            }
            for i in rows.indices {
                let j = i % width
                rows[i] = Float((Double(rows[i]) - scaling.mean[j]) / scaling.std[j])
            }
        }
        return .success(NetworkInputs(pipeline: pipeline, rows: rows))
    }
}
