#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NNTensor

// MARK: - Table

/// A numeric table read from CSV text as spreadsheets and data tools write it: an optional header row, then rows
/// of numbers, every row with the same number of fields.
///
/// The reading (`parse`) accepts a UTF-8 byte-order mark, `\n`, `\r\n` or `\r` line ends, blank lines, spaces
/// around fields, and RFC 4180 quoted fields (`"1.5"`, `"a, b"`, `"say ""hi"""`, line breaks inside quotes). The
/// first row is a header when any of its fields is not a number. A number is what C's `strtod` reads whole (so
/// `1e-3`, `-0`, `inf`); the common short decimals take a fast exact path instead, and a row of nothing but such
/// numbers is read in one pass over its bytes.
public struct CSVTable: Sendable, Equatable {
    /// The header row's fields, when the first row was one.
    public var header: [String]?
    /// Fields in every row.
    public var columnCount: Int
    /// The numbers, row after row.
    public var values: [Double]
    /// Each row's line number in the file (1-based), for messages about a row's values.
    public var rowLines: [Int]
    /// The fields of the columns read as text (`parse`'s `textColumns`), top to bottom; their `values` are the
    /// numbers where a field is one, NaN where not.
    public var texts: [Int: [String]] = [:]
    /// How many parts the rows were read in at once (1: by one reader); the table is the same either way.
    public var partsRead = 1

    /// Rows of numbers (the header not counted).
    public var rowCount: Int { rowLines.count }

    /// The numbers of column `index` (0-based), top to bottom.
    public func column(_ index: Int) -> [Double] {
        precondition((0..<columnCount).contains(index), "no column \(index) in a table of \(columnCount)")
        return stride(from: index, to: values.count, by: columnCount).map { values[$0] }
    }
}

/// Why CSV text could not be read as a table: the line, and what is wrong there. The message quotes at most one
/// field (shortened), never a whole line or file.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the problem.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

// MARK: - Parsing

