import Foundation

// MARK: - Tables of data

extension DataGenerator {
    /// The rows of a CSV file (read by `CSVTable`: a header row, quoted fields, CRLF and a byte-order mark are
    /// fine): every column but the targets is an input. `targets` name the target columns (by the header; none:
    /// the last column). A target column with a field that is not a number holds class labels, the classes in
    /// order of first appearance. Files larger than `byteLimit` and more rows than `Limits.samples` allows are
    /// refused; every message about the file names one of its lines, a missing column is located at its name.
    /// `classes` (a holdout's: the training table's classes) fixes the labels' order; a label not among them is an
    /// error at its line.
    public static func readCSV(path: String, displayPath: String, targets: [Identifier] = [], range: SourceRange,
                               byteLimit: Int = 1 << 30, classes known: [String]? = nil)
        -> Result<DataSet, Diagnostic> {
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(.fileNotFound(displayPath, at: range))
        }
        let bytes: [UInt8]
        do { bytes = try FileContents.read(path, limit: byteLimit) } catch let error as FileReadError {
            return .failure(.fileUnreadable(displayPath, reason: error.reason, at: range))
        } catch {
            return .failure(.fileUnreadable(displayPath, reason: "\(error)", at: range))
        }
        // The target columns are chosen once the header is read; a missing one is reported after the parse.
        var missing: Identifier?
        var chosen: [Int] = []
        let table: CSVTable
        do {
            // A target column of numbers is regression, so its fields are needed as text only when one is not a
            // number — unless the classes are known (a holdout's labels are matched to them as text).
            table = try CSVTable.parse(bytes, maximumRows: Limits.tableRows, numbersFirst: known == nil) {
                header, columns in
                chosen = targetColumns(targets, header: header, columns: columns, missing: &missing)
                // With a target missing, every column is read as text, so the message is about the name.
                return missing == nil ? Set(chosen) : Set(0..<columns)
            }
        } catch {
            return .failure(.malformedCSV(displayPath, line: error.line, reason: error.reason, at: range))
        }
        if let missing {
            return .failure(.missingColumn(missing.name, file: displayPath, header: table.header ?? [],
                                           at: missing.range))
        }
        guard table.rowCount >= 2 else {
            return .failure(.malformedCSV(displayPath, line: table.rowLines.last ?? 1,
                                          reason: "needs at least 2 data rows, found \(table.rowCount)", at: range))
        }
        guard table.columnCount >= 2 else {
            return .failure(.malformedCSV(displayPath, line: table.rowLines[0],
                                          reason: "needs at least 2 columns (inputs, then a target)", at: range))
        }
        return rows(of: table, targets: chosen, targetNames: targets, displayPath: displayPath, range: range,
                    known: known)
    }

    /// The input columns' names of a table with `header` whose targets are `targets`, as `readCSV` takes them
    /// (what completion offers before the table is read).
    static func inputNames(header: [String], targets: [Identifier]) -> [String] {
        var missing: Identifier?
        let chosen = targetColumns(targets, header: header, columns: header.count, missing: &missing)
        return header.indices.filter { !chosen.contains($0) }.map { header[$0] }
    }

    /// The column of each named target (the last column when none is named); sets `missing` to the first name
    /// the header lacks.
    private static func targetColumns(_ targets: [Identifier], header: [String]?, columns: Int,
                                      missing: inout Identifier?) -> [Int] {
        guard !targets.isEmpty else { return [columns - 1] }
        var found: [Int] = []
        for target in targets {
            guard let index = header?.firstIndex(of: target.name) else {
                if missing == nil { missing = target }
                continue
            }
            if !found.contains(index) { found.append(index) }
        }
        return found
    }

    private static func rows(of table: CSVTable, targets: [Int], targetNames: [Identifier], displayPath: String,
                             range: SourceRange, known: [String]?) -> Result<DataSet, Diagnostic> {
        let columns = table.columnCount, n = table.rowCount
        let inputColumns = (0..<columns).filter { !targets.contains($0) }
        let names: [String] = table.header ?? (columns == 2 ? ["x", "y"] : (1...columns).map { "column\($0)" })
        // A target with any field that is not a number is a column of class labels.
        var classes: [String]?
        var labels: [Float] = []
        for column in targets {
            guard let texts = table.texts[column],
                  known != nil || texts.contains(where: { Double($0.trimmed) == nil }) else {
                continue
            }
            guard targets.count == 1 else {
                let where_ = targetNames.first { $0.name == names[column] }?.range ?? range
                return .failure(.targetMismatch(
                    "the target '\(names[column])' holds class labels, so it must be the only target", at: where_))
            }
            var order: [String: Int] = [:]
            var seen: [String] = known ?? []
            for (index, name) in seen.enumerated() { order[name] = index }
            labels.reserveCapacity(n)
            for (row, text) in texts.enumerated() {
                let label = text.trimmed
                if order[label] == nil, let known {
                    return .failure(.malformedCSV(
                        displayPath, line: table.rowLines[row],
                        reason: "the class '\(label)' is not one of the training table's (" + DataShape.list(known) + ")",
                        at: range))
                }
                if order[label] == nil {
                    order[label] = seen.count
                    seen.append(label)
                }
                labels.append(Float(order[label]!))
            }
            classes = seen
        }
        if let classes, classes.count < 2 {
            return .failure(.malformedCSV(displayPath, line: table.rowLines[0],
                                          reason: "the target column has one class only ('\(classes[0])')",
                                          at: range))
        }
        let k = inputColumns.count, m = targets.count
        var inputs = [Float](repeating: 0, count: n * k)
        var values = classes == nil ? [Float](repeating: 0, count: n * m) : labels
        for row in 0..<n {
            for (j, column) in inputColumns.enumerated() {
                let value = Float(table.values[row * columns + column])
                guard value.isFinite else { return .failure(notFinite(displayPath, table.rowLines[row], range)) }
                inputs[row * k + j] = value
            }
            guard classes == nil else { continue }
            for (j, column) in targets.enumerated() {
                let value = Float(table.values[row * columns + column])
                guard value.isFinite else { return .failure(notFinite(displayPath, table.rowLines[row], range)) }
                values[row * m + j] = value
            }
        }
        let shape = DataShape(inputNames: inputColumns.map { names[$0] }, outputNames: targets.map { names[$0] },
                              classes: classes)
        let firsts = stride(from: 0, to: inputs.count, by: k).map { inputs[$0] }
        let low = Double(firsts.min()!), high = Double(firsts.max()!)
        if shape.isScalar, !(high > low) {
            return .failure(.malformedCSV(displayPath, line: table.rowLines[0], reason: "every x is the same",
                                          at: range))
        }
        let description = DataDescription(count: n, source: .csv(displayPath), lower: low, upper: high,
                                          shape: shape)
        return .success(DataSet(inputs: inputs, targets: values, shape: shape, spec: nil,
                                interval: Interval(low: low, high: high > low ? high : low + 1),
                                description: description))
    }

    private static func notFinite(_ file: String, _ line: Int, _ range: SourceRange) -> Diagnostic {
        .malformedCSV(file, line: line, reason: "value is not finite in Float32", at: range)
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
