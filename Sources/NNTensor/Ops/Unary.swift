import Foundation

// MARK: - Elementwise functions

/// An elementwise function `y = f(x)` with its derivative. Builtin activations are single functions too
/// (`swish`, `sin(w0·x)`), so a dense layer's activation is always one fused pass.
public enum UnaryFunction: Hashable, Sendable {
    case neg
    case pow(Float)
    case exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu
    case leakyRelu(Float)
    case elu(Float)
    /// PyTorch's exact `x·Φ(x)`.
    case gelu
    /// PyTorch's softplus: `log(1 + eˣ)`, and `x` above 20.
    case softplus
    case minimum(Float)
    case maximum(Float)
    /// `sin(w0·x)`, the SIREN activation.
    case scaledSin(Float)
    /// `x·sigmoid(x)`.
    case swish
    /// The rest of the language's functions; `sign`, `floor` and `ceil` have derivative 0 (as in PyTorch).
    case tan, asin, acos, atan, sinh, cosh, log2, log10, sign, floor, ceil

    /// Whether the derivative needs the input `x`; when false it is computed from the output `y` alone, so the
    /// input buffer need not outlive the forward pass.
    var derivativeNeedsInput: Bool {
        switch self {
        case .neg, .exp, .sqrt, .tanh, .sigmoid, .relu, .sign, .floor, .ceil: return false
        case let .leakyRelu(slope): return slope < 0
        case let .elu(alpha): return alpha < 0
        default: return true
        }
    }

    // MARK: Forward

