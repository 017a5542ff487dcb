import NNScript
import Testing

/// The exporter's structure and refusals, without Python.
@Suite struct ONNXExporterTests {
    @Test func writesAnOnnxModelProtoHeader() throws {
        let bytes = try ONNXExporter.export(ExportFixtures.all[0].model, producer: "nnscript")
        // Field 1 (ir_version) as a varint comes first: tag 0x08, then 8.
        #expect(Array(bytes.prefix(2)) == [0x08, 0x08])
        #expect(contains(bytes, Array("nnscript".utf8)))
        #expect(contains(bytes, Array("Gemm".utf8)))
        #expect(contains(bytes, Array("Tanh".utf8)))
    }

    @Test func aLayerWithoutBiasIsAMatMul() throws {
        let model = ModelDescription(inputSize: 2, layers: [
            LayerDescription(inputs: 2, outputs: 1, weight: [1, 2], bias: nil,
                             activation: .builtin(name: "linear", parameter: nil)),
        ])
        let bytes = try ONNXExporter.export(model, producer: "nnscript")
        #expect(contains(bytes, Array("MatMul".utf8)))
        #expect(!contains(bytes, Array("Gemm".utf8)))
    }

    @Test func aClassifierHasProbabilitiesAndItsNamesAsMetadata() throws {
        let layer = LayerDescription(inputs: 2, outputs: 3, weight: [1, 2, 3, 4, 5, 6], bias: [0, 0, 1],
                                     activation: .builtin(name: "linear", parameter: nil))
        let named = DataShape(inputNames: ["width", "height"], outputNames: ["kind"], classes: ["cat", "dog", "a\"b"])
        let classifier = try ONNXExporter.export(ModelDescription(inputSize: 2, layers: [layer], shape: named),
                                                 producer: "p")
        #expect(contains(classifier, Array("Softmax".utf8)) && contains(classifier, Array("probabilities".utf8)))
        #expect(contains(classifier, Array("nnscript.classes".utf8)))
        #expect(contains(classifier, Array(#"["cat","dog","a\"b"]"#.utf8)))
        #expect(contains(classifier, Array(#"["width","height"]"#.utf8)))
        let regression = try ONNXExporter.export(ModelDescription(inputSize: 2, layers: [layer]), producer: "p")
        #expect(!contains(regression, Array("Softmax".utf8)) && !contains(regression, Array("nnscript.classes".utf8)))
        #expect(contains(regression, Array(#"["y1","y2","y3"]"#.utf8)))
    }

    @Test func featuresAreComputedFromTheRawColumnsFirst() throws {
        let fixture = try #require(ExportFixtures.all.first { $0.name == "features" })
        let bytes = try ONNXExporter.export(fixture.model, producer: "nnscript")
        for op in ["Gather", "Concat", "features/", "Sin", "Min", "Expand"] {
            #expect(contains(bytes, Array(op.utf8)), "\(op)")
        }
        #expect(contains(bytes, Array(#"["x1","x2","x3"]"#.utf8)))
        #expect(fixture.model.rawInputSize == 3 && fixture.model.inputSize == 5)
        #expect(fixture.model.summary == "3 → 5 features → 8 tanh → 2 linear")
        let plain = try ONNXExporter.export(ExportFixtures.all[0].model, producer: "nnscript")
        #expect(!contains(plain, Array("Gather".utf8)) && !contains(plain, Array("Concat".utf8)))
    }

    @Test func exportIsDeterministic() throws {
        for fixture in ExportFixtures.all {
            #expect(try ONNXExporter.export(fixture.model, producer: "p") == ONNXExporter.export(fixture.model, producer: "p"))
        }
    }

