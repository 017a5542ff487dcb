// MARK: - Shape

/// The shape of a tensor of rank 0, 1 or 2, stored as rows × columns (a scalar is 1 × 1, a row vector 1 × n).
///
/// Networks of this field are stacks of dense layers over a batch, so every value is a matrix
/// `[batch, features]`, a bias row `[1, features]` or a scalar `[1, 1]`.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int

    public init(_ rows: Int, _ cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    public static let scalar = Shape(1, 1)

    public var count: Int { rows * cols }
    public var description: String { "[\(rows), \(cols)]" }
}

// MARK: - Tensor

/// A dense, row-major Float32 matrix that owns its storage.
///
/// Storage is allocated once, 64-byte aligned, and never reallocated, so compiled graphs can hold raw pointers
/// into it for the tensor's lifetime.
public final class Tensor: @unchecked Sendable {
    public let shape: Shape
    /// The elements, row-major; `shape.count` of them.
    public let data: UnsafeMutablePointer<Float>

    public var count: Int { shape.count }

    public init(shape: Shape, repeating value: Float = 0) {
        self.shape = shape
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, shape.count) * MemoryLayout<Float>.stride,
                                                   alignment: 64)
        data = raw.bindMemory(to: Float.self, capacity: max(1, shape.count))
        data.initialize(repeating: value, count: max(1, shape.count))
    }

    public convenience init(shape: Shape, values: [Float]) {
        precondition(values.count == shape.count, "Tensor: \(values.count) values for shape \(shape)")
        self.init(shape: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit {
        UnsafeMutableRawPointer(data).deallocate()
    }

    public subscript(row: Int, col: Int) -> Float {
        get { data[row * shape.cols + col] }
        set { data[row * shape.cols + col] = newValue }
    }

    /// The elements as an array (a copy).
    public var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// Overwrites every element with `value`.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    /// Copies the elements of `other`, which must have the same number of elements.
    public func copy(from other: Tensor) {
        precondition(other.count == count)
        data.update(from: other.data, count: count)
    }
}

// MARK: - Parameter

/// A trainable tensor with its gradient buffer. Graphs compiled for different batch sizes share one `Parameter`,
/// so a forward graph over a plotting grid sees the weights the training graph updates.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public let value: Tensor
    public let grad: Tensor

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.grad = Tensor(shape: value.shape)
    }
}
