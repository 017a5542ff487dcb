import Foundation

// MARK: - Reports of several inputs, outputs or classes

extension ReportValues {
    /// R² of the 1-D fit against the noiseless target on the report grid (nil without a target).
    var scalarR2: Double? {
        guard let truth, truth.count == prediction.count, !truth.isEmpty else { return nil }
        return RegressionMetrics.compute(predicted: prediction, actual: truth, outputs: ["y"]).totalR2
    }
}

extension Interpreter {
    /// The report's numbers for data that is not 1-D: the network at every training row, compared with the labels
    /// (classes) or with the noiseless targets where known, else the data's targets.
    func computeRowReport(_ state: TrainingState, spec: SessionSpec, data: DataSet, range: SourceRange)
        -> Result<ReportValues, Diagnostic>
    {
        let rows = data.count
        let outputs: [Double]
        switch predictRows(data.inputs.map(Double.init), points: rows, of: state, spec: spec, range: range) {
        case .success(let result): outputs = result.values
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        var values = ReportValues(finalLoss: nil, grid: [], prediction: [], truth: nil, metrics: nil,
                                  holdout: nil, parameters: state.network.architecture.parameterCount)
        switch holdoutMetrics(state, spec: spec, data: data, range: range) {
        case .success(let holdout): values.holdout = holdout
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        values.rows = rows
        if let classes = data.shape.classes {
            values.classification = ClassificationMetrics.compute(labels: data.labels, logits: outputs,
                                                                  classes: classes)
        } else {
            values.regression = RegressionMetrics.compute(predicted: outputs, actual: actualTargets(data),
                                                          outputs: data.shape.outputNames)
        }
        return .success(values)
    }

    /// `report` for data that is not 1-D: the columns, the final loss, then the classification or regression block.
    func rowReportText(_ values: ReportValues, data: DataSet) -> String {
        var lines = [RunText.labelled("columns", data.shape.summary)]
        if let loss = values.finalLoss { lines.append(RunText.labelled("loss", NumberFormat.short(loss))) }
        if let classification = values.classification {
            lines.append(RunText.classification(classification, rows: values.rows))
        }
        if let regression = values.regression {
            lines.append(RunText.regression(regression, againstTruth: data.spec != nil))
        }
        if let holdout = values.holdout { lines.append(RunText.labelled("holdout", holdout.text)) }
        return lines.joined(separator: "\n")
    }

    /// `predict (X1, X2), …`: one line per point, with the class and its probabilities for class targets.
    func predictPoints(_ points: [[Double]], shape: DataShape, range: SourceRange) -> Diagnostic? {
        let k = shape.inputCount
        if let bad = points.first(where: { $0.count != k }) {
            return .targetMismatch("a point of \(bad.count) coordinate\(bad.count == 1 ? "" : "s"); the data has "
                                       + "\(k) input\(k == 1 ? "" : "s") (" + shape.inputNames.joined(separator: ", ")
                                       + ")", at: range)
        }
        let outputs: [Double], columns: Int
        switch predictRows(points.flatMap { $0 }, points: points.count, of: training, spec: spec, range: range) {
        case .success(let result): (outputs, columns) = result
        case .failure(let diagnostic): return diagnostic
        }
        for (row, point) in points.enumerated() {
            let coordinates = "(" + point.map(NumberFormat.short).joined(separator: ", ") + ")"
            let row = Array(outputs[row * columns..<(row + 1) * columns])
            out.write("predict \(coordinates) → " + Interpreter.predictionText(row, shape: shape) + "\n")
        }
        return nil
    }

    /// One prediction: the outputs (`y1 = 0.5, y2 = 1`), or the likeliest class and every class's probability.
    static func predictionText(_ outputs: [Double], shape: DataShape) -> String {
        guard let classes = shape.classes, classes.count == outputs.count else {
            if outputs.count == 1 { return String(format: "%.6g", outputs[0]) }
            return zip(shape.outputNames, outputs).map { "\($0) = " + String(format: "%.6g", $1) }
                .joined(separator: ", ")
        }
        let largest = outputs.max() ?? 0
        let exps = outputs.map { Foundation.exp($0 - largest) }
        let sum = exps.reduce(0, +)
        let probabilities = exps.map { $0 / sum }
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let each = zip(classes, probabilities).map { "\($0) " + String(format: "%.3f", $1) }
        return "class \(classes[best])   (" + each.joined(separator: ", ") + ")"
    }
}