    /// `y[i] = f(x[i])` for `i < count`; `x` and `y` may be the same buffer.
    func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .neg: for i in 0..<count { y[i] = -x[i] }
        case let .pow(p):
            if p == 2 {
                for i in 0..<count { y[i] = x[i] * x[i] }
            } else {
                for i in 0..<count { y[i] = Foundation.pow(x[i], p) }
            }
        case .exp: VectorMath.exp(x, y, count: count)
        case .log: VectorMath.log(x, y, count: count)
        case .sqrt: for i in 0..<count { y[i] = x[i].squareRoot() }
        case .abs: for i in 0..<count { y[i] = Swift.abs(x[i]) }
        case .sin: VectorMath.sin(x, y, count: count)
        case .cos: VectorMath.cos(x, y, count: count)
        case .tanh: VectorMath.tanh(x, y, count: count)
        case .sigmoid: VectorMath.sigmoid(x, y, count: count)
        case .relu: for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
        case let .leakyRelu(slope): for i in 0..<count { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
        case let .elu(alpha): for i in 0..<count { y[i] = x[i] > 0 ? x[i] : alpha * Foundation.expm1(x[i]) }
        case .gelu:
            for i in 0..<count { y[i] = 0.5 * x[i] * (1 + Foundation.erf(x[i] * Float(0.5).squareRoot())) }
        case .softplus: for i in 0..<count { y[i] = x[i] > 20 ? x[i] : Foundation.log1p(Foundation.exp(x[i])) }
        case let .minimum(c): for i in 0..<count { y[i] = Swift.min(x[i], c) }
        case let .maximum(c): for i in 0..<count { y[i] = Swift.max(x[i], c) }
        case let .scaledSin(w0):
            for i in 0..<count { y[i] = w0 * x[i] }
            VectorMath.sin(y, y, count: count)
        case .swish: for i in 0..<count { y[i] = x[i] / (1 + Foundation.exp(-x[i])) }
        case .tan: for i in 0..<count { y[i] = Foundation.tan(x[i]) }
        case .asin: for i in 0..<count { y[i] = Foundation.asin(x[i]) }
        case .acos: for i in 0..<count { y[i] = Foundation.acos(x[i]) }
        case .atan: for i in 0..<count { y[i] = Foundation.atan(x[i]) }
        case .sinh: for i in 0..<count { y[i] = Foundation.sinh(x[i]) }
        case .cosh: for i in 0..<count { y[i] = Foundation.cosh(x[i]) }
        case .log2: for i in 0..<count { y[i] = Foundation.log2(x[i]) }
        case .log10: for i in 0..<count { y[i] = Foundation.log10(x[i]) }
        case .sign: for i in 0..<count { y[i] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0 }
        case .floor: for i in 0..<count { y[i] = x[i].rounded(.down) }
        case .ceil: for i in 0..<count { y[i] = x[i].rounded(.up) }
        }
    }

    // MARK: Backward

    /// `dx[i] (+)= g[i] · f′(x[i])`, with `f′` taken from the output `y` where it can be.
    /// `x` is only read when `derivativeNeedsInput`.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, upstream g: UnsafePointer<Float>,
                  into dx: UnsafeMutablePointer<Float>, count: Int, accumulate: Bool) {
        /// `f′` from `source` (`x` or `y`) sixteen at a time with a per-vector kernel. Explicit vectors, as `g` may
        /// be `dx` itself (the fused backward scales in place), which keeps the compiler from vectorising `each`.
        @inline(__always) func vectorised(_ source: UnsafePointer<Float>,
                                          _ derivative: (VectorMath.Vector) -> VectorMath.Vector) {
            typealias V = VectorMath.Vector
            var i = 0
            while i < count {
                let n = Swift.min(16, count - i)
                var sv = V(), gv = V(), dv = V()
                if n == 16 {
                    sv = UnsafeRawPointer(source + i).loadUnaligned(as: V.self)
                    gv = UnsafeRawPointer(g + i).loadUnaligned(as: V.self)
                    if accumulate { dv = UnsafeRawPointer(dx + i).loadUnaligned(as: V.self) }
                } else {
                    for lane in 0..<n {
                        sv[lane] = source[i + lane]
                        gv[lane] = g[i + lane]
                        if accumulate { dv[lane] = dx[i + lane] }
                    }
                }
                let value = dv.addingProduct(gv, derivative(sv))
                if n == 16 {
                    UnsafeMutableRawPointer(dx + i).storeBytes(of: value, as: V.self)
                } else {
                    for lane in 0..<n { dx[i + lane] = value[lane] }
                }
                i += 16
            }
        }
        @inline(__always) func each(_ derivative: (Int) -> Float) {
            if accumulate {
                for i in 0..<count { dx[i] += g[i] * derivative(i) }
            } else {
                for i in 0..<count { dx[i] = g[i] * derivative(i) }
            }
        }
        switch self {
        case .neg: each { _ in -1 }
        case let .pow(p):
            if p == 2 { each { 2 * x[$0] } } else { each { p * Foundation.pow(x[$0], p - 1) } }
        case .exp: each { y[$0] }
        case .log: each { 1 / x[$0] }
        case .sqrt: each { 0.5 / y[$0] }
        case .abs: each { x[$0] > 0 ? 1 : x[$0] < 0 ? -1 : 0 }
        case .sin: vectorised(x) { VectorMath.cos($0) }
        case .cos: vectorised(x) { -VectorMath.sin($0) }
        case .tanh: vectorised(y) { 1 - $0 * $0 }
        case .sigmoid: vectorised(y) { $0 * (1 - $0) }
        case .relu: each { y[$0] > 0 ? 1 : 0 }
        case let .leakyRelu(slope):
            if slope < 0 { each { x[$0] > 0 ? 1 : slope } } else { each { y[$0] > 0 ? 1 : slope } }
        case let .elu(alpha):
            if alpha < 0 {
                each { x[$0] > 0 ? 1 : alpha * Foundation.exp(x[$0]) }
            } else {
                each { y[$0] > 0 ? 1 : y[$0] + alpha }
            }
        case .gelu:
            let inverseSqrt2 = Float(0.5).squareRoot(), inverseSqrt2Pi = 1 / Float(2 * Float.pi).squareRoot()
            each {
                let v = x[$0]
                return 0.5 * (1 + Foundation.erf(v * inverseSqrt2)) + v * inverseSqrt2Pi * Foundation.exp(-0.5 * v * v)
            }
        case .softplus: each { x[$0] > 20 ? 1 : 1 / (1 + Foundation.exp(-x[$0])) }
        case let .minimum(c): each { x[$0] < c ? 1 : 0 }
        case let .maximum(c): each { x[$0] > c ? 1 : 0 }
        case let .scaledSin(w0): each { w0 * Foundation.cos(w0 * x[$0]) }
        case .swish:
            each {
                let s = 1 / (1 + Foundation.exp(-x[$0]))
                return s * (1 + x[$0] * (1 - s))
            }
        case .tan: each { 1 + y[$0] * y[$0] }
        case .asin: each { 1 / (1 - x[$0] * x[$0]).squareRoot() }
        case .acos: each { -1 / (1 - x[$0] * x[$0]).squareRoot() }
        case .atan: each { 1 / (1 + x[$0] * x[$0]) }
        case .sinh: each { Foundation.cosh(x[$0]) }
        case .cosh: each { Foundation.sinh(x[$0]) }
        case .log2: each { 1 / (x[$0] * Float.ln2) }
        case .log10: each { 1 / (x[$0] * Float.ln10) }
        case .sign, .floor, .ceil: each { _ in 0 }
        }
    }
}

extension Float {
    static let ln2: Float = 0.693_147_18
    static let ln10: Float = 2.302_585_1
}

// MARK: - Kernel

extension Kernel {
    /// `output = f(a)`, in fixed chunks.
    func forwardUnary(_ function: UnaryFunction) {
        let x = a.data, y = output.data
        Chunking.forEach(count: output.count) { start, count in
            function.apply(x + start, y + start, count: count)
        }
    }

    /// `da (+)= g · f′`.
    func backwardUnary(_ function: UnaryFunction) {
        guard let da = aGrad, let g = outputGrad else { return }
        let x = a.data, y = output.data, accumulate = accumulateA
        Chunking.forEach(count: output.count) { start, count in
            function.backward(x: x + start, y: y + start, upstream: g + start, into: da + start, count: count,
                              accumulate: accumulate)
        }
    }
}
