import Crypto

// MARK: - File layout (version 2; version 1 ends its content before the data signature)
//
//   offset  size  field
//   0       8     magic: 0x89 "NNSCKPT" (the high first byte catches text-mode transfers, like PNG's)
//   8       4     format version, u32
//   12      8     content length L, u64
//   20      L     content (below)
//   20+L    32    SHA-256 of bytes [0, 20+L)
//
// All integers little-endian. docs/formats.md lists the content field by field.

extension Checkpoint {
    static let magic: [UInt8] = [0x89, 0x4E, 0x4E, 0x53, 0x43, 0x4B, 0x50, 0x54]
    static let headerSize = 20
    static let checksumSize = 32

    /// The checkpoint as a file's bytes (`version` 1, which drops the data signature, is for tests of old files).
    public func encode(version: UInt32 = Checkpoint.formatVersion) -> [UInt8] {
        var content = BinaryWriter()
        encodeContent(into: &content, version: version)
        var file = BinaryWriter()
        file.raw(Self.magic)
        file.u32(version)
        file.u64(UInt64(content.bytes.count))
        file.raw(content.bytes)
        file.raw(Array(SHA256.hash(data: file.bytes)))
        return file.bytes
    }

    /// Parses a checkpoint file, checking its signature, version, length and checksum before reading any field.
    /// Any bytes at all give either a checkpoint or a `CheckpointError`; nothing traps.
    public static func decode(_ bytes: [UInt8]) throws -> Checkpoint {
        let prefix = bytes.prefix(magic.count)
        guard !bytes.isEmpty, prefix.elementsEqual(magic.prefix(prefix.count)) else {
            throw CheckpointError.notACheckpoint
        }
        guard bytes.count >= headerSize else {
            throw CheckpointError.truncated(size: bytes.count, expected: nil)
        }
        var header = BinaryReader(bytes, range: magic.count..<headerSize)
        let version = try header.u32()
        guard readableVersions.contains(version) else { throw CheckpointError.unsupportedVersion(version) }
        let contentLength = try header.u64()
        let available = UInt64(bytes.count - headerSize - min(bytes.count - headerSize, checksumSize))
        guard contentLength <= available, bytes.count >= headerSize + Int(contentLength) + checksumSize else {
            let expected = contentLength > UInt64(Int.max / 2)
                ? Int.max : headerSize + Int(contentLength) + checksumSize
            throw CheckpointError.truncated(size: bytes.count, expected: expected)
        }
        let contentEnd = headerSize + Int(contentLength)
        guard bytes.count == contentEnd + checksumSize else {
            throw CheckpointError.malformed("\(bytes.count - contentEnd - checksumSize) extra bytes after the checksum",
                                            offset: contentEnd + checksumSize)
        }
        let digest = Array(SHA256.hash(data: bytes[0..<contentEnd]))
        guard digest == Array(bytes[contentEnd...]) else { throw CheckpointError.checksumMismatch }

        var reader = BinaryReader(bytes, range: headerSize..<contentEnd)
        let checkpoint = try decodeContent(from: &reader, version: version)
        guard reader.isAtEnd else {
            throw CheckpointError.malformed("\(reader.remaining) unread bytes at the end of the content",
                                            offset: reader.offset)
        }
        return checkpoint
    }

    // MARK: - Content

