import Testing
import NNTensor

@Suite struct ParallelTests {
    @Test func everyChunkRunsExactlyOnce() {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        for threads in [1, 2, 3] {
            Parallel.threadCount = threads
            for chunks in [0, 1, 2, 7, 1000] {
                var counts = [Int](repeating: 0, count: chunks)
                counts.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress
                    Parallel.forEach(chunks: chunks) { chunk in base![chunk] += 1 }
                }
                #expect(counts == [Int](repeating: 1, count: chunks), "threads=\(threads) chunks=\(chunks)")
            }
        }
    }

    @Test func nestedCallsRunInline() {
        var total = [Int](repeating: 0, count: 8 * 8)
        total.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            Parallel.forEach(chunks: 8) { outer in
                Parallel.forEach(chunks: 8) { inner in base[outer * 8 + inner] += outer + inner }
            }
        }
        #expect(total == (0..<64).map { $0 / 8 + $0 % 8 })
    }

    @Test func threadCountStaysPositive() {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 0
        // Other suites may set it concurrently, but only ever to positive values.
        #expect(Parallel.threadCount >= 1)
    }
}
