import Foundation
import NNScript
import Testing

/// Fixed data for the report tests: the seed's problem, sin(x)/2.5 on [-1, 9], with a fit that has four extra
/// wiggles left of x ≈ 1.3 (like the seed's failed fit) and noisy points from a fixed generator.
enum ReportFixtures {
    static let grid: [Double] = (0...200).map { -1 + 10 * Double($0) / 200 }
    static let target: [Double] = grid.map { sin($0) / 2.5 }
    /// The target plus a damped wiggle on the left: extra extrema there, a good fit elsewhere.
    static let wigglyFit: [Double] = grid.map { x in
        sin(x) / 2.5 + (x < 1.3 ? 0.15 * sin(9 * (x + 1)) * (1.3 - x) / 2.3 : 0)
    }
    static let goodFit: [Double] = grid.map { sin($0) / 2.5 + 0.01 * cos($0) }

    /// 300 points with uniform x and small noise, from a linear congruential generator (no platform randomness).
    static let points: (x: [Double], y: [Double]) = {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var xs: [Double] = []
        var ys: [Double] = []
        for _ in 0..<300 {
            let x = -1 + 10 * next()
            xs.append(x)
            ys.append(sin(x) / 2.5 + 0.1 * (next() - 0.5))
        }
        return (xs, ys)
    }()

    static var fitPlotData: FitPlotData {
        FitPlotData(
            title: "examples/seed-original.nn", grid: grid, target: target, fit: wigglyFit, pointsX: points.x,
            pointsY: points.y)
    }

    /// A loss curve falling from 0.5 over four decades, with a bump.
    static let losses: [Double] = (0..<500).map { i in
        let t = Double(i)
        return 0.5 * exp(-t / 60) + 5e-5 + (i > 200 && i < 220 ? 0.01 : 0)
    }

    /// Compares `actual` with the golden file `name` under Tests/NNScriptTests/Golden/Report; with the environment
    /// variable NNSCRIPT_UPDATE_GOLDEN=1 the file is (re)written instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden/Report/\(name)")
        if ProcessInfo.processInfo.environment["NNSCRIPT_UPDATE_GOLDEN"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: url, encoding: .utf8)
        #expect(expected != nil, "missing golden file \(name)", sourceLocation: sourceLocation)
        #expect(actual == expected, "output differs from golden file \(name)", sourceLocation: sourceLocation)
    }
}