extension CSVTable {
    /// Reads `bytes` as a numeric table; `maximumRows` bounds the rows of numbers (the memory a file may claim).
    /// `textColumns`, given the header (when there is one) and the column count, picks columns whose fields may
    /// be text (a class-label column): they are kept in `texts` as well. A large table of numbers only (no text
    /// column, no quote) is read in `parts` parts at once, on the runtime's threads — the same table as one reader
    /// makes, and the same error when there is one. With `numbersFirst`, the table is first read as numbers only
    /// (in parts), and only when that fails (a field that is not a number anywhere, or any other problem) read
    /// again with the text columns kept as text — then all of them, as without it. A table whose target holds
    /// numbers pays nothing for the labels it might have held.
    public static func parse(_ bytes: [UInt8], maximumRows: Int = .max, parts: Int = Parallel.threadCount,
                             numbersFirst: Bool = false,
                             textColumns: ([String]?, Int) -> Set<Int> = { _, _ in [] }) throws(CSVError)
        -> CSVTable
    {
        let result: Result<CSVTable, CSVError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVReader(bytes: buffer, maximumRows: maximumRows, parts: parts)
            do throws(CSVError) {
                return .success(try reader.table(numbersFirst: numbersFirst, textColumns: textColumns))
            } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// One pass over the bytes: fields are found by `nextField`, then read as numbers (or, in a header, as text).
private struct CSVReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumRows: Int
    let decimals = DecimalParser()
    var position = 0
    var line = 1
    /// How many parts `readInParts` cuts the rows into (1: it does not).
    let parts: Int
    /// How many it did.
    var partsRead = 1

    /// A reader of `bytes` from their start, past a UTF-8 byte-order mark unless `skipsByteOrderMark` is false
    /// (a part of the text, which starts mid-file).
    init(bytes: UnsafeBufferPointer<UInt8>, maximumRows: Int, parts: Int = 1, skipsByteOrderMark: Bool = true) {
        self.bytes = bytes
        self.maximumRows = maximumRows
        self.parts = parts
        if skipsByteOrderMark, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Where a field's content lies and what ended it.
    struct Field {
        var start: Int
        var end: Int
        /// True for `"…"`: the content is between the quotes and may hold `""` escapes.
        var quoted: Bool
        var escapes: Bool
        /// True when a line end (or the end of the text) follows the field.
        var endsRow: Bool
    }

    mutating func table(numbersFirst: Bool, textColumns: ([String]?, Int) -> Set<Int>) throws(CSVError) -> CSVTable {
        var header: [String]?
        var columnCount = 0
        var values: [Double] = []
        var rowLines: [Int] = []
        var fields: [Field] = []
        var texts: [Int: [String]]?
        var isText: [Bool] = []
        while skipBlankLines() {
            let rowLine = line
            fields.removeAll(keepingCapacity: true)
            repeat { fields.append(try nextField()) } while !fields[fields.count - 1].endsRow
            if columnCount == 0 {
                columnCount = fields.count
                let numbers = fields.map(number)
                if numbers.contains(where: { $0 == nil }) {
                    header = fields.map(text)
                    continue
                }
            } else if fields.count != columnCount {
                throw Self.fieldCount(fields.count, expected: columnCount, line: rowLine)
            }
            guard rowLines.count < maximumRows else { throw Self.tooManyRows(maximumRows, line: rowLine) }
            if texts == nil {
                // Decided once, when the header (if any) is known; a table without text columns pays one test.
                let chosen = textColumns(header, columnCount).filter { (0..<columnCount).contains($0) }
                var numbers = numbersFirst && !chosen.isEmpty ? fields.compactMap(number) : []
                if numbers.count == columnCount {
                    // Numbers only, from the row after this one; anything else (a label, an error) and the rows
                    // are read again below, with texts, from this row — so an error is the one that path reports.
                    var numeric = self, lines = [rowLine]
                    do throws(CSVError) {
                        try numeric.restOfRows(columns: columnCount, values: &numbers, rowLines: &lines,
                                               exactErrors: false)
                        self = numeric
                        return CSVTable(header: header, columnCount: columnCount, values: numbers, rowLines: lines,
                                        partsRead: partsRead)
                    } catch {}
                }
                texts = Dictionary(uniqueKeysWithValues: chosen.map { ($0, []) })
                // Rows with text are read here, one by one (rows of numbers only, by `restOfRows`).
                if !chosen.isEmpty { values.reserveCapacity(bytes.count / 8) }
                isText = (0..<columnCount).map { chosen.contains($0) }
            }
            for (index, field) in fields.enumerated() {
                if !texts!.isEmpty, isText[index] {
                    texts![index]!.append(text(field))
                    values.append(number(field) ?? .nan)
                    continue
                }
                guard let value = number(field) else { throw notANumber(field, index: index, line: rowLine) }
                values.append(value)
            }
            rowLines.append(rowLine)
            if texts?.isEmpty == true {
                // No text columns: the rest is rows of numbers, read in parts on several threads when it is large.
                try restOfRows(columns: columnCount, values: &values, rowLines: &rowLines)
                break
            }
        }
        return CSVTable(header: header, columnCount: columnCount, values: values, rowLines: rowLines,
                        texts: texts ?? [:], partsRead: partsRead)
    }

    static func fieldCount(_ count: Int, expected: Int, line: Int) -> CSVError {
        CSVError(line: line, reason: "expected \(expected) field\(expected == 1 ? "" : "s"), found \(count)")
    }

    static func tooManyRows(_ maximum: Int, line: Int) -> CSVError {
        CSVError(line: line, reason: "more than \(maximum) rows")
    }

    // MARK: - Rows of numbers

    /// Room for rows of `columns` numbers and their lines, written in place: `count` rows are there.
    private struct RowSlots {
        let values: UnsafeMutablePointer<Double>
        let lines: UnsafeMutablePointer<Int>
        let columns: Int
        let capacity: Int
        var count = 0
    }

    /// The rows from `position` to the end, each of `columns` numbers, after `values` and `rowLines` (the rows read
    /// so far). The arrays are sized once, from a count of the line ends (every row but the last ends one), and
    /// each row is written in place: a 50 MB table is neither regrown nor copied. A large table without quotes is
    /// read in parts at once (`readInParts`).
    /// `exactErrors` false (a first try, whose error is not shown) skips the second, serial read after a part
    /// fails.
    mutating func restOfRows(columns: Int, values: inout [Double], rowLines: inout [Int], exactErrors: Bool = true)
        throws(CSVError)
    {
        let cuts = partStarts()
        let lineEnds = UnsafeMutableBufferPointer<Int>.allocate(capacity: cuts.count - 1)
        defer { lineEnds.deallocate() }
        let bytes = self.bytes
        Parallel.forEach(chunks: lineEnds.count) { k in
            lineEnds[k] = Self.lineEnds(UnsafeBufferPointer(rebasing: bytes[cuts[k]..<cuts[k + 1]]))
        }
        // Rows each part may hold: every row of a part ends a line, but for a last line of the text without an end
        // (each part but the last ends after a line feed), so its line ends and, in the last, one more; no more
        // than its bytes hold (a row of c numbers takes at least 2c - 1 bytes), and one more for a row that turns
        // out short and wrong; no more than the limit allows, and one more, which is refused. A part of exactly its
        // rows leaves no gap to close up after the parts are read.
        let limit = maximumRows < .max ? maximumRows + 1 : maximumRows, last = lineEnds.count - 1
        let bounds = (0..<lineEnds.count).map { k in
            min(lineEnds[k] + (k == last ? 1 : 0), (cuts[k + 1] - cuts[k]) / (2 * columns - 1) + 1, limit)
        }
        let first = rowLines.count, capacity = first + bounds.reduce(0, +)
        var failure: CSVError?
        var newLines: [Int] = []
        let newValues = [Double](unsafeUninitializedCapacity: capacity * columns) { valueBuffer, valueCount in
            MemoryAdvice.hugePages(UnsafeMutableRawBufferPointer(valueBuffer))
            newLines = [Int](unsafeUninitializedCapacity: capacity) { lineBuffer, lineCount in
                var slots = RowSlots(values: valueBuffer.baseAddress!, lines: lineBuffer.baseAddress!,
                                     columns: columns, capacity: capacity, count: first)
                values.withUnsafeBufferPointer { slots.values.initialize(from: $0.baseAddress!, count: $0.count) }
                rowLines.withUnsafeBufferPointer { slots.lines.initialize(from: $0.baseAddress!, count: $0.count) }
                let inParts = cuts.count > 2
                if inParts, readInParts(cuts, lineEnds: lineEnds, bounds: bounds, into: &slots) {
                    // Read.
                } else if inParts, !exactErrors {
                    failure = CSVError(line: line, reason: "a part of the table is not rows of numbers")
                } else {
                    do throws(CSVError) { try numericRows(into: &slots) } catch { failure = error }
                }
                (valueCount, lineCount) = failure == nil ? (slots.count * columns, slots.count) : (0, 0)
            }
        }
        if let failure { throw failure }
        (values, rowLines) = (newValues, newLines)
    }

    /// Where the rest of the text is cut into parts read at once: `[position, …, bytes.count]`, each cut after a
    /// line feed; only `[position, bytes.count]` when it is small, there is one thread, or it holds a quote (a
    /// line end inside quotes does not end a row).
    private func partStarts() -> [Int] {
        let rest = bytes.count - position
        guard parts > 1, rest >= Self.partBytes, let base = bytes.baseAddress,
              Self.find(0x22, from: base + position, to: base + bytes.count) == nil else {
            return [position, bytes.count]
        }
        var starts = [position]
        for k in 1..<parts {
            let nominal = position + rest * k / parts
            guard nominal > starts[starts.count - 1],
                  let found = Self.find(0x0A, from: base + nominal, to: base + bytes.count) else { continue }
            let cut = found - base + 1
            if cut < bytes.count { starts.append(cut) }
        }
        return starts + [bytes.count]
    }

    /// How many line ends (`\n`, `\r\n` or `\r`, each one) `bytes` holds: every `\n`, and every `\r` not
    /// followed by one, found with `memchr`.
    static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let end = base + bytes.count
        var total = 0
        for byte: UInt8 in [0x0A, 0x0D] {
            var from = base
            while let at = find(byte, from: from, to: end) {
                if byte == 0x0A || at + 1 == end || at[1] != 0x0A { total += 1 }
                from = at + 1
            }
        }
        return total
    }

    /// The first `byte` in `from ..< end` (`memchr`).
    private static func find(_ byte: UInt8, from: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>)
        -> UnsafePointer<UInt8>?
    {
        guard from < end, let found = memchr(from, Int32(byte), end - from) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
    }

    /// The rows from `position` to the end, each of `slots.columns` numbers, written after the `slots.count` rows
    /// there: a row of plain numbers in one pass over its bytes, any other through `nextField`.
    private mutating func numericRows(into slots: inout RowSlots) throws(CSVError) {
        var fields: [Field] = []
        let columns = slots.columns
        while skipBlankLines() {
            let rowLine = line
            // Never: the slots hold every row the line ends, bytes and limit allow (`restOfRows`).
            guard slots.count < slots.capacity else { throw CSVError(line: rowLine, reason: "more rows than lines") }
            let target = slots.values + slots.count * columns
            if slots.count < maximumRows, plainRow(columns: columns, into: target) {
                slots.lines[slots.count] = rowLine
                slots.count += 1
                continue
            }
            fields.removeAll(keepingCapacity: true)
            repeat { fields.append(try nextField()) } while !fields[fields.count - 1].endsRow
            guard fields.count == columns else { throw Self.fieldCount(fields.count, expected: columns, line: rowLine) }
            guard slots.count < maximumRows else { throw Self.tooManyRows(maximumRows, line: rowLine) }
            for (index, field) in fields.enumerated() {
                guard let value = number(field) else { throw notANumber(field, index: index, line: rowLine) }
                target[index] = value
            }
            slots.lines[slots.count] = rowLine
            slots.count += 1
        }
    }

    /// Text at least this long is read in parts when there are several threads.
    static let partBytes = 1 << 20

    /// Reads the text from `cuts[0]` in the parts between `cuts` at once (on the threads), each by its own reader
    /// into its own stretch of `slots` (`bounds[k]` rows); the stretches are then closed up in order and the lines
    /// renumbered from the parts' `lineEnds`. False when any part has a problem: the caller then reads the rest
    /// itself, so a problem is reported exactly as one reader reports it.
    private mutating func readInParts(_ cuts: [Int], lineEnds: UnsafeMutableBufferPointer<Int>, bounds: [Int],
                                      into slots: inout RowSlots) -> Bool {
        let (bytes, maximumRows, whole) = (self.bytes, self.maximumRows, slots)
        let count = cuts.count - 1
        var offsets = [whole.count]
        for bound in bounds.dropLast() { offsets.append(offsets[offsets.count - 1] + bound) }
        // Each part's rows; -1 for a part with a problem.
        let read = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { read.deallocate() }
        Parallel.forEach(chunks: count) { k in
            var reader = CSVReader(bytes: UnsafeBufferPointer(rebasing: bytes[cuts[k]..<cuts[k + 1]]),
                                   maximumRows: maximumRows, skipsByteOrderMark: false)
            var part = RowSlots(values: whole.values + offsets[k] * whole.columns, lines: whole.lines + offsets[k],
                                columns: whole.columns, capacity: bounds[k])
            do throws(CSVError) { try reader.numericRows(into: &part) } catch {
                read[k] = -1
                return
            }
            read[k] = part.count
        }
        guard read.allSatisfy({ $0 >= 0 }), whole.count + read.reduce(0, +) <= maximumRows else { return false }
        // Close up the stretches (a part holds fewer rows than its line ends only around blank lines) and number
        // each part's lines from the line before it.
        var lineOffsets = [line - 1], total = whole.count
        for k in 0..<count {
            if offsets[k] != total {
                (whole.values + total * whole.columns).update(from: whole.values + offsets[k] * whole.columns,
                                                              count: read[k] * whole.columns)
                (whole.lines + total).update(from: whole.lines + offsets[k], count: read[k])
            }
            offsets[k] = total
            total += read[k]
            lineOffsets.append(lineOffsets[k] + lineEnds[k])
        }
        Parallel.forEach(chunks: count) { k in
            let lines = whole.lines + offsets[k]
            for row in 0..<read[k] { lines[row] += lineOffsets[k] }
        }
        slots.count = total
        position = bytes.count
        line = lineOffsets[count] + 1
        partsRead = count
        return true
    }

    // MARK: - Rows of plain numbers

    /// Reads a row of `columns` plain numbers (`1.5,-2e3,7`: no spaces, quotes or anything `DecimalParser.prefix`
    /// does not read) into `target` in one pass over its bytes, the common case of a numeric table. False, with
    /// nothing moved (what it wrote is overwritten), for any other row: `nextField` and `number` then read it, and
    /// say what is wrong with it.
    private mutating func plainRow(columns: Int, into target: UnsafeMutablePointer<Double>) -> Bool {
        var index = position, read = 0
        let count = bytes.count
        while let (value, end) = decimals.prefix(bytes, index) {
            target[read] = value
            read += 1
            if end == count {
                guard read == columns else { return false }
                position = end
                return true
            }
            let byte = bytes[end]
            if byte == 0x2C, read < columns {
                index = end + 1
            } else if (byte == 0x0A || byte == 0x0D), read == columns {
                position = end
                consumeLineEnd()
                return true
            } else {
                return false
            }
        }
        return false
    }

    // MARK: - Finding fields

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Moves past lines that hold only spaces; false at the end of the text.
    private mutating func skipBlankLines() -> Bool {
        while position < bytes.count {
            var probe = position
            while probe < bytes.count, isSpace(bytes[probe]) { probe += 1 }
            guard probe < bytes.count else { position = probe; return false }
            let byte = bytes[probe]
            guard byte == 0x0A || byte == 0x0D else { return true }
            position = probe
            consumeLineEnd()
        }
        return false
    }

    /// At `\n`, `\r\n` or `\r`: moves past it and counts the line.
    private mutating func consumeLineEnd() {
        if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 1 }
        position += 1
        line += 1
    }

