// MARK: - Row vectors of a fused layer

// The pieces a fused dense layer (`LayerKernel`) is assembled from, each a type so that the one row loop of the
// forward pass and the one sweep of the backward pass are specialised for every combination without a branch in
// the inner loop: sixteen columns at a time (`ColumnLanes`), the activation (`RowActivation`), where the pre-activation
// comes from (`RowInput`, `FanIn`), whether a head follows (`RowHead`) and where `dz` comes from (`RowGradient`,
// `RowUpstream`). Each test the old hand-written loops made per row or per block is a type here instead, so the
// specialised loops execute fewer instructions than those did (docs/benchmarks.md has the counts).
// `RowVector` and the `ColumnLanes` (all sixteen, or the first few of a partial block) are in
// Kernels/ColumnLanes.swift: `Gemm`'s narrow path uses them too.

// MARK: Activations

/// An activation with a per-vector kernel for the value and for the derivative from the output, so that a layer's
/// whole forward pass (bias, activation, the single-output product that follows) and its whole backward sweep run in
/// registers. `Identity` writes the pre-activation for the functions without one (`UnaryFunction.apply` follows).
protocol RowActivation {
    static func value(_ x: RowVector) -> RowVector
    /// `f′` from the output, rounded exactly as `UnaryFunction.backward` does.
    static func derivative(output y: RowVector) -> RowVector
}

enum RowActivations {
    enum Identity: RowActivation {
        @inline(__always) static func value(_ x: RowVector) -> RowVector { x }
        @inline(__always) static func derivative(output y: RowVector) -> RowVector { RowVector(repeating: 1) }
    }
    enum Tanh: RowActivation {
        @inline(__always) static func value(_ x: RowVector) -> RowVector { VectorMath.tanh(x) }
        @inline(__always) static func derivative(output y: RowVector) -> RowVector { 1 - y * y }
    }
    enum Sigmoid: RowActivation {
        @inline(__always) static func value(_ x: RowVector) -> RowVector { VectorMath.sigmoid(x) }
        @inline(__always) static func derivative(output y: RowVector) -> RowVector { y * (1 - y) }
    }
}

extension UnaryFunction {
    /// Whether this function has row kernels (`RowActivation`): its derivative comes from the output.
    var hasRowKernels: Bool {
        switch self {
        case .tanh, .sigmoid: return true
        default: return false
        }
    }
}

// MARK: Inputs

/// A number of input columns, as a type: `FanIn0` for a sum that reads none.
protocol FanIn { static var count: Int { get } }
enum FanIn0: FanIn { static var count: Int { 0 } }
enum FanIn1: FanIn { static var count: Int { 1 } }
enum FanIn2: FanIn { static var count: Int { 2 } }
enum FanIn3: FanIn { static var count: Int { 3 } }
enum FanIn4: FanIn { static var count: Int { 4 } }

/// A layer's pre-activation before the bias, sixteen columns at a time. Made once per pass, so that its pointers
/// stay in registers, then placed at each row by `row(_:)`.
protocol RowInput {
    /// The same input at row `r`.
    func row(_ r: Int) -> Self
    func load<L: ColumnLanes>(_ c: Int, _ lanes: L) -> RowVector
}

/// `z[r, :]`, stored by another step.
struct StoredRow: RowInput {
    let z: UnsafePointer<Float>
    let cols: Int
    /// Row `r` of `z`.
    var current: UnsafePointer<Float>
    init(z: UnsafePointer<Float>, cols: Int) {
        self.z = z
        self.cols = cols
        current = z
    }
    // Offsets wrap rather than trap: `r` is a row of the layer, inside the buffer the plan sized.
    @inline(__always) func row(_ r: Int) -> StoredRow {
        var row = self
        row.current = z + r &* cols
        return row
    }
    @inline(__always) func load<L: ColumnLanes>(_ c: Int, _ lanes: L) -> RowVector { lanes.load(current + c) }
}

