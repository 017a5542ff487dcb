import Foundation
import NNTensor

// MARK: - Data set

/// The training points of a session: x and y columns, and the noiseless target when it is known.
public struct DataSet: Sendable {
    public var xs: [Float]
    public var ys: [Float]
    /// The noiseless target function, when the data came from an expression (nil for CSV data).
    public var spec: DataSpec?
    /// The x range reports and plots cover.
    public var interval: Interval
    /// Where the data came from, for the run header.
    public var description: DataDescription

    public var count: Int { xs.count }

    /// The noiseless target at `x`, when known.
    public func truth(at x: Double) -> Double? { spec?.target(at: x) }
}

/// Builds data sets from `data` statements; each draws from its own named random stream so that changing the model
/// never changes the data.
public enum DataGenerator {
    /// Points of `spec.function` at uniform random (or evenly spaced) x, plus Gaussian noise from the noise stream.
    ///
    /// x draws from the stream `data`, noise from the stream `noise`, so adding noise does not move the x values.
    public static func generate(_ spec: DataSpec, seed: UInt64, range: SourceRange) -> Result<DataSet, Diagnostic> {
        var xStream = RandomStream(seed: seed, stream: "data")
        var noiseStream = RandomStream(seed: seed, stream: "noise")
        let n = spec.samples
        let low = spec.interval.low, high = spec.interval.high
        var xs = [Float](repeating: 0, count: n)
        var ys = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let x: Double
            if spec.grid {
                x = n == 1 ? low : low + (high - low) * Double(i) / Double(n - 1)
            } else {
                x = low + (high - low) * xStream.nextDouble()
            }
            let target = spec.target(at: x)
            guard target.isFinite else {
                return .failure(.nonFiniteTarget(at: x, at: spec.function.range))
            }
            let noise = spec.noise > 0 ? spec.noise * Double(noiseStream.nextNormal()) : 0
            xs[i] = Float(x)
            ys[i] = Float(target + noise)
            guard ys[i].isFinite else { return .failure(.nonFiniteTarget(at: x, at: spec.function.range)) }
        }
        let description = DataDescription(
            count: n, source: .expression(spec.functionText, noise: spec.noise > 0 ? spec.noise : nil),
            lower: low, upper: high, evenlySpaced: spec.grid)
        return .success(DataSet(xs: xs, ys: ys, spec: spec, interval: spec.interval, description: description))
    }

    /// Two numeric columns x, y from a CSV file (read by `CSVTable`: a header row, quoted fields, CRLF and a
    /// byte-order mark are fine). Files larger than `byteLimit` and more rows than `Limits.samples` allows are
    /// refused; every message names one line of the file.
    public static func readCSV(path: String, displayPath: String, range: SourceRange,
                               byteLimit: Int = 1 << 30) -> Result<DataSet, Diagnostic> {
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(.fileNotFound(displayPath, at: range))
        }
        let bytes: [UInt8]
        do { bytes = try FileContents.read(path, limit: byteLimit) } catch let error as FileReadError {
            return .failure(.fileUnreadable(displayPath, reason: error.reason, at: range))
        } catch {
            return .failure(.fileUnreadable(displayPath, reason: "\(error)", at: range))
        }
        let table: CSVTable
        do { table = try CSVTable.parse(bytes, maximumRows: Limits.samples.upperBound) } catch {
            return .failure(.malformedCSV(displayPath, line: error.line, reason: error.reason, at: range))
        }
        guard table.columnCount == 2 || table.rowCount == 0 else {
            return .failure(.malformedCSV(displayPath, line: table.rowLines.first ?? 1,
                                          reason: "expected 2 columns (x, y), found \(table.columnCount)", at: range))
        }
        var xs: [Float] = [], ys: [Float] = []
        xs.reserveCapacity(table.rowCount)
        ys.reserveCapacity(table.rowCount)
        for (row, line) in table.rowLines.enumerated() {
            let x = Float(table.values[2 * row]), y = Float(table.values[2 * row + 1])
            guard x.isFinite, y.isFinite else {
                return .failure(.malformedCSV(displayPath, line: line, reason: "value is not finite in Float32",
                                              at: range))
            }
            xs.append(x)
            ys.append(y)
        }
        guard xs.count >= 2 else {
            return .failure(.malformedCSV(displayPath, line: table.rowLines.last ?? 1,
                                          reason: "needs at least 2 data rows, found \(xs.count)", at: range))
        }
        let low = Double(xs.min()!), high = Double(xs.max()!)
        guard high > low else {
            return .failure(.malformedCSV(displayPath, line: table.rowLines[0], reason: "every x is the same",
                                          at: range))
        }
        let description = DataDescription(count: xs.count, source: .csv(displayPath), lower: low, upper: high)
        return .success(DataSet(xs: xs, ys: ys, spec: nil, interval: Interval(low: low, high: high),
                                description: description))
    }

    /// `count` evenly spaced points over `interval` (the report grid, holdout points).
    public static func grid(_ interval: Interval, count: Int) -> [Double] {
        guard count > 1 else { return [interval.low] }
        return (0..<count).map { interval.low + (interval.high - interval.low) * Double($0) / Double(count - 1) }
    }
}

extension DataSpec {
    /// The target expression as written, for the run header.
    public var functionText: String { Formatter.text(of: function) }
}
