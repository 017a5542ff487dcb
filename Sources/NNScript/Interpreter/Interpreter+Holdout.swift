import Foundation
import NNTensor

// MARK: - Holdout: rows the network is judged on, never trained on

/// What the holdout rows were made from: the holdout statement, the data they must agree with, and the seed.
struct HoldoutKey: Equatable {
    let holdout: HoldoutSource
    let data: DataKey
}

extension Interpreter {
    /// The holdout's numbers for `state`'s weights, nil without a `holdout` statement.
    func holdoutMetrics(_ state: TrainingState, spec: SessionSpec, data: DataSet, range: SourceRange)
        -> Result<HoldoutMetrics?, Diagnostic>
    {
        guard let holdout = spec.holdout, let source = spec.data else { return .success(nil) }
        let key = HoldoutKey(holdout: holdout, data: DataKey(source: source, seed: spec.seed))
        let rows: DataSet
        switch programs.holdout.value(for: key, make: { holdoutRows(holdout, data: data, range: range) }) {
        case .success(let made): rows = made
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let outputs: [Double], columns: Int
        switch predictRows(rows.inputs.map(Double.init), points: rows.count, of: state, spec: spec, range: range) {
        case .success(let result): (outputs, columns) = result
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let loss = spec.lossSpec(for: data.shape)
        return .success(HoldoutMetrics.compute(
            outputs: outputs, targets: rows.targets.map(Double.init), columns: columns, classes: data.shape.classes,
            outputNames: data.shape.outputNames, loss: loss.kind.rawValue, delta: loss.delta ?? 1))
    }

    /// The holdout's rows: points of the noiseless target over the holdout's ranges, or the holdout table, whose
    /// columns must be the training table's.
    private func holdoutRows(_ holdout: HoldoutSource, data: DataSet, range: SourceRange)
        -> Result<DataSet, Diagnostic>
    {
        switch holdout {
        case .points(let intervals, let samples):
            guard let dataSpec = data.spec else {
                return .failure(.targetMismatch(
                    "'holdout on' needs data from an expression (its noiseless target); this data is "
                        + (data.shape.isClassification ? "a set of classes" : "a table"), at: range,
                    notes: ["for a table, give its holdout as another table: holdout csv \"test.csv\""]))
            }
            guard intervals.count == data.shape.inputCount else {
                return .failure(.targetMismatch(
                    "'holdout on' has \(intervals.count) range\(intervals.count == 1 ? "" : "s"); the data has "
                        + "\(data.shape.inputCount) inputs (" + data.shape.inputNames.joined(separator: ", ") + ")",
                    at: range, notes: ["one range per input: holdout on [A, B] x [C, D] …"]))
            }
            return .success(Self.holdoutPoints(dataSpec, intervals: intervals, samples: samples, seed: spec.seed,
                                               data: data))
        case .csv(let path, let pathRange):
            guard case .csv(_, let targets, _)? = spec.data else {
                return .failure(.targetMismatch(
                    "'holdout csv' holds rows of a table; this data is not one", at: pathRange,
                    notes: ["give generated data's holdout as ranges: holdout on [A, B] samples N"]))
            }
            let resolved: String
            switch allowedPath(path, for: .read, at: pathRange) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let p): resolved = p
            }
            let read = DataGenerator.readCSV(path: resolved, displayPath: path, targets: targets, range: pathRange,
                                             byteLimit: options.memoryBudget / 4, classes: data.shape.classes)
            guard case .success(let rows) = read else { return read }
            let (ours, theirs) = (data.shape.inputNames + data.shape.outputNames,
                                  rows.shape.inputNames + rows.shape.outputNames)
            guard ours == theirs else {
                let extra = theirs.filter { !ours.contains($0) }, missing = ours.filter { !theirs.contains($0) }
                var why: [String] = []
                if !missing.isEmpty { why.append("it lacks " + missing.map { "'\($0)'" }.joined(separator: ", ")) }
                if !extra.isEmpty { why.append("it has " + extra.map { "'\($0)'" }.joined(separator: ", ")) }
                if why.isEmpty { why.append("its columns come in another order") }
                return .failure(.targetMismatch(
                    "'\(path)' does not have the training table's columns: " + why.joined(separator: "; "),
                    at: pathRange, notes: ["the training table's columns: " + DataShape.list(ours),
                                           "'\(path)': " + DataShape.list(theirs)]))
            }
            return .success(rows)
        }
    }

    /// `holdout on` points: the 1-D grid as before, or uniform random points of their own stream (`holdout`, so
    /// the training data's draws do not move) for several inputs; the targets are noiseless.
    static func holdoutPoints(_ dataSpec: DataSpec, intervals: [Interval], samples: Int, seed: UInt64,
                              data: DataSet) -> DataSet {
        let k = intervals.count, m = dataSpec.outputs.count
        var inputs = [Float](repeating: 0, count: samples * k), targets = [Float](repeating: 0, count: samples * m)
        var stream = RandomStream(seed: seed, stream: "holdout")
        let grid = k == 1 ? DataGenerator.grid(intervals[0], count: samples) : []
        var point = [Double](repeating: 0, count: k)
        for row in 0..<samples {
            for j in 0..<k {
                point[j] = k == 1 ? grid[row]
                    : intervals[j].low + (intervals[j].high - intervals[j].low) * stream.nextDouble()
                inputs[row * k + j] = Float(point[j])
            }
            for j in 0..<m {
                targets[row * m + j] = Float(k == 1 && m == 1 ? dataSpec.target(at: point[0])
                                                  : dataSpec.target(j, at: point))
            }
        }
        return DataSet(inputs: inputs, targets: targets, shape: data.shape, spec: dataSpec,
                       interval: intervals[0], description: data.description)
    }
}
