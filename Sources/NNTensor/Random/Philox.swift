// MARK: - Philox4x32-10

/// The Philox4x32-10 block function of Random123 (Salmon, Moraes, Dror and Shaw, SC'11): a keyed bijection of a
/// 128-bit counter, so the `n`-th block of a stream is computed directly, with no state carried from block to block.
///
/// Ten rounds of two 32×32→64-bit multiplications in a Feistel-like network; the key is bumped by the Weyl
/// constants between rounds. Checked against Random123's published known-answer vectors.
public enum Philox4x32 {
    // The multipliers and Weyl key increments of Random123's philox4x32.
    static let multiplier0: UInt32 = 0xD251_1F53
    static let multiplier1: UInt32 = 0xCD9E_8D57
    static let weyl0: UInt32 = 0x9E37_79B9
    static let weyl1: UInt32 = 0xBB67_AE85

    /// The ten-round Philox bijection of `counter` under `key`.
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k.x &+= weyl0
                k.y &+= weyl1
            }
            let product0 = UInt64(multiplier0) &* UInt64(c.x)
            let product1 = UInt64(multiplier1) &* UInt64(c.z)
            c = SIMD4(UInt32(truncatingIfNeeded: product1 >> 32) ^ c.y ^ k.x,
                      UInt32(truncatingIfNeeded: product1),
                      UInt32(truncatingIfNeeded: product0 >> 32) ^ c.w ^ k.y,
                      UInt32(truncatingIfNeeded: product0))
        }
        return c
    }
}
