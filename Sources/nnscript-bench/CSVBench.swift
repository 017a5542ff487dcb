import Foundation
import NNScript

/// Times `CSVTable.parse` (with the file read), and `data csv`'s whole reading into a data set, on a numeric
/// table: by default 300 000 rows × 20 columns, about 50 MB (decimals of 5 significant digits at several scales,
/// and whole numbers). Compare with pandas on the same file: `scripts/csv-bench-pandas.py FILE`. Run with
/// `swift run -c release nnscript-bench csv [FILE]` (FILE is generated when it does not exist).
enum CSVBench {
    static func run(path: String, rows: Int = 300_000, columns: Int = 20) {
        if !FileManager.default.fileExists(atPath: path) {
            write(path: path, rows: rows, columns: columns)
        }
        var bestWall = Double.infinity, bestCPU = Double.infinity
        var table: CSVTable?
        for _ in 0..<5 {
            let wall = DispatchTime.now().uptimeNanoseconds, cpu = processSeconds()
            do {
                table = try CSVTable.parse(FileContents.read(path))
            } catch {
                print("csv: \(error)")
                return
            }
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
            bestCPU = min(bestCPU, processSeconds() - cpu)
        }
        guard let table else { return }
        // What `data csv "FILE"` does: read it, the last column the target, into a data set of Floats.
        var bestData = Double.infinity
        let here = SourcePosition(line: 1, column: 1, offset: 0)
        for _ in 0..<5 {
            let wall = DispatchTime.now().uptimeNanoseconds
            if case let .failure(diagnostic) = DataGenerator.readCSV(
                path: path, displayPath: path, range: SourceRange(file: path, start: here, end: here)) {
                print("csv: \(diagnostic.message)")
                return
            }
            bestData = min(bestData, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
        }
        let megabytes = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1e6
        var checksum = 0.0
        for value in table.values { checksum += value }
        print(String(format: "nnscript CSVTable: %d rows × %d columns, %.1f MB: best of 5 %.3f s wall, %.3f s CPU "
                         + "(%.0f MB/s of CPU), sum %.6g",
                     table.rowCount, table.columnCount, megabytes, bestWall, bestCPU, megabytes / bestCPU, checksum))
        print(String(format: "nnscript data csv (read into a data set, the last column the target): "
                         + "best of 5 %.3f s wall", bestData))
    }

    /// This process's CPU time: on a shared machine wall time measures the neighbours too.
    private static func processSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// A header `c1,…`, then uniform numbers at several scales with 5 significant digits, every fifth column whole.
    static func write(path: String, rows: Int, columns: Int) {
        var generator = SplitMix(state: 20_261_130)
        var text = (1...columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(rows * columns * 9)
        for _ in 0..<rows {
            for column in 0..<columns {
                let unit = Double(generator.next() >> 11) / Double(1 << 53)
                let value = (unit - 0.5) * [1.0, 10, 1000, 0.001][column % 4]
                text += column == 0 ? "" : ","
                text += column % 5 == 4 ? String(Int(unit * 1000)) : String(format: "%.5g", value)
            }
            text += "\n"
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}

/// A small deterministic generator, so every run of the benchmark reads the same file.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
