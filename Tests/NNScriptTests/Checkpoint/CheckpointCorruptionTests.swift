import Crypto
import NNScript
import Testing

/// Damaged, foreign and random files: each gives a `CheckpointError` with a clear message, and nothing traps.
@Suite struct CheckpointCorruptionTests {
    private let valid = CheckpointFixtures.full.encode()

    private func decodeError(_ bytes: [UInt8]) -> CheckpointError? {
        do {
            _ = try Checkpoint.decode(bytes)
            return nil
        } catch let error as CheckpointError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    /// Replaces the trailing SHA-256 so the damage reaches the content parser instead of the checksum check.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        let body = Array(bytes.dropLast(32))
        return body + Array(SHA256.hash(data: body))
    }

    @Test func foreignFilesAreNotCheckpoints() {
        for foreign in [[], Array("seed 7\nlayer 8 tanh\n".utf8), [0x08, 0x08, 0x12, 0x08], Array("x,y\n1,2\n".utf8)] {
            #expect(decodeError(foreign) == .notACheckpoint)
        }
        #expect(CheckpointError.notACheckpoint.description.hasPrefix("not an nnscript checkpoint"))
    }

    @Test func anotherVersionIsNamedInTheError() {
        var bytes = valid
        bytes[8] = 3
        #expect(decodeError(bytes) == .unsupportedVersion(3))
        #expect(CheckpointError.unsupportedVersion(3).description
                == "checkpoint format version 3 is not supported (this build reads versions 1 to 2)")
    }

    @Test func everyTruncationIsReportedWithItsLength() {
        for length in 1..<valid.count {
            let error = decodeError(Array(valid.prefix(length)))
            #expect(error == .truncated(size: length, expected: length < 20 ? nil : valid.count), "length \(length)")
        }
        #expect(CheckpointError.truncated(size: 100, expected: 200).description
                == "corrupt checkpoint: truncated at byte 100 (the header announces 200 bytes)")
        #expect(CheckpointError.truncated(size: 5, expected: nil).description
                == "corrupt checkpoint: truncated at byte 5, inside the 20-byte header")
    }

    @Test func extraBytesAfterTheChecksumAreRefused() {
        guard case .malformed(_, let offset)? = decodeError(valid + [0]) else {
            Issue.record("expected a malformed-file error")
            return
        }
        #expect(offset == valid.count)
    }

    @Test func everyBitFlipIsDetected() {
        for byte in valid.indices {
            for bit in (byte < 20 ? Array(0..<8) : [byte % 8]) {
                var damaged = valid
                damaged[byte] ^= 1 << UInt8(bit)
                let error = decodeError(damaged)
                switch (byte, error) {
                case (0..<8, .notACheckpoint?), (8..<12, .unsupportedVersion?): break
                case (12..<20, .truncated?), (12..<20, .malformed?): break  // the content length
                case (20..., .checksumMismatch?): break
                default: Issue.record("flip of bit \(bit) of byte \(byte) gave \(String(describing: error))")
                }
            }
        }
    }

    @Test func randomFilesNeverDecodeOrTrap() {
        var generator = SplitMix64(seed: 2024)
        let header = Array(valid.prefix(12))
        for round in 0..<3000 {
            let length = Int(generator.next() % 200)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = header + bytes }  // a plausible header, then noise
            #expect(decodeError(bytes) != nil)
        }
    }

    /// The content parser under damage that passes the checksum: a file crafted, or written by a buggy tool.
    @Test func damagedContentWithAValidChecksumNeverTraps() {
        var generator = SplitMix64(seed: 7)
        var decoded = 0
        var refused = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<(1 + generator.next() % 4) {
                let index = 20 + Int(generator.next() % UInt64(valid.count - 52))
                bytes[index] = generator.next() % 3 == 0 ? 0xFF : UInt8(truncatingIfNeeded: generator.next())
            }
            switch decodeError(resealed(bytes)) {
            case nil: decoded += 1  // the damage hit a value, not the structure
            case .malformed?: refused += 1
            case let other?: Issue.record("unexpected error \(String(describing: other))")
            }
        }
        #expect(refused > 0)
        #expect(decoded + refused == 3000)
    }

    @Test func aHugeCountIsRefusedBeforeAllocating() {
        var bytes = CheckpointFixtures.empty.encode()
        // The recipe's length, the content's first field, claims 4 GB.
        bytes.replaceSubrange(20..<24, with: [0xFF, 0xFF, 0xFF, 0xFF])
        guard case .malformed(let reason, let offset)? = decodeError(resealed(bytes)) else {
            Issue.record("expected a malformed-file error")
            return
        }
        #expect(offset == 20)
        #expect(reason.contains("exceeds the remaining data"))
    }
}
