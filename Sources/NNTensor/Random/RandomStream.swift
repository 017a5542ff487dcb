import Foundation

// MARK: - RandomStream

/// A reproducible stream of random numbers, keyed by a seed and a stream name.
///
/// Built on the counter-based Philox4x32-10: the key comes from the seed and a stable hash of the name, and the
/// stream's only state is `counter`, the number of 32-bit words drawn so far. So streams named "init", "noise",
/// "data-x" and "shuffle" under one seed are independent — drawing from one never shifts another — and a checkpoint
/// that saves `counter` resumes the stream exactly. Draws are the same on every machine and thread count.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable {
    /// The seed the stream was created with.
    public let seed: UInt64
    /// The stream's name.
    public let stream: String
    /// The Philox key derived from `seed` and `stream`.
    public let key: SIMD2<UInt32>

    /// The number of 32-bit words drawn so far. Save it in checkpoints; setting it repositions the stream.
    public var counter: UInt64 {
        get { position }
        set {
            position = newValue
            bufferedBlock = .max
        }
    }

    private var position: UInt64 = 0
    // The Philox output for block `bufferedBlock` (word `position` lives in block `position / 4`).
    private var buffer = SIMD4<UInt32>()
    private var bufferedBlock: UInt64 = .max

    /// A stream under `seed` named `stream`, positioned at its first word.
    public init(seed: UInt64, stream: String) {
        self.seed = seed
        self.stream = stream
        self.key = RandomStream.key(seed: seed, stream: stream)
    }

    /// The Philox key for (seed, stream name): SplitMix64 over the seed mixed with the FNV-1a hash of the name.
    ///
    /// FNV-1a is fixed by its specification, unlike Swift's per-process randomised `Hasher`, so keys are the same
    /// on every run and machine.
    public static func key(seed: UInt64, stream: String) -> SIMD2<UInt32> {
        var nameHash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 {
            nameHash ^= UInt64(byte)
            nameHash &*= 0x0000_0100_0000_01B3
        }
        let mixed = splitMix64(splitMix64(seed) ^ nameHash)
        return SIMD2(UInt32(truncatingIfNeeded: mixed), UInt32(truncatingIfNeeded: mixed >> 32))
    }

    private static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Streams are equal when they would draw the same numbers from here on.
    public static func == (lhs: RandomStream, rhs: RandomStream) -> Bool {
        lhs.key == rhs.key && lhs.position == rhs.position
    }

    // MARK: - Integers

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        let block = position >> 2
        if block != bufferedBlock {
            let counterWords = SIMD4<UInt32>(UInt32(truncatingIfNeeded: block), UInt32(truncatingIfNeeded: block >> 32),
                                             0, 0)
            buffer = Philox4x32.block(counter: counterWords, key: key)
            bufferedBlock = block
        }
        let word = buffer[Int(position & 3)]
        position &+= 1
        return word
    }

    /// The next 64 random bits (two words, high word first); makes the stream a `RandomNumberGenerator`.
    public mutating func next() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method); 0 when `bound` ≤ 1.
    public mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = range.multipliedFullWidth(by: next())
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = range.multipliedFullWidth(by: next())
            }
        }
        return Int(product.high)
    }

    // MARK: - Floating point

    /// A uniform Float in [0, 1): 24 random bits, so every value is a multiple of 2⁻²⁴.
    public mutating func nextUniform() -> Float {
        Float(nextUInt32() >> 8) * 0x1p-24
    }

    /// A uniform Double in [0, 1): 53 random bits from two words.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample by Box–Muller, computed in Double so the rounded Float is the same on every machine.
    ///
    /// Each sample consumes four words (two doubles) and uses the cosine branch only, so the stream's state stays
    /// the single `counter`.
    public mutating func nextNormal() -> Float {
        let u1 = 1 - nextDouble()          // (0, 1]: log never sees 0
        let u2 = nextDouble()
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    // MARK: - Buffers

    /// Fills `buffer` with samples uniform in [low, high).
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, low: Float, high: Float) {
        let width = high - low
        for i in buffer.indices { buffer[i] = low + width * nextUniform() }
    }

    /// Fills `buffer` with normal samples of the given mean and standard deviation.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0,
                                    standardDeviation: Float = 1) {
        for i in buffer.indices { buffer[i] = mean + standardDeviation * nextNormal() }
    }

    // MARK: - Permutations

    /// Shuffles `collection` in place (Fisher–Yates), e.g. a preallocated index buffer for mini-batches.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ collection: inout C)
    where C.Index == Int {
        let start = collection.startIndex
        var remaining = collection.count
        while remaining > 1 {
            let pick = nextInt(below: remaining)
            remaining -= 1
            collection.swapAt(start + pick, start + remaining)
        }
    }

    /// `shuffle` for an index array, compiled here: the generic version called from another module runs
    /// unspecialised, and its witness calls allocate. The same draws and swaps, so the same permutation.
    public mutating func shuffle(_ indices: inout [Int]) {
        indices.withUnsafeMutableBufferPointer { buffer in
            var remaining = buffer.count
            while remaining > 1 {
                let pick = nextInt(below: remaining)
                remaining -= 1
                buffer.swapAt(pick, remaining)
            }
        }
    }

    /// A uniformly random permutation of `0..<count`.
    public mutating func permutation(count: Int) -> [Int] {
        var indices = Array(0..<max(0, count))
        shuffle(&indices)
        return indices
    }
}
