import Testing
import NNTensor

@Suite struct ColumnSumTests {
    /// Rows in order, one Float accumulator per column: the documented order, reproduced exactly.
    static func reference(rows: Int, cols: Int, values: [Float], ld: Int) -> [Float] {
        (0..<cols).map { c in
            var s: Float = 0
            for r in 0..<rows { s += values[r * ld + c] }
            return s
        }
    }

    @Test(arguments: [(4000, 1), (4000, 128), (3, 17), (1, 200), (700, 77), (33, 64)])
    func matchesRowOrderSumBitForBit(rows: Int, cols: Int) {
        let ld = cols + 3
        let values = (0..<(rows * ld)).map { Float(($0 * 7919) % 1013) / 1013 - 0.5 }
        let expected = Self.reference(rows: rows, cols: cols, values: values, ld: ld)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        for threads in [1, 2] {
            Parallel.threadCount = threads
            var target = [Float](repeating: 9, count: cols)
            ColumnSum.sum(rows: rows, cols: cols, source: values, ld: ld, into: &target)
            #expect(target.map(\.bitPattern) == expected.map(\.bitPattern), "threads \(threads)")
            ColumnSum.sum(rows: rows, cols: cols, source: values, ld: ld, into: &target, scale: 2, accumulate: true)
            #expect(target == expected.map { $0 + 2 * $0 })
        }
    }
}
