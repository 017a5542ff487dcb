/// SplitMix64: a small, fast generator whose whole state is one word, so the fuzzer's input number `i` of seed `s`
/// can be rebuilt on its own (`--replay i`) without generating the inputs before it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state.
    public var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The generator for input `index` of the run seeded with `seed`: independent streams for every pair.
    public init(seed: UInt64, index: Int) {
        var mixer = SplitMix64(seed: seed)
        state = mixer.next() ^ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // MARK: - Choices

    /// A number in `0..<bound` (0 when `bound` is not positive).
    mutating func below(_ bound: Int) -> Int {
        bound > 0 ? Int(next() % UInt64(bound)) : 0
    }

    /// A number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A length that is usually small and now and then large: `0…limit`, biased towards 0.
    mutating func skewedLength(_ limit: Int) -> Int {
        let scale = below(4)
        let cap = scale == 0 ? limit : min(limit, [4, 16, 256][scale - 1])
        return below(cap + 1)
    }
}
