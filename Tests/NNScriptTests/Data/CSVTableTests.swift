import Foundation
import NNScript
import Testing

/// The CSV tokenizer: spreadsheet exports (CRLF, a byte-order mark, quoted fields) read as tables; every error
/// names one line. A CRLF file used to be refused as one line: `line 1: expected two numbers, found 'x,y··0,1··1,2'`.
@Suite struct CSVTableTests {
    private func parse(_ text: String) throws -> CSVTable {
        try CSVTable.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> CSVError? {
        do { _ = try parse(text); return nil } catch { return error as? CSVError }
    }

    @Test(arguments: ["x,y\r\n0,1\r\n1,2\r\n", "x,y\n0,1\n1,2", "x,y\r0,1\r1,2\r", "\u{FEFF}x,y\r\n0,1\r\n1,2\r\n",
                      "\"x\",\"y\"\r\n\"0\",\"1\"\r\n1,\" 2 \"\r\n", "\n  \nx , y\n\n0, 1\n \t\n1 ,2\n\n"])
    func lineEndsMarksAndQuotesOfSpreadsheetExports(text: String) throws {
        let table = try parse(text)
        #expect(table.header == ["x", "y"])
        #expect(table.columnCount == 2)
        #expect(table.values == [0, 1, 1, 2])
        #expect(table.column(1) == [1, 2])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let table = try parse("\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\r\n4,5,6\n")
        #expect(table.header == ["a, b", "say \"hi\"", "two\nlines"])
        #expect(table.values == [1, 2, 3, 4, 5, 6])
        #expect(table.rowLines == [3, 4], "the line break inside quotes counts as a line")
    }

    @Test func aFirstRowOfNumbersIsData() throws {
        let table = try parse("1,2,3,4\n5,6,7,8\n")
        #expect(table.header == nil)
        #expect(table.rowCount == 2 && table.columnCount == 4)
        #expect(table.rowLines == [1, 2])
    }

    @Test(arguments: [
        ("a,b,c\n1,2,3\n4,5\n", CSVError(line: 3, reason: "expected 3 fields, found 2")),
        ("x,y\r\n0,1\r\n1,2,3\r\n", CSVError(line: 3, reason: "expected 2 fields, found 3")),
        ("x,y\n0,1\n2,banana\n", CSVError(line: 3, reason: "field 2 'banana' is not a number")),
        ("x,y\n0,\n", CSVError(line: 2, reason: "field 2 is empty")),
        ("x,y\n0,\"1\n2,3\n", CSVError(line: 2, reason: "a quoted field is not closed")),
        ("x,y\n\"0\"z,1\n", CSVError(line: 2, reason: "text after a closing quote (a quote inside a quoted field is written \"\")")),
        ("x,y\n0,1\n2," + String(repeating: "q", count: 300) + "\n",
         CSVError(line: 3, reason: "field 2 '" + String(repeating: "q", count: 40) + "…' is not a number")),
    ])
    func errorsNameTheLineAndShowAtMostOneShortField(text: String, expected: CSVError) {
        #expect(failure(text) == expected)
    }

    @Test func rowsBeyondTheLimitAreRefused() throws {
        let error = try #require(throws: CSVError.self) { try CSVTable.parse(Array("1\n2\n3\n".utf8), maximumRows: 2) }
        #expect(error == CSVError(line: 3, reason: "more than 2 rows"))
    }

    /// The fast path and strtod agree with Swift's own parsing, bit for bit, on every form a number is written in.
    @Test func numbersAreReadExactlyAsDoubleReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "+1", "1.", ".5", "1e5", "1E-5", "-2.5e+3", "9007199254740993", "1e23", "1e-400",
                     "1e400", "123456789012345678901234567890", "0.1", "0.30000000000000004", "4.9e-324", "inf",
                     "-infinity", "nan", "0x1p3", "000123.4500", "1.7976931348623157e308", "2.2250738585072014e-308"]
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            texts.append("\(value)")
            texts.append(String(format: "%.17g", value))
            texts.append(String(format: "%.6f", Double.random(in: -1000...1000)))
            texts.append(String(format: "%.15g", Double.random(in: -1...1)))
        }
        let table = try parse(texts.joined(separator: "\n") + "\n")
        #expect(table.rowCount == texts.count)
        for (text, value) in zip(texts, table.values) {
            let expected = Double(text)!
            #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN), "\(text)")
        }
    }

    /// Rows of plain numbers are read in one pass (`plainRow`); any other row by fields. Both agree with
    /// `Double(String)` bit for bit, whichever reads a row, on short decimals (the common case, as `%.5g` and
    /// spreadsheets write them), whole numbers, exponents, and the forms only strtod reads.
    @Test func rowsReadInOnePassOrByFieldsGiveWhatDoubleGives() throws {
        var generator = SystemRandomNumberGenerator()
        let odd = ["inf", "-nan", "0x1p-3", "1e-30", "123456789012345678901", "4.9e-324", "1.", ".5", "-0", "+7",
                   "0.000000000000000000001", "9007199254740993", "1e22", "1e23", "2.5E+3"]
        let columns = 5
        var fields: [String] = [], lines: [String] = []
        for row in 0..<4000 {
            var line: [String] = []
            for column in 0..<columns {
                let unit = Double.random(in: -1...1, using: &generator)
                let text: String
                switch (row + column) % 7 {
                case 0: text = String(format: "%.5g", unit * [1.0, 10, 1000, 0.001][column % 4])
                case 1: text = String(Int.random(in: -100_000...100_000, using: &generator))
                case 2: text = String(format: "%.3e", unit * 1e6)
                case 3: text = odd[(row / 7 + column) % odd.count]
                case 4: text = String(format: "%.9f", unit)
                case 5: text = "\(unit)"
                default: text = String(format: "%.17g", unit * 1e-10)
                }
                fields.append(text)
                // Every 11th row has a field in quotes or with spaces: the row is read by fields.
                line.append(row % 11 == 0 && column == 2 ? "\" \(text)\"" : text)
            }
            lines.append(line.joined(separator: ","))
        }
        // Line ends of every kind: `\n`, `\r\n`, and `\r` alone.
        let text = lines.enumerated().map { $1 + ["\n", "\r\n", "\r"][$0 % 3] }.joined()
        let table = try parse("a,b,c,d,e\r\n" + text)
        #expect(table.rowCount == lines.count && table.columnCount == columns)
        for (text, value) in zip(fields, table.values) {
            let expected = Double(text)!
            #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN), "\(text)")
        }
    }

    /// A row that starts as plain numbers and then is not (a missing field, an extra one, a word, a trailing
    /// comma) is read again by fields and refused with the same message as before the one-pass reading.
    @Test(arguments: [
        ("x,y\n1,2\n3\n", CSVError(line: 3, reason: "expected 2 fields, found 1")),
        ("x,y\n1,2\n3,4,5\n", CSVError(line: 3, reason: "expected 2 fields, found 3")),
        ("x,y\n1,2\n3,4x\n", CSVError(line: 3, reason: "field 2 '4x' is not a number")),
        ("x,y\n1,2\n3,\r\n", CSVError(line: 3, reason: "field 2 is empty")),
        ("x,y\n1,2\n3,4,\n", CSVError(line: 3, reason: "expected 2 fields, found 3")),
    ])
    func plainRowsThatTurnOutNotToBeAreReadByFields(text: String, expected: CSVError) {
        #expect(failure(text) == expected)
    }

    // MARK: - Read in parts

    /// A table of `rows` numeric rows (about 1.2 MB at 45 000, over `partBytes`), with blank lines, CRLF and bare CR line ends and
    /// quoted-free fields of every form the one-pass path and `nextField` read.
    private static func largeTable(rows: Int, replacing row: Int? = nil, with text: String = "") -> [UInt8] {
        var out = "a,b,c,d\n"
        for i in 0..<rows {
            let end = i % 97 == 0 ? "\r\n" : (i % 89 == 0 ? "\r" : "\n")
            if i % 1000 == 500 { out += "  \n" }
            out += i == row ? text + end : "\(i),\(Double(i) / 8), -\(i % 13)e-2 , 1.5\(end)"
        }
        return Array(out.utf8)
    }

    @Test(arguments: [2, 3, 4])
    func aLargeTableReadInPartsIsTheTableOneReaderReads(parts: Int) throws {
        let bytes = Self.largeTable(rows: 45_000)
        #expect(bytes.count > 1 << 20)
        let one = try CSVTable.parse(bytes, parts: 1)
        let many = try CSVTable.parse(bytes, parts: parts)
        #expect(one.partsRead == 1 && many.partsRead == parts)
        #expect(many.header == ["a", "b", "c", "d"] && many.columnCount == 4 && many.rowCount == 45_000)
        #expect(many.values == one.values)
        #expect(many.rowLines == one.rowLines)
        #expect(many.rowLines.last == one.rowLines.last && one.rowLines.last == 45_000 + 1 + 45)
    }

    @Test(arguments: [("1,2,3", "expected 4 fields, found 3"), ("1,2,x,4", "field 3 'x' is not a number")])
    func aProblemInAnyPartIsReportedAsOneReaderReportsIt(text: String, reason: String) throws {
        for row in [3, 22_501, 44_990] {
            let bytes = Self.largeTable(rows: 45_000, replacing: row, with: text)
            let serial = #expect(throws: CSVError.self) { try CSVTable.parse(bytes, parts: 1) }
            let parallel = #expect(throws: CSVError.self) { try CSVTable.parse(bytes, parts: 4) }
            #expect(serial == parallel && serial?.reason == reason, "row \(row): \(String(describing: parallel))")
            #expect(serial?.line == row + 2 + row / 1000 + (row % 1000 > 500 ? 1 : 0))
        }
        let limited = #expect(throws: CSVError.self) {
            try CSVTable.parse(Self.largeTable(rows: 45_000), maximumRows: 44_999, parts: 4)
        }
        #expect(limited?.reason == "more than 44999 rows")
    }

    /// The rows are written in place into arrays sized from a count of the line ends, so each kind must count as
    /// one, with or without an end after the last row, in one part or several.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyKindOfLineEndHoldsItsRows(end: String) throws {
        for rows in [5, 100_000] {
            for last in [end, ""] {
                let text = "a,b,c" + end + (1...rows).map { "\($0),\(Double($0) / 4),\($0 % 7)" }
                    .joined(separator: end) + last
                let one = try CSVTable.parse(Array(text.utf8), parts: 1)
                let many = try CSVTable.parse(Array(text.utf8), parts: 3)
                // Parts are cut after a line feed: a table of `\r` ends alone is read by one reader.
                #expect(many.partsRead == (rows > 5 && end != "\r" ? 3 : 1))
                #expect(one.rowCount == rows && many.rowCount == rows)
                #expect(one.values == many.values && one.rowLines == many.rowLines)
                #expect(one.rowLines.last == rows + 1 && one.values.last == Double(rows % 7))
            }
        }
    }

    /// `numbersFirst` (how `data csv` reads: its target may hold labels) reads the table as numbers, in parts, and
    /// reads it again keeping the text columns only when that fails — a label in the last rows included.
    @Test func numbersFirstReadsTextOnlyWhenAFieldIsNotANumber() throws {
        let numeric = Self.largeTable(rows: 45_000)
        let plain = try CSVTable.parse(numeric, parts: 4, numbersFirst: true) { _, _ in [3] }
        let serial = try CSVTable.parse(numeric, parts: 1) { _, _ in [3] }
        #expect(plain.texts.isEmpty && plain.partsRead == 4 && serial.texts[3]?.count == 45_000)
        #expect(plain.values == serial.values && plain.rowLines == serial.rowLines)
        let labelled = try CSVTable.parse(Self.largeTable(rows: 45_000, replacing: 44_990, with: "1,2,3,cat"),
                                          parts: 4, numbersFirst: true) { _, _ in [3] }
        #expect(labelled.partsRead == 1 && labelled.texts[3]?.count == 45_000)
        #expect(labelled.texts[3]?[44_990] == "cat" && labelled.texts[3]?[0] == "1.5")
        #expect(labelled.values[44_990 * 4 + 3].isNaN && labelled.values[44_990 * 4 + 2] == 3)
        // A row with a problem: the error the text path reports.
        let broken = Self.largeTable(rows: 45_000, replacing: 30_000, with: "1,2,3")
        let first = #expect(throws: CSVError.self) {
            try CSVTable.parse(broken, parts: 4, numbersFirst: true) { _, _ in [3] }
        }
        let texts = #expect(throws: CSVError.self) { try CSVTable.parse(broken, parts: 4) { _, _ in [3] } }
        #expect(first != nil && first == texts)
    }

    /// Rows are written into arrays sized before they are read: a wide first row and megabytes of blank lines
    /// must not size them by the line ends alone (two rows of 2 000 numbers, not 2 M rows).
    @Test func blankLinesDoNotSizeTheTable() throws {
        let row = (1...2000).map(String.init).joined(separator: ",")
        let text = row + "\n" + String(repeating: "\n", count: 2 << 20) + row
        let table = try CSVTable.parse(Array(text.utf8), parts: 4)
        #expect(table.partsRead == 4 && table.rowCount == 2 && table.rowLines == [1, (2 << 20) + 2])
        #expect(table.values.count == 4000 && table.values.last == 2000)
        #expect(table.values.capacity < 1000 * 2000)  // sized by the line ends: 2 M rows of 2 000
    }

    @Test func aTableWithQuotesOrTextIsReadByOneReader() throws {
        var bytes = Self.largeTable(rows: 45_000)
        bytes += Array("\"1\",2,3,4\n".utf8)
        #expect(try CSVTable.parse(bytes, parts: 4).partsRead == 1)
        let labelled = try CSVTable.parse(Self.largeTable(rows: 45_000), parts: 4) { _, _ in [3] }
        #expect(labelled.partsRead == 1 && labelled.texts[3]?.count == 45_000)
    }
}