    /// The next field of the current row, leaving `position` after its comma or line end.
    private mutating func nextField() throws(CSVError) -> Field {
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        var field: Field
        if position < bytes.count, bytes[position] == 0x22 {
            field = try quotedField()
        } else {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                position += 1
            }
            var end = position
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            field = Field(start: start, end: end, quoted: false, escapes: false, endsRow: false)
        }
        if position >= bytes.count {
            field.endsRow = true
        } else if bytes[position] == 0x2C {
            position += 1
        } else {
            field.endsRow = true
            consumeLineEnd()
        }
        return field
    }

    /// `"…"` with `""` for a quote inside; line breaks inside are part of the field (and counted as lines).
    private mutating func quotedField() throws(CSVError) -> Field {
        let openedOn = line
        position += 1
        let start = position
        var escapes = false
        while true {
            guard position < bytes.count else {
                throw CSVError(line: openedOn, reason: "a quoted field is not closed")
            }
            let byte = bytes[position]
            if byte == 0x22 {
                if position + 1 < bytes.count, bytes[position + 1] == 0x22 {
                    escapes = true
                    position += 2
                    continue
                }
                break
            }
            if byte == 0x0A || (byte == 0x0D && !(position + 1 < bytes.count && bytes[position + 1] == 0x0A)) {
                line += 1
            }
            position += 1
        }
        let end = position
        position += 1
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        if position < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[position]) {
            throw CSVError(line: line, reason: "text after a closing quote (a quote inside a quoted field is "
                               + "written \"\")")
        }
        return Field(start: start, end: end, quoted: true, escapes: escapes, endsRow: false)
    }

    // MARK: - Reading fields

    /// The field's text, quotes removed and `""` unescaped.
    private func text(_ field: Field) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
        return field.escapes ? raw.replacing("\"\"", with: "\"") : raw
    }

    /// The field as a number, or nil. Quoted numbers (`"1.5"`, spaces inside allowed) are numbers too.
    private func number(_ field: Field) -> Double? {
        var start = field.start, end = field.end
        if field.quoted {
            if field.escapes { return nil }
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        }
        guard start < end else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if let (value, stop) = decimals.prefix(text, 0), stop == text.count { return value }
        return DecimalParser.strtodWhole(text)
    }

    /// Field `index` (0-based) of the row on `line` is not a number.
    private func notANumber(_ field: Field, index: Int, line: Int) -> CSVError {
        let shown = Self.shortened(text(field))
        let what = shown.isEmpty ? "is empty" : "'\(shown)' is not a number"
        return CSVError(line: line, reason: "field \(index + 1) \(what)")
    }

    private static func shortened(_ text: String) -> String {
        text.unicodeScalars.count <= 40 ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…"
    }
}

