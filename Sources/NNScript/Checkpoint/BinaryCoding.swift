// MARK: - Little-endian writer

/// Appends fixed-width little-endian integers, IEEE floats and length-prefixed strings.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) { appendLittleEndian(UInt64(value), byteCount: 4) }

    mutating func u64(_ value: UInt64) { appendLittleEndian(value, byteCount: 8) }

    mutating func f32(_ value: Float) { u32(value.bitPattern) }

    mutating func f64(_ value: Double) { u64(value.bitPattern) }

    /// A count or size. The format stores them as u32; nothing nnscript can allocate comes near 2³².
    mutating func count(_ value: Int) { u32(UInt32(clamping: value)) }

    /// A u32 byte count, then the UTF-8 bytes.
    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func raw(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    private mutating func appendLittleEndian(_ value: UInt64, byteCount: Int) {
        for index in 0..<byteCount {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }
}

// MARK: - Bounds-checked reader

/// Reads what `BinaryWriter` writes. Every read checks the bytes remaining first and throws
/// `CheckpointError.malformed` with the offset, so no input, however damaged, can trap or over-allocate.
struct BinaryReader {
    private let bytes: [UInt8]
    private(set) var offset: Int
    private let end: Int

    /// Reads `bytes[range]`.
    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset == end }

    mutating func u8() throws -> UInt8 {
        try require(1, for: "a byte")
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws -> UInt32 { UInt32(truncatingIfNeeded: try littleEndian(byteCount: 4, what: "a u32")) }

    mutating func u64() throws -> UInt64 { try littleEndian(byteCount: 8, what: "a u64") }

    mutating func f32() throws -> Float { Float(bitPattern: try u32()) }

    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }

    /// A u32 count of items each at least `minimumItemSize` bytes, refused if the rest of the content cannot
    /// hold that many — the guard that keeps a damaged count from allocating gigabytes.
    mutating func count(of what: String, minimumItemSize: Int) throws -> Int {
        let start = offset
        let value = Int(try u32())
        guard value <= remaining / max(1, minimumItemSize) else {
            throw CheckpointError.malformed("\(what): a count of \(value) exceeds the remaining data", offset: start)
        }
        return value
    }

    mutating func bool(_ what: String) throws -> Bool {
        let start = offset
        switch try u8() {
        case 0: return false
        case 1: return true
        case let other: throw CheckpointError.malformed("\(what): \(other) is not a flag (0 or 1)", offset: start)
        }
    }

    mutating func string(_ what: String) throws -> String {
        let start = offset
        let length = try count(of: what, minimumItemSize: 1)
        let slice = bytes[offset..<offset + length]
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw CheckpointError.malformed("\(what) is not valid UTF-8", offset: start)
        }
        offset += length
        return text
    }

    /// `count` Float32 values.
    mutating func floats(_ count: Int, what: String) throws -> [Float] {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow, byteCount <= remaining else {
            throw CheckpointError.malformed("\(what): \(count) values exceed the remaining data", offset: offset)
        }
        var values = [Float]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try f32()) }
        return values
    }

    private mutating func littleEndian(byteCount: Int, what: String) throws -> UInt64 {
        try require(byteCount, for: what)
        var value: UInt64 = 0
        for index in 0..<byteCount {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        offset += byteCount
        return value
    }

    private func require(_ byteCount: Int, for what: String) throws {
        guard byteCount <= remaining else {
            throw CheckpointError.malformed("the content ends in the middle of \(what)", offset: offset)
        }
    }
}
