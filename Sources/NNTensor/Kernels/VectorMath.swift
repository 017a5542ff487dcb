// MARK: - Vectorised transcendentals

/// Elementwise transcendental functions over Float buffers: `y[i] = f(x[i])` for `i < count`.
/// `x` and `y` may be the same buffer. Each function's maximum error against Double is documented beside it
/// (measured by `VectorMathTests` over wide ranges; 1 ulp = the spacing of Floats at the true value).
///
/// Every element goes through the same SIMD16 code: a tail shorter than 16 is copied into a zero-padded vector, so
/// `y[i]` depends only on `x[i]` — never on the count, the alignment, the chunking or the thread count.
/// The per-vector kernels (`VectorMath.tanh(_: SIMD16<Float>)`, …) are public for fused elementwise loops.
public enum VectorMath {
    public typealias Vector = SIMD16<Float>

    /// Elements per chunk when a long buffer is split over threads.
    static let chunkSize = 16_384

    /// Hyperbolic tangent. Max error ≤ 5.1 ulp (relative ≤ 3.1e-7) everywhere, measured over every Float;
    /// tanh(±inf) = ±1, tanh(±0) = ±0, NaN stays NaN.
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Tanh.self, x, y, count: count)
    }

    /// e^x. Max error ≤ 2 ulp for results ≥ 2^-126; subnormal results within 2^-149 absolute.
    /// Overflow (x > 88.72) gives +inf, exp(-inf) = 0.
    public static func exp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Exp.self, x, y, count: count)
    }

    /// Natural logarithm. Max error ≤ 2 ulp for x > 0 (subnormals included); log(0) = -inf, log(x < 0) = NaN,
    /// log(inf) = inf.
    public static func log(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Log.self, x, y, count: count)
    }

    /// Sine. Max error ≤ 2 ulp for every finite x, or ≤ 1.2e-7 absolute where |sin x| < 1e-3. The argument is
    /// reduced in Double against a three-part π/2 for |x| ≤ 2^40; larger lanes fall back to the Double libm.
    /// sin(±inf) = NaN, sin(±0) = ±0.
    public static func sin(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Sin.self, x, y, count: count)
    }

    /// Cosine. Same bounds as `sin`.
    public static func cos(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Cos.self, x, y, count: count)
    }

    /// Logistic sigmoid 1 / (1 + e^-x). Max error ≤ 3 ulp for results ≥ 2^-126 (x ≥ -87.3); below that absolute
    /// error ≤ 2^-126. sigmoid(+inf) = 1, sigmoid(-inf) = 0.
    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        apply(Kernels.Sigmoid.self, x, y, count: count)
    }

    // MARK: - Driver

    /// A per-vector function as a type, so that `apply` is specialised for it and the kernel inlined into the loop
    /// (a closure parameter is called once per vector, its argument and result passing through memory).
    protocol Kernel {
        static func callAsFunction(_ x: Vector) -> Vector
    }

    enum Kernels {
        enum Tanh: Kernel { @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.tanh(x) } }
        enum Exp: Kernel { @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.exp(x) } }
        enum Log: Kernel { @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.log(x) } }
        enum Sin: Kernel { @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.sin(x) } }
        enum Cos: Kernel { @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.cos(x) } }
        enum Sigmoid: Kernel {
            @inline(__always) static func callAsFunction(_ x: Vector) -> Vector { VectorMath.sigmoid(x) }
        }
    }

    /// `y[i] = K(x[i])` sixteen at a time, the tail zero-padded; long buffers are split over threads in fixed
    /// chunks (the result does not depend on the split: each element is computed alone).
    static func apply<K: Kernel>(_: K.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        let chunks = (count + chunkSize - 1) / chunkSize
        Parallel.forEach(chunks: chunks) { chunk in
            let start = chunk * chunkSize, end = min(count, start + chunkSize)
            var i = start
            while i + 16 <= end {
                let value = K.callAsFunction(UnsafeRawPointer(x + i).loadUnaligned(as: Vector.self))
                UnsafeMutableRawPointer(y + i).storeBytes(of: value, as: Vector.self)
                i += 16
            }
            if i < end {
                var padded = Vector()
                for lane in 0..<(end - i) { padded[lane] = x[i + lane] }
                let value = K.callAsFunction(padded)
                for lane in 0..<(end - i) { y[i + lane] = value[lane] }
            }
        }
    }
}