// MARK: - Numbers

/// Decimal text to Double, correctly rounded: what `Double(String)` and C's `strtod` give, bit for bit.
struct DecimalParser {
    /// Exact powers of ten: every one up to 10^22 is a Double. Held by the parser, not a `static let`, whose lazy
    /// initialisation costs a check on every call (a tenth of the reading time on a large table).
    private let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number `[-+]digits[.digits][e[-+]digits]` that starts at `start` and where it ends, when it has at most
    /// 19 significant digits whose value and power of ten are exact Doubles (Clinger's fast path: the one rounding
    /// of `m × 10^e` or `m / 10^-e` is the correct one); nil for anything else (`inf`, `0x1p3`, 25 digits, 1e-30),
    /// which `strtodWhole` then reads. What follows the number is the caller's to judge.
    @inline(__always)
    func prefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> (value: Double, end: Int)? {
        let end = bytes.count
        var index = start
        guard index < end else { return nil }
        let negative = bytes[index] == 0x2D
        if negative || bytes[index] == 0x2B { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, exponent = 0
        // The integer part, then the fraction: two loops, so the digit loop tests nothing but the digit.
        while index < end, bytes[index] &- 0x30 < 10 {
            let digit = bytes[index] &- 0x30
            if mantissa != 0 || digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digits += 1
            index += 1
        }
        if index < end, bytes[index] == 0x2E {
            index += 1
            while index < end, bytes[index] &- 0x30 < 10 {
                let digit = bytes[index] &- 0x30
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                exponent -= 1
                index += 1
            }
        }
        // More than 19 significant digits may have wrapped the mantissa: strtod reads those.
        guard digits > 0, significant <= 19 else { return nil }
        if index < end, bytes[index] | 0x20 == 0x65 {
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == 0x2D || bytes[index] == 0x2B {
                exponentNegative = bytes[index] == 0x2D
                index += 1
            }
            var written = 0, exponentDigits = 0
            while index < end, bytes[index] &- 0x30 < 10 {
                written = written * 10 + Int(bytes[index] &- 0x30)
                exponentDigits += 1
                guard written < 10_000 else { return nil }
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        var value = Double(mantissa)
        value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
        return (negative ? -value : value, index)
    }

    /// `strtod` on the whole of `field`, nil unless it reads all of it. The field is copied with a terminating 0
    /// (it is rare: the fast path reads the common numbers), so strtod never reads past it.
    static func strtodWhole(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        // Leading spaces are trimmed already; strtod would also skip line ends, which are not part of a field.
        guard let first = field.first, ![0x0A, 0x0B, 0x0C, 0x0D].contains(first) else { return nil }
        var terminated = Array(field)
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer -> Double? in
            let text = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &stop)
            guard let stop, UnsafeRawPointer(stop) == UnsafeRawPointer(text + field.count) else { return nil }
            return value
        }
    }
}
