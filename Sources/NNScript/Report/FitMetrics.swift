import Foundation

/// Why a report could not be computed from the arrays it was given.
public enum ReportError: Error, Equatable, Sendable {
    /// `grid`, `prediction` and `truth` must have the same length; the lengths found.
    case lengthMismatch(grid: Int, prediction: Int, truth: Int)
    /// At least two grid points are needed.
    case tooFewPoints(Int)
    /// The grid must be finite and increasing.
    case gridNotIncreasing
    /// At least one region is needed.
    case noRegions
}

/// The mean squared error over one slice of the x range.
public struct RegionError: Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    /// Nil when no grid point fell in this slice.
    public var mse: Double?

    public init(lower: Double, upper: Double, mse: Double?) {
        self.lower = lower
        self.upper = upper
        self.mse = mse
    }
}

/// How good a fit is against the noiseless target on a dense grid: what `report` prints and `expect` checks.
public struct FitMetrics: Equatable, Sendable {
    /// Mean squared error of the fit against the noiseless target.
    public var mse: Double
    /// The largest |fit − target| (NaN or infinity when the fit is not finite somewhere).
    public var maxError: Double
    /// Where `maxError` occurs (the first such x).
    public var maxErrorX: Double
    /// Local extrema of the fit and of the target (peers.py's rule, see `Extrema`).
    public var fitExtrema: [Extremum]
    public var targetExtrema: [Extremum]
    /// MSE over equal slices of the grid's range, left to right.
    public var regions: [RegionError]
    /// The grid's range, used to round positions in summaries.
    public var lower: Double
    public var upper: Double

    public var fitExtremaCount: Int { fitExtrema.count }
    public var targetExtremaCount: Int { targetExtrema.count }

    /// Extra and missing extrema of the fit compared with the target's.
    public var extremaComparison: ExtremaComparison {
        ExtremaComparison(fit: fitExtrema, target: targetExtrema)
    }

    /// E.g. `4 extra extrema, all in [-1, 1.3]`; nil when fit and target extrema correspond one to one.
    public var extremaSummary: String? {
        extremaComparison.summary(span: upper - lower)
    }

    /// Computes every metric from a fit (`prediction`) and the noiseless target (`truth`) sampled on `grid`.
    public static func compute(
        grid: [Double], prediction: [Double], truth: [Double], regions: Int = 5
    ) throws(ReportError) -> FitMetrics {
        guard grid.count == prediction.count, grid.count == truth.count else {
            throw .lengthMismatch(grid: grid.count, prediction: prediction.count, truth: truth.count)
        }
        guard grid.count >= 2 else { throw .tooFewPoints(grid.count) }
        guard regions >= 1 else { throw .noRegions }
        for i in 1..<grid.count where !(grid[i] > grid[i - 1]) || !grid[i].isFinite || !grid[i - 1].isFinite {
            throw .gridNotIncreasing
        }

        var sumSquares = 0.0
        var maxError = 0.0
        var maxErrorX = grid[0]
        for i in grid.indices {
            let error = abs(prediction[i] - truth[i])
            sumSquares += error * error
            // A NaN error wins and stays, so a non-finite fit is reported where it first breaks, not hidden.
            if maxError.isNaN { continue }
            if error.isNaN || error > maxError {
                maxError = error
                maxErrorX = grid[i]
            }
        }
        let lower = grid[0]
        let upper = grid[grid.count - 1]
        return FitMetrics(
            mse: sumSquares / Double(grid.count),
            maxError: maxError,
            maxErrorX: maxErrorX,
            fitExtrema: Extrema.positions(of: prediction, grid: grid),
            targetExtrema: Extrema.positions(of: truth, grid: grid),
            regions: regionErrors(grid: grid, prediction: prediction, truth: truth, count: regions),
            lower: lower,
            upper: upper
        )
    }

    /// `count` evenly spaced points from `lower` to `upper`, both included: the dense grid `report` evaluates the fit
    /// and the target on (2001 points by default). Empty when `count` < 2 or the range is not finite and increasing.
    public static func denseGrid(lower: Double, upper: Double, count: Int = 2001) -> [Double] {
        guard count >= 2, lower.isFinite, upper.isFinite, upper > lower else { return [] }
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? upper : lower + step * Double($0) }
    }

    /// MSE over `count` equal slices of [first, last] of the grid; a point on a boundary belongs to the right slice,
    /// the last point to the last slice.
    static func regionErrors(grid: [Double], prediction: [Double], truth: [Double], count: Int) -> [RegionError] {
        let lower = grid[0]
        let width = (grid[grid.count - 1] - lower) / Double(count)
        var sums = [Double](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: count)
        for i in grid.indices {
            // Clamped before the conversion to Int, which traps on NaN and huge values (a range near ±1e308).
            let position = ((grid[i] - lower) / width).rounded(.down)
            let slice = position.isFinite ? Int(min(max(position, 0), Double(count - 1))) : (i == 0 ? 0 : count - 1)
            let error = prediction[i] - truth[i]
            sums[slice] += error * error
            counts[slice] += 1
        }
        return (0..<count).map { slice in
            RegionError(
                lower: lower + Double(slice) * width,
                upper: slice == count - 1 ? grid[grid.count - 1] : lower + Double(slice + 1) * width,
                mse: counts[slice] > 0 ? sums[slice] / Double(counts[slice]) : nil
            )
        }
    }
}

// MARK: - Loss trend

/// Whether training was still making progress when it stopped.
public enum LossTrend {
    /// The relative drop between the two windows above which the loss counts as still falling (1 %).
    public static let fallingThreshold = 0.01

    /// True when the loss was still falling at the end of training, so training longer would likely help.
    ///
    /// The rule: split off the last 10 % of the recorded losses (at least one value) and the 10 % before it; the loss
    /// is still falling when the mean of the last window is more than 1 % below the mean of the window before.
    /// Means rather than single values, so mini-batch noise does not decide. Fewer than 20 losses, or non-finite
    /// values in either window, give false: there is nothing honest to say.
    public static func lossStillFalling(losses: [Double]) -> Bool {
        guard let drop = relativeDrop(losses: losses) else { return false }
        return drop > fallingThreshold
    }

    /// (previous window mean − last window mean) / previous window mean, as used by `lossStillFalling`; nil when
    /// there are too few or non-finite losses.
    public static func relativeDrop(losses: [Double]) -> Double? {
        guard losses.count >= 20 else { return nil }
        let window = max(1, losses.count / 10)
        let last = losses[(losses.count - window)...]
        let previous = losses[(losses.count - 2 * window)..<(losses.count - window)]
        let lastMean = last.reduce(0, +) / Double(window)
        let previousMean = previous.reduce(0, +) / Double(window)
        guard lastMean.isFinite, previousMean.isFinite, previousMean > 0 else { return nil }
        return (previousMean - lastMean) / previousMean
    }
}
