import Foundation

// MARK: - predict csv: a table of new rows in, their predictions out

extension Interpreter {
    /// `predict csv "new.csv" "predictions.csv"`: reads rows with the training data's input columns (found by
    /// name; other columns are ignored), and writes one row per row read: the inputs, then the outputs (one column
    /// per target), or the likeliest class and each class's probability. Written atomically.
    func predictCSV(_ input: String, output: String, range: SourceRange) -> Diagnostic? {
        if let diagnostic = readTableIfAny(range: range) { return diagnostic }
        let shape = dataShape(of: spec)
        let inputRange = pathRange(in: range)
        let resolved: String
        switch allowedPath(input, for: .read, at: inputRange) {
        case .failure(let refusal): return refusal
        case .success(let path): resolved = path
        }
        let table: CSVTable
        switch Self.readRows(resolved, displayPath: input, inputs: shape.inputNames, range: inputRange,
                             byteLimit: options.memoryBudget / 4) {
        case .failure(let diagnostic): return diagnostic
        case .success(let read): table = read
        }
        let columns = Self.inputColumns(shape.inputNames, header: table.header, count: table.columnCount)
        let k = shape.inputCount, n = table.rowCount
        var inputs = [Double](repeating: 0, count: n * k)
        for row in 0..<n {
            for (j, column) in columns.enumerated() {
                let value = table.values[row * table.columnCount + column]
                guard Float(value).isFinite else {
                    return .malformedCSV(input, line: table.rowLines[row],
                                         reason: "the '\(shape.inputNames[j])' value is not finite in Float32",
                                         at: inputRange)
                }
                inputs[row * k + j] = value
            }
        }
        let outputs: [Double], width: Int
        switch predictRows(inputs, points: n, of: training, spec: spec, range: range) {
        case .success(let result): (outputs, width) = result
        case .failure(let diagnostic): return diagnostic
        }
        let text = Self.predictionTable(inputs: inputs, outputs: outputs, rows: n, width: width, shape: shape)
        // The output's problems are shown at its own string, the second of the statement.
        let rest = SourceRange(file: range.file, start: inputRange.end, end: range.end)
        let outputRange = inputRange == range ? range : pathRange(in: rest)
        return writeFile(text, to: output, range: outputRange, what: "\(n) prediction\(n == 1 ? "" : "s")")
    }

    /// The rows of the file, every column but the inputs read as text (a target of class labels, notes).
    private static func readRows(_ path: String, displayPath: String, inputs: [String], range: SourceRange,
                                 byteLimit: Int) -> Result<CSVTable, Diagnostic> {
        let bytes: [UInt8]
        do { bytes = try FileContents.read(path, limit: byteLimit) } catch let error as FileReadError {
            if !FileManager.default.fileExists(atPath: path) { return .failure(.fileNotFound(displayPath, at: range)) }
            return .failure(.fileUnreadable(displayPath, reason: error.reason, at: range))
        } catch {
            return .failure(.fileUnreadable(displayPath, reason: "\(error)", at: range))
        }
        var missing: String?
        let table: CSVTable
        do {
            table = try CSVTable.parse(bytes, maximumRows: Limits.predictPoints.upperBound) { header, count in
                let used = inputColumns(inputs, header: header, count: count)
                if used.count < inputs.count {
                    missing = header.flatMap { names in inputs.first { !names.contains($0) } } ?? ""
                    return Set(0..<count)
                }
                return Set(0..<count).subtracting(used)
            }
        } catch {
            return .failure(.malformedCSV(displayPath, line: error.line, reason: error.reason, at: range))
        }
        if let missing {
            guard !missing.isEmpty else {
                return .failure(.malformedCSV(
                    displayPath, line: 1, reason: "without a header it needs the \(inputs.count) input columns "
                        + "in order (" + DataShape.list(inputs) + "); it has \(table.columnCount)", at: range))
            }
            return .failure(.missingColumn(missing, file: displayPath, header: table.header ?? [], at: range))
        }
        guard table.rowCount >= 1 else {
            return .failure(.malformedCSV(displayPath, line: 1, reason: "has no rows to predict", at: range))
        }
        return .success(table)
    }

    /// Where each input is: by name under a header, else the first columns in order (nothing when too few).
    private static func inputColumns(_ inputs: [String], header: [String]?, count: Int) -> [Int] {
        guard let header else { return count >= inputs.count ? Array(0..<inputs.count) : [] }
        return inputs.compactMap { header.firstIndex(of: $0) }
    }

    /// The CSV text `predict csv` writes.
    static func predictionTable(inputs: [Double], outputs: [Double], rows: Int, width: Int, shape: DataShape)
        -> String
    {
        let k = shape.inputCount
        var names = shape.inputNames
        if let classes = shape.classes {
            names += ["class"] + classes.map { "p(\($0))" }
        } else {
            names += width == shape.outputNames.count ? shape.outputNames : DataShape.outputs(width)
        }
        var text = names.map(csvField).joined(separator: ",") + "\n"
        for row in 0..<rows {
            var fields = (0..<k).map { PredictionCSV.number(inputs[row * k + $0]) }
            let values = Array(outputs[row * width..<(row + 1) * width])
            if let classes = shape.classes, classes.count == width {
                let largest = values.max() ?? 0
                let exps = values.map { Foundation.exp($0 - largest) }
                let sum = exps.reduce(0, +)
                let best = values.indices.max { values[$0] < values[$1] } ?? 0
                fields.append(csvField(classes[best]))
                fields += exps.map { PredictionCSV.number($0 / sum) }
            } else {
                fields += values.map(PredictionCSV.number)
            }
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180).
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
