// MARK: - ONNX graph under construction

/// An ONNX graph being assembled: nodes in topological order, weight initialisers, and interned scalar constants.
/// `encodeModel` writes it as a ModelProto with the small protobuf encoder.
struct ONNXGraph {
    /// An attribute of a node: a float (LeakyRelu's and Elu's `alpha`) or an integer (Gather's and Concat's `axis`).
    struct Attribute {
        enum Value {
            case float(Float)
            case int(Int64)
        }

        var name: String
        var value: Value

        init(name: String, float: Float) {
            self.name = name
            self.value = .float(float)
        }

        init(name: String, int: Int64) {
            self.name = name
            self.value = .int(int)
        }
    }

    struct Node {
        var opType: String
        var inputs: [String]
        var outputs: [String]
        var name: String
        var attributes: [Attribute]
    }

    /// A constant tensor: float weights, or int64 indices (`ints`, for Gather) when `ints` is not nil.
    struct Initializer {
        var name: String
        var dims: [Int64]
        var values: [Float]
        var ints: [Int64]? = nil
    }

    private(set) var nodes: [Node] = []
    private(set) var initializers: [Initializer] = []
    /// Scalar constants by their Float bit pattern, so each distinct value is stored once.
    private var constants: [UInt32: String] = [:]
    private var counter = 0
    /// Prepended to node and value names, e.g. "layer2/", so a graph viewer groups nodes by layer.
    var scope = ""

    // MARK: - Building

    /// A name no other value or node has, e.g. "layer2/Tanh_7".
    mutating func uniqueName(_ hint: String) -> String {
        counter += 1
        return "\(scope)\(hint)_\(counter)"
    }

    /// Adds a node with one output and returns the output's name.
    @discardableResult
    mutating func node(_ opType: String, _ inputs: [String], attributes: [Attribute] = []) -> String {
        let output = uniqueName(opType)
        nodes.append(Node(opType: opType, inputs: inputs, outputs: [output], name: "\(output)_node",
                          attributes: attributes))
        return output
    }

    /// Adds a weight tensor.
    mutating func initializer(_ name: String, dims: [Int], values: [Float]) {
        initializers.append(Initializer(name: name, dims: dims.map(Int64.init), values: values))
    }

    /// The name of a 1-D int64 constant holding `values` (Gather's indices).
    mutating func indices(_ values: [Int]) -> String {
        let name = uniqueName("indices")
        initializers.append(Initializer(name: name, dims: [Int64(values.count)], values: [],
                                        ints: values.map(Int64.init)))
        return name
    }

    /// The name of a rank-0 float constant holding `value` rounded to Float.
    mutating func constant(_ value: Double) -> String {
        let rounded = Float(value)
        if let name = constants[rounded.bitPattern] { return name }
        let name = "const_\(constants.count)"
        constants[rounded.bitPattern] = name
        initializers.append(Initializer(name: name, dims: [], values: [rounded]))
        return name
    }

    /// Makes the value `name` available as `output`: renames the node producing it, or adds an Identity node when
    /// it is not produced by a node of its own (a graph input or an initialiser).
    mutating func bind(_ name: String, to output: String) {
        if let index = nodes.lastIndex(where: { $0.outputs == [name] }),
           !nodes.contains(where: { $0.inputs.contains(name) }) {
            nodes[index].outputs = [output]
        } else {
            nodes.append(Node(opType: "Identity", inputs: [name], outputs: [output], name: "\(output)_identity",
                              attributes: []))
        }
    }

    // MARK: - Encoding

    /// A value's declared type: a float tensor of the given dimensions, a String being a symbolic one.
    enum Dimension {
        case fixed(Int)
        case symbolic(String)
    }

    /// The whole ModelProto: IR version, opset import, producer, this graph with its input and outputs, and
    /// `metadata` as the model's `metadata_props` (key-value strings that onnxruntime and Netron show).
    func encodeModel(graphName: String, producer: String, producerVersion: String, docString: String, opset: Int,
                     irVersion: Int, input: (String, [Dimension]), outputs: [(String, [Dimension])],
                     metadata: [(key: String, value: String)]) -> [UInt8] {
        var model = ProtobufWriter()
        model.int(ModelField.irVersion, Int64(irVersion))
        model.string(ModelField.producerName, producer)
        model.string(ModelField.producerVersion, producerVersion)
        model.string(ModelField.docString, docString)
        model.message(ModelField.opsetImport) { opsetID in
            opsetID.string(1, "")
            opsetID.int(2, Int64(opset))
        }
        model.message(ModelField.graph) { graph in
            for node in nodes { graph.message(GraphField.node) { encode(node, into: &$0) } }
            graph.string(GraphField.name, graphName)
            for initializer in initializers {
                graph.message(GraphField.initializer) { encode(initializer, into: &$0) }
            }
            graph.message(GraphField.input) { encodeValueInfo(name: input.0, dims: input.1, into: &$0) }
            for output in outputs {
                graph.message(GraphField.output) { encodeValueInfo(name: output.0, dims: output.1, into: &$0) }
            }
        }
        for entry in metadata {
            model.message(ModelField.metadataProps) { property in
                property.string(1, entry.key)
                property.string(2, entry.value)
            }
        }
        return model.bytes
    }

    private func encode(_ node: Node, into writer: inout ProtobufWriter) {
        for input in node.inputs { writer.string(1, input) }
        for output in node.outputs { writer.string(2, output) }
        writer.string(3, node.name)
        writer.string(4, node.opType)
        for attribute in node.attributes {
            writer.message(5) { proto in
                proto.string(1, attribute.name)
                switch attribute.value {
                case .float(let value):
                    proto.float(2, value)
                    proto.int(20, AttributeType.float)
                case .int(let value):
                    proto.int(3, value)
                    proto.int(20, AttributeType.int)
                }
            }
        }
    }

    private func encode(_ initializer: Initializer, into writer: inout ProtobufWriter) {
        writer.packedInts(1, initializer.dims)
        if let ints = initializer.ints {
            writer.int(2, ElementType.int64)
            writer.packedInts(7, ints)
        } else {
            writer.int(2, ElementType.float)
            writer.packedFloats(4, initializer.values)
        }
        writer.string(8, initializer.name)
    }

    private func encodeValueInfo(name: String, dims: [Dimension], into writer: inout ProtobufWriter) {
        writer.string(1, name)
        writer.message(2) { type in
            type.message(1) { tensorType in
                tensorType.int(1, ElementType.float)
                tensorType.message(2) { shape in
                    for dim in dims {
                        shape.message(1) { dimension in
                            switch dim {
                            case .fixed(let size): dimension.int(1, Int64(size))
                            case .symbolic(let name): dimension.string(2, name)
                            }
                        }
                    }
                }
            }
        }
    }
}

// MARK: - Field numbers (onnx.proto)

private enum ModelField {
    static let irVersion = 1
    static let producerName = 2
    static let producerVersion = 3
    static let docString = 6
    static let graph = 7
    static let opsetImport = 8
    static let metadataProps = 14
}

private enum GraphField {
    static let node = 1
    static let name = 2
    static let initializer = 5
    static let input = 11
    static let output = 12
}

/// `TensorProto.DataType`'s FLOAT and INT64.
private enum ElementType {
    static let float: Int64 = 1
    static let int64: Int64 = 7
}

/// `AttributeProto.AttributeType`'s FLOAT and INT.
private enum AttributeType {
    static let float: Int64 = 1
    static let int: Int64 = 2
}
