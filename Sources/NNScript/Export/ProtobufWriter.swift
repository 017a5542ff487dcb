// MARK: - Protocol Buffers encoding

/// A minimal Protocol Buffers (proto2/proto3 wire format) encoder: just what ONNX's ModelProto needs.
///
/// Why hand-written rather than apple/swift-protobuf: the exporter writes nine ONNX message types and reads none.
/// The wire format for them is four rules — varints, length-delimited fields, fixed32 floats and packed repeated
/// fields — about a hundred lines that are easy to test against the `onnx` Python package. swift-protobuf would
/// add a dependency, several thousand lines of generated code for `onnx.proto` to commit and regenerate, and the
/// slow `protoc` plugin build on every clean checkout, for no capability the exporter uses.
/// See docs/formats.md.
public struct ProtobufWriter {
    /// The encoded message so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The wire types this encoder emits.
    enum WireType: UInt64 {
        case varint = 0
        case lengthDelimited = 2
        case fixed32 = 5
    }

    // MARK: - Scalars

    /// A varint field (int32, int64, uint64, enum, bool). Negative values take ten bytes, as protobuf specifies.
    public mutating func int(_ field: Int, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    /// A `float` field: four little-endian bytes.
    public mutating func float(_ field: Int, _ value: Float) {
        tag(field, .fixed32)
        fixed32(value.bitPattern)
    }

    /// A `string` field, UTF-8 encoded.
    public mutating func string(_ field: Int, _ value: String) {
        lengthDelimited(field, Array(value.utf8))
    }

    /// An embedded message field, built by `build` on a fresh writer.
    public mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        lengthDelimited(field, nested.bytes)
    }

    // MARK: - Packed repeated fields

    /// A packed `repeated float` field. Written even when empty, so the field's presence is explicit.
    public mutating func packedFloats(_ field: Int, _ values: [Float]) {
        tag(field, .lengthDelimited)
        varint(UInt64(values.count * 4))
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for value in values { fixed32(value.bitPattern) }
    }

    /// A packed `repeated int64` field.
    public mutating func packedInts(_ field: Int, _ values: [Int64]) {
        var payload = ProtobufWriter()
        for value in values { payload.varint(UInt64(bitPattern: value)) }
        lengthDelimited(field, payload.bytes)
    }

    // MARK: - Primitives

    private mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    private mutating func tag(_ field: Int, _ wireType: WireType) {
        varint(UInt64(field) << 3 | wireType.rawValue)
    }

    /// Base-128, least significant group first, the high bit marking "more follows".
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func fixed32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    }
}