    private func encodeContent(into writer: inout BinaryWriter, version: UInt32) {
        writer.string(recipe)

        writer.count(architecture.inputSize)
        writer.count(architecture.layers.count)
        for layer in architecture.layers {
            writer.count(layer.outputs)
            writer.u8(layer.bias ? 1 : 0)
            writer.string(layer.activation)
        }

        Self.encodeTensors(parameters, into: &writer)

        writer.string(optimizer.kind)
        writer.u64(optimizer.step)
        Self.encodeNamedWords(optimizer.scalars.mapValues(\.bitPattern), into: &writer)
        Self.encodeTensors(optimizer.buffers, into: &writer)

        writer.u64(schedulePosition)

        Self.encodeNamedWords(rngCounters, into: &writer)

        writer.u64(dataCursor.epoch)
        writer.u64(dataCursor.position)
        writer.u64(dataCursor.permutationSeed)
        writer.u64(dataCursor.permutationCounter)
        writer.count(dataCursor.permutation.count)
        for index in dataCursor.permutation { writer.u32(UInt32(clamping: index)) }

        writer.u64(iteration)

        writer.count(lossHistory.count)
        for sample in lossHistory {
            writer.u64(sample.iteration)
            writer.f64(sample.loss)
        }

        guard version >= 2 else { return }
        // Version 2: the data signature, after a flag saying whether there is one.
        writer.u8(data == nil ? 0 : 1)
        guard let signature = data else { return }
        writer.u8(signature.classes == nil ? 0 : 1)
        Self.encodeStrings(signature.classes ?? [], into: &writer)
        Self.encodeStrings(signature.features, into: &writer)
        writer.u8(signature.scaling == nil ? 0 : 1)
        let scaling = signature.scaling ?? InputScaling(mean: [], std: [])
        writer.count(scaling.mean.count)
        for (mean, std) in zip(scaling.mean, scaling.std) {
            writer.f64(mean)
            writer.f64(std)
        }
    }

    private static func encodeStrings(_ strings: [String], into writer: inout BinaryWriter) {
        writer.count(strings.count)
        for string in strings { writer.string(string) }
    }

    private static func decodeStrings(from reader: inout BinaryReader, what: String) throws -> [String] {
        var strings: [String] = []
        for _ in 0..<(try reader.count(of: "the \(what) list", minimumItemSize: 4)) {
            strings.append(try reader.string("a \(what)"))
        }
        return strings
    }

    private static func decodeDataSignature(from reader: inout BinaryReader) throws -> DataSignature {
        let hasClasses = try reader.bool("the classes flag")
        let classes = try decodeStrings(from: &reader, what: "class name")
        let features = try decodeStrings(from: &reader, what: "feature")
        let hasScaling = try reader.bool("the normalize flag")
        var mean: [Double] = [], std: [Double] = []
        for _ in 0..<(try reader.count(of: "the normalize statistics", minimumItemSize: 16)) {
            mean.append(try reader.f64())
            std.append(try reader.f64())
        }
        let offset = reader.offset
        if !hasClasses, !classes.isEmpty {
            throw CheckpointError.malformed("class names without the classes flag", offset: offset)
        }
        if !hasScaling, !mean.isEmpty {
            throw CheckpointError.malformed("normalize statistics without the normalize flag", offset: offset)
        }
        if let bad = (mean + std).first(where: { !$0.isFinite }) ?? std.first(where: { !($0 > 0) }) {
            throw CheckpointError.malformed("a normalize statistic is \(bad)", offset: offset)
        }
        return DataSignature(classes: hasClasses ? classes : nil, features: features,
                             scaling: hasScaling ? InputScaling(mean: mean, std: std) : nil)
    }