/// `Σ_p x[r, p] · W[p, :]` over `K.count` columns of `x`: one product rounded, then fused multiply-adds in `p`
/// order — the additions `Gemm` makes for the same product (its outer-product path for one column).
struct FormedRow<K: FanIn>: RowInput {
    let input: LayerKernel.FormedInput
    let cols: Int
    /// `x[r, p]` in every lane.
    var x0 = RowVector(), x1 = RowVector(), x2 = RowVector(), x3 = RowVector()
    init(_ input: LayerKernel.FormedInput, cols: Int) {
        self.input = input
        self.cols = cols
    }
    @inline(__always) func row(_ r: Int) -> FormedRow {
        var row = self
        let x = input.x + r &* input.rowStride, step = input.columnStride
        row.x0 = RowVector(repeating: x[0])
        if K.count > 1 { row.x1 = RowVector(repeating: x[step]) }
        if K.count > 2 { row.x2 = RowVector(repeating: x[2 &* step]) }
        if K.count > 3 { row.x3 = RowVector(repeating: x[3 &* step]) }
        return row
    }
    @inline(__always) func load<L: ColumnLanes>(_ c: Int, _ lanes: L) -> RowVector {
        let weights = input.weights
        var z = x0 * lanes.load(weights + c)
        if K.count > 1 { z = z.addingProduct(x1, lanes.load(weights + cols + c)) }
        if K.count > 2 { z = z.addingProduct(x2, lanes.load(weights + 2 &* cols + c)) }
        if K.count > 3 { z = z.addingProduct(x3, lanes.load(weights + 3 &* cols + c)) }
        return z
    }
}

// MARK: Heads

/// The single-column product `y·w` that follows a layer, summed in one vector as each row is formed; a type, so that
/// a layer without one tests nothing per block.
protocol RowHead {
    /// Adds `value · w[c…]` to the row's `sum`.
    func accumulate<L: ColumnLanes>(_ sum: inout RowVector, _ value: RowVector, column c: Int, _ lanes: L)
    /// Stores row `r`'s finished sum.
    func finish(_ sum: RowVector, row r: Int)
}

/// A layer without a head.
struct NoHead: RowHead {
    @inline(__always) func accumulate<L: ColumnLanes>(_ sum: inout RowVector, _ value: RowVector, column c: Int,
                                                      _ lanes: L) {}
    @inline(__always) func finish(_ sum: RowVector, row r: Int) {}
}

extension LayerKernel.Head: RowHead {
    @inline(__always) func accumulate<L: ColumnLanes>(_ sum: inout RowVector, _ value: RowVector, column c: Int,
                                                      _ lanes: L) {
        sum = sum.addingProduct(value, lanes.load(weight + c))
    }
    @inline(__always) func finish(_ sum: RowVector, row r: Int) { value[r] = MatrixVector.horizontalSum(sum) }
}

// MARK: Gradients

/// `dz` of row `r`, sixteen columns at a time, for the sums of the backward sweep.
protocol RowGradient {
    /// Whether `dz` is computed from the layer's output (which the sweep then loads).
    static var readsOutput: Bool { get }
    /// `y` is the output's vector when `readsOutput` (or the sweep needs it anyway), `headWeight` the head weight's
    /// when the layer has a head.
    func load<L: ColumnLanes>(row r: Int, column c: Int, output y: RowVector, headWeight: RowVector, _ lanes: L)
        -> RowVector
}

/// `dz` formed beforehand, for a chunk of rows starting at `firstRow`.
struct StoredGradient: RowGradient {
    static var readsOutput: Bool { false }
    let dz: UnsafePointer<Float>
    let firstRow: Int
    let cols: Int
    @inline(__always) func load<L: ColumnLanes>(row r: Int, column c: Int, output y: RowVector, headWeight: RowVector,
                                          _ lanes: L) -> RowVector {
        lanes.load(dz + (r &- firstRow) &* cols + c)
    }
}

/// `dz = upstream · f′(y)` in registers, the upstream as a type (`RowUpstream`).
struct ActivationGradient<F: RowActivation, U: RowUpstream>: RowGradient {
    static var readsOutput: Bool { true }
    let upstream: U
    @inline(__always) func load<L: ColumnLanes>(row r: Int, column c: Int, output y: RowVector, headWeight: RowVector,
                                          _ lanes: L) -> RowVector {
        RowVector().addingProduct(upstream.load(row: r, column: c, headWeight: headWeight, lanes),
                                  F.derivative(output: y))
    }
}

/// The gradient of a layer's output, row `r`, sixteen columns at a time.
protocol RowUpstream {
    func load<L: ColumnLanes>(row r: Int, column c: Int, headWeight: RowVector, _ lanes: L) -> RowVector
}

/// The output's own gradient, `rows × cols`.
struct OutputGradient: RowUpstream {
    let gradient: UnsafePointer<Float>
    let cols: Int
    @inline(__always) func load<L: ColumnLanes>(row r: Int, column c: Int, headWeight: RowVector, _ lanes: L)
        -> RowVector {
        lanes.load(gradient + r &* cols + c)
    }
}

/// Before a head, the outer product `G[r] · w` of the head's gradient (one per row) and its weight.
struct HeadGradient: RowUpstream {
    let gradient: UnsafePointer<Float>
    @inline(__always) func load<L: ColumnLanes>(row r: Int, column c: Int, headWeight: RowVector, _ lanes: L)
        -> RowVector {
        RowVector(repeating: gradient[r]) * headWeight
    }
}
