// MARK: - LaneKernel

/// An elementwise loop body over eight SIMD lanes, for `Lanes.run`.
///
/// Kernels are structs of raw pointers and Float coefficients, so a generic `run` specialises and inlines each one:
/// no closure context, no allocation, one copy of the body.
protocol LaneKernel {
    /// Processes elements `offset ..< offset + lanes` (`lanes` is 8 except for the tail).
    mutating func apply(_ offset: Int, _ lanes: Int)
}

// MARK: - Lanes

/// Eight-lane SIMD loops over Float buffers. The tail (fewer than eight elements) goes through the same body with
/// the missing lanes zero, so each update rule is written once.
enum Lanes {
    typealias Vector = SIMD8<Float>

    /// Runs `kernel` over `0..<count` in chunks of eight, then once for the tail.
    @inline(__always)
    static func run<Kernel: LaneKernel>(_ kernel: inout Kernel, count: Int) {
        var offset = 0
        while offset + Vector.scalarCount <= count {
            kernel.apply(offset, Vector.scalarCount)
            offset += Vector.scalarCount
        }
        if offset < count { kernel.apply(offset, count - offset) }
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, _ offset: Int, _ lanes: Int) -> Vector {
        if lanes == Vector.scalarCount {
            return UnsafeRawPointer(pointer + offset).loadUnaligned(as: Vector.self)
        }
        var vector = Vector()
        for lane in 0..<lanes { vector[lane] = pointer[offset + lane] }
        return vector
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>, _ offset: Int, _ lanes: Int) -> Vector {
        load(UnsafePointer(pointer), offset, lanes)
    }

    @inline(__always)
    static func store(_ vector: Vector, _ pointer: UnsafeMutablePointer<Float>, _ offset: Int, _ lanes: Int) {
        if lanes == Vector.scalarCount {
            UnsafeMutableRawPointer(pointer + offset).storeBytes(of: vector, as: Vector.self)
        } else {
            for lane in 0..<lanes { pointer[offset + lane] = vector[lane] }
        }
    }

    /// The square root of a vector whose lanes are ≥ 0 (or NaN).
    ///
    /// `SIMD8.squareRoot()` goes lane by lane through glibc's `sqrtf`, which keeps a branch for setting errno on
    /// negative input and so never vectorises. Taking `.magnitude` first tells LLVM the sign bit is clear, the
    /// branch disappears and the lanes become one `vsqrtps`. For the non-negative inputs here it changes no value.
    @inline(__always)
    static func squareRootOfNonNegative(_ x: Vector) -> Vector {
        var result = Vector()
        for lane in 0..<Vector.scalarCount { result[lane] = x[lane].magnitude.squareRoot() }
        return result
    }

    // MARK: - Reductions used by clipping

    private struct SumOfSquares: LaneKernel {
        let values: UnsafePointer<Float>
        var accumulator = Vector()

        @inline(__always)
        mutating func apply(_ offset: Int, _ lanes: Int) {
            let x = Lanes.load(values, offset, lanes)
            accumulator = accumulator.addingProduct(x, x)
        }
    }

    private struct Scale: LaneKernel {
        let values: UnsafeMutablePointer<Float>
        let factor: Float

        @inline(__always)
        mutating func apply(_ offset: Int, _ lanes: Int) {
            Lanes.store(Lanes.load(values, offset, lanes) * factor, values, offset, lanes)
        }
    }

    /// Σ x² over the buffer, in Float as torch's `vector_norm` of a Float32 tensor.
    static func sumOfSquares(_ pointer: UnsafePointer<Float>, count: Int) -> Float {
        var kernel = SumOfSquares(values: pointer)
        run(&kernel, count: count)
        return kernel.accumulator.sum()
    }

    /// x *= factor over the buffer.
    static func scale(_ pointer: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        var kernel = Scale(values: pointer, factor: factor)
        run(&kernel, count: count)
    }
}