    private static func decodeContent(from reader: inout BinaryReader, version: UInt32) throws -> Checkpoint {
        let recipe = try reader.string("the recipe")

        let inputSize = Int(try reader.u32())
        let layerCount = try reader.count(of: "the layer list", minimumItemSize: 9)
        var layers: [ArchitectureSignature.Layer] = []
        for _ in 0..<layerCount {
            let outputs = Int(try reader.u32())
            let bias = try reader.bool("a layer's bias flag")
            layers.append(.init(outputs: outputs, activation: try reader.string("an activation"), bias: bias))
        }

        let parameters = try decodeTensors(from: &reader, what: "the parameter list")

        let kind = try reader.string("the optimizer's name")
        let step = try reader.u64()
        let scalars = try decodeNamedWords(from: &reader, what: "optimizer scalar").mapValues(Double.init(bitPattern:))
        let buffers = try decodeTensors(from: &reader, what: "the optimizer's buffers")

        let schedulePosition = try reader.u64()

        let rngCounters = try decodeNamedWords(from: &reader, what: "random stream")

        var cursor = DataCursor(epoch: try reader.u64(), position: try reader.u64(),
                                permutationSeed: try reader.u64(), permutationCounter: try reader.u64())
        let permutationCount = try reader.count(of: "the data permutation", minimumItemSize: 4)
        cursor.permutation.reserveCapacity(permutationCount)
        for _ in 0..<permutationCount { cursor.permutation.append(Int(try reader.u32())) }
        let iteration = try reader.u64()

        var lossHistory: [LossSample] = []
        let sampleCount = try reader.count(of: "the loss history", minimumItemSize: 16)
        lossHistory.reserveCapacity(sampleCount)
        for _ in 0..<sampleCount {
            lossHistory.append(LossSample(iteration: try reader.u64(), loss: try reader.f64()))
        }
        let data = try version >= 2 && reader.bool("the data signature flag") ? decodeDataSignature(from: &reader) : nil

        return Checkpoint(
            recipe: recipe, architecture: ArchitectureSignature(inputSize: inputSize, layers: layers),
            parameters: parameters,
            optimizer: OptimizerSnapshot(kind: kind, step: step, scalars: scalars, buffers: buffers),
            schedulePosition: schedulePosition, rngCounters: rngCounters, dataCursor: cursor, iteration: iteration,
            lossHistory: lossHistory, data: data)
    }

    // MARK: - Named words

    /// A u32 count, then per entry in name order: string name, u64 value (a counter, or a Double's bits).
    private static func encodeNamedWords(_ entries: [String: UInt64], into writer: inout BinaryWriter) {
        writer.count(entries.count)
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            writer.u64(value)
        }
    }

    private static func decodeNamedWords(from reader: inout BinaryReader, what: String) throws -> [String: UInt64] {
        var entries: [String: UInt64] = [:]
        for _ in 0..<(try reader.count(of: "the \(what) list", minimumItemSize: 12)) {
            let offset = reader.offset
            let name = try reader.string("a \(what)'s name")
            guard entries.updateValue(try reader.u64(), forKey: name) == nil else {
                throw CheckpointError.malformed("the \(what) \"\(name)\" appears twice", offset: offset)
            }
        }
        return entries
    }

    // MARK: - Tensors

    /// A u32 count, then per tensor: name, u32 rank, u32 dimensions, and the product of the dimensions in f32s.
    private static func encodeTensors(_ tensors: [NamedTensor], into writer: inout BinaryWriter) {
        writer.count(tensors.count)
        for tensor in tensors {
            writer.string(tensor.name)
            // A tensor whose values disagree with its shape (a caller's bug) is stored flat, so no value is lost,
            // nothing huge is allocated, and the file still parses; loading it reports the shape mismatch.
            let consistent = NamedTensor.elementCount(of: tensor.shape) == tensor.values.count
            let shape = consistent ? tensor.shape : [tensor.values.count]
            writer.count(shape.count)
            for dimension in shape { writer.count(dimension) }
            for value in tensor.values { writer.f32(value) }
        }
    }

    private static func decodeTensors(from reader: inout BinaryReader, what: String) throws -> [NamedTensor] {
        var tensors: [NamedTensor] = []
        for _ in 0..<(try reader.count(of: what, minimumItemSize: 8)) {
            let name = try reader.string("a tensor's name")
            let rankOffset = reader.offset
            let rank = try reader.count(of: "the shape of \"\(name)\"", minimumItemSize: 4)
            var shape: [Int] = []
            var count = 1
            for _ in 0..<rank {
                let dimension = Int(try reader.u32())
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw CheckpointError.malformed("the shape of \"\(name)\" is too large", offset: rankOffset)
                }
                shape.append(dimension)
                count = product
            }
            tensors.append(NamedTensor(name: name, shape: shape, values: try reader.floats(count, what: name)))
        }
        return tensors
    }
}
