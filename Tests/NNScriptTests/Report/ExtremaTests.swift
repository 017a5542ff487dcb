import Foundation
import NNScript
import Testing

@Suite struct ExtremaTests {
    /// The cases and counts printed by Golden/Report/extrema_reference.py, which runs peers.py's `extrema()`.
    static let peersCases: [(name: String, values: [Double], count: Int)] = [
        ("plateau peak", [0, 1, 2, 2, 2, 1, 0], 1),
        ("plateau step (no turn)", [0, 1, 1, 1, 2, 3], 0),
        ("tiny wiggle on a rise", [0, 1, 1 + 5e-7, 1, 1 + 5e-7, 2], 0),
        ("tiny wiggle on a flat", [1, 1 + 9e-7, 1, 1 + 9e-7, 1], 0),
        ("wiggle just above threshold", [1, 1 + 2e-6, 1, 1 + 2e-6, 1], 3),
        ("slow drift below threshold", [0, 5e-7, 1e-6, 1.5e-6, 2e-6, 1.5e-6, 1e-6], 0),
        ("zigzag", [0, 1, 0, 1, 0, 1], 4),
        ("nan inside", [0, 1, .nan, 1, 0], 1),
        ("constant", [3, 3, 3, 3], 0),
        ("two points", [0, 1], 0),
        ("sin on [-1, 9] 2001", (0...2000).map { sin(-1 + 10 * Double($0) / 2000) / 2.5 }, 3),
    ]

    @Test(arguments: peersCases.indices)
    func countsAsPeersDoes(index: Int) {
        let item = Self.peersCases[index]
        #expect(Extrema.count(of: item.values) == item.count, "\(item.name)")
    }

    @Test func plateauExtremumSitsInTheMiddleOfThePlateau() {
        let extrema = Extrema.positions(of: [0, 1, 2, 2, 2, 1, 0], grid: [0, 1, 2, 3, 4, 5, 6])
        #expect(extrema == [Extremum(kind: .maximum, x: 3, y: 2)])
    }

    @Test func kindsAlternate() {
        let extrema = Extrema.positions(of: [0, 1, 0, 1, 0], grid: nil)
        #expect(extrema.map(\.kind) == [.maximum, .minimum, .maximum])
        #expect(extrema.map(\.x) == [1, 2, 3])
    }

    @Test func sinExtremaAreAtTheTurningPoints() {
        let grid = (0...2000).map { -1 + 10 * Double($0) / 2000 }
        let extrema = Extrema.positions(of: grid.map { sin($0) }, grid: grid)
        let expected = [Double.pi / 2, 3 * Double.pi / 2, 5 * Double.pi / 2]
        #expect(extrema.count == 3)
        for (found, turn) in zip(extrema, expected) { #expect(abs(found.x - turn) < 0.01) }
    }

    // MARK: - Extra and missing

    @Test func extraExtremaAreLocated() throws {
        let metrics = try FitMetrics.compute(
            grid: ReportFixtures.grid, prediction: ReportFixtures.wigglyFit, truth: ReportFixtures.target)
        #expect(metrics.targetExtremaCount == 3)
        #expect(metrics.fitExtremaCount > 3)
        let comparison = metrics.extremaComparison
        #expect(comparison.missing.isEmpty)
        #expect(comparison.extra.count == metrics.fitExtremaCount - 3)
        #expect(comparison.extra.allSatisfy { $0.x < 1.3 })
        let summary = try #require(metrics.extremaSummary)
        #expect(summary == "6 extra extrema, all in [-0.8, 0.8]")
    }

    @Test func summariesForOneExtraAndForMissing() {
        let target = [Extremum(kind: .maximum, x: 1.57, y: 1), Extremum(kind: .minimum, x: 4.71, y: -1)]
        let oneExtra = ExtremaComparison(fit: target + [Extremum(kind: .maximum, x: 7.02, y: 0.3)], target: target)
        #expect(oneExtra.summary(span: 10) == "1 extra extremum, at x = 7")
        let missing = ExtremaComparison(fit: [target[0]], target: target)
        #expect(missing.summary(span: 10) == "1 missing extremum, at x = 4.7")
        #expect(ExtremaComparison(fit: target, target: target).summary(span: 10) == nil)
    }

    @Test func matchingRespectsKind() {
        // A minimum near the target's maximum does not stand in for it.
        let target = [Extremum(kind: .maximum, x: 1, y: 1)]
        let fit = [Extremum(kind: .minimum, x: 1.01, y: 0.9)]
        let comparison = ExtremaComparison(fit: fit, target: target)
        #expect(comparison.extra == fit)
        #expect(comparison.missing == target)
    }
}