    @Test(arguments: [
        ModelDescription(inputSize: 1, layers: []),
        ModelDescription(inputSize: 0, layers: [LayerDescription(inputs: 0, outputs: 1, weight: [], bias: nil,
                                                                 activation: .builtin(name: "tanh", parameter: nil))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 2, weight: [1], bias: nil,
                                                                 activation: .builtin(name: "tanh", parameter: nil))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: [1, 2],
                                                                 activation: .builtin(name: "tanh", parameter: nil))]),
        ModelDescription(inputSize: 2, layers: [LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil,
                                                                 activation: .builtin(name: "tanh", parameter: nil))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil,
                                                                 activation: .builtin(name: "mish", parameter: nil))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil,
                                                                 activation: .builtin(name: "tanh", parameter: 2))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil,
                                                                 activation: .builtin(name: "elu", parameter: .nan))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(
            inputs: 1, outputs: 1, weight: [1], bias: nil,
            activation: .custom(name: "f", body: .call(name: "erfc", args: [.input])))]),
        ModelDescription(inputSize: 1, layers: [LayerDescription(
            inputs: 1, outputs: 1, weight: [1], bias: nil,
            activation: .custom(name: "f", body: .call(name: "min", args: [.input])))]),
        // Names that do not fit the sizes: three input names for two inputs, two classes for three logits.
        ModelDescription(inputSize: 2, layers: [LayerDescription(inputs: 2, outputs: 1, weight: [1, 2], bias: nil,
                                                                 activation: .builtin(name: "tanh", parameter: nil))],
                         shape: DataShape(inputNames: ["a", "b", "c"], outputNames: ["y"])),
        ModelDescription(inputSize: 1, layers: [LayerDescription(inputs: 1, outputs: 3, weight: [1, 2, 3], bias: nil,
                                                                 activation: .builtin(name: "linear", parameter: nil))],
                         shape: DataShape(inputNames: ["x"], outputNames: ["label"], classes: ["a", "b"])),
        // Features that do not fit: one feature for a first layer of two inputs; a column past the raw inputs.
        ExportFixtures.withFeatures(ModelDescription(inputSize: 2, layers: [
            LayerDescription(inputs: 2, outputs: 1, weight: [1, 2], bias: nil, activation: ExportFixtures.linear),
        ]), rawInputs: 2, [.column(0)]),
        ExportFixtures.withFeatures(ModelDescription(inputSize: 1, layers: [
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: ExportFixtures.linear),
        ]), rawInputs: 2, [.column(2)]),
        ExportFixtures.withFeatures(ModelDescription(inputSize: 1, layers: [
            LayerDescription(inputs: 1, outputs: 1, weight: [1], bias: nil, activation: ExportFixtures.linear),
        ]), rawInputs: 2, [.call(name: "erfc", args: [.column(0)])]),
    ])
    func invalidDescriptionsAreRefusedByBothExporters(model: ModelDescription) {
        #expect(throws: ExportError.self) { try ONNXExporter.export(model, producer: "nnscript") }
        #expect(throws: ExportError.self) { try PyTorchExporter.export(model) }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        ExportFixtures.bytes(haystack, contain: needle)
    }
}

/// The wire format of the hand-written protobuf encoder, against values worked out from the protobuf spec.
@Suite struct ProtobufWriterTests {
    @Test func varintsUseBase128LittleEndianGroups() {
        var writer = ProtobufWriter()
        writer.int(1, 300)
        #expect(writer.bytes == [0x08, 0xAC, 0x02])
    }

    @Test func negativeIntegersTakeTenBytes() {
        var writer = ProtobufWriter()
        writer.int(2, -1)
        #expect(writer.bytes == [0x10] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func stringsAreLengthDelimited() {
        var writer = ProtobufWriter()
        writer.string(2, "testing")
        #expect(writer.bytes == [0x12, 0x07] + Array("testing".utf8))
    }

    @Test func floatsAreFixed32LittleEndian() {
        var writer = ProtobufWriter()
        writer.float(2, 1.0)
        #expect(writer.bytes == [0x15, 0x00, 0x00, 0x80, 0x3F])
    }

    @Test func packedFieldsCarryTheirByteLength() {
        var writer = ProtobufWriter()
        writer.packedFloats(4, [1.0, -2.0])
        writer.packedInts(1, [3, 270])
        #expect(writer.bytes == [0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0,
                                 0x0A, 0x03, 0x03, 0x8E, 0x02])
    }

    @Test func nestedMessagesArePrefixedWithTheirLength() {
        var writer = ProtobufWriter()
        writer.message(3) { $0.int(1, 150) }
        #expect(writer.bytes == [0x1A, 0x03, 0x08, 0x96, 0x01])
    }
}
