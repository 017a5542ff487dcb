import Foundation
import NNTensor

// MARK: - Kernel benchmarks

/// Seconds of the fastest of `repeats` runs of `body` (after one warm-up run).
func fastestSeconds(repeats: Int, _ body: () -> Void) -> Double {
    body()
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Matrix multiply GFLOP/s for one shape and transpose combination at the given thread count.
func gemmGigaflops(m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false, threads: Int) -> Double {
    let a = Tensor(shape: Shape(m, k)), b = Tensor(shape: Shape(k, n)), c = Tensor(shape: Shape(m, n))
    for i in 0..<a.count { a.data[i] = Float(i % 7) * 0.1 - 0.3 }
    for i in 0..<b.count { b.data[i] = Float(i % 5) * 0.1 - 0.2 }
    let saved = Parallel.threadCount
    Parallel.threadCount = threads
    defer { Parallel.threadCount = saved }
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    let repeats = max(3, min(200, Int(2e9 / flops)))
    let seconds = fastestSeconds(repeats: repeats) {
        Gemm.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: a.data, lda: transA ? m : k,
                      b: b.data, ldb: transB ? k : n, c: c.data, ldc: n)
    }
    return flops / seconds / 1e9
}

func runGemmBench() {
    print("## matmul (GFLOP/s, best of several runs; machine shared, numbers noisy)")
    for threads in [1, 2] {
        let g = gemmGigaflops(m: 4000, n: 512, k: 512, threads: threads)
        print(String(format: "  4000x512x512  threads=%d  %7.1f GFLOP/s", threads, g))
    }
    let shapes: [(String, Int, Int, Int, Bool, Bool)] = [
        ("outer  4000x128x1   ", 4000, 128, 1, false, false),
        ("gemv   4000x1x128   ", 4000, 1, 128, false, false),
        ("AtB    128x128x4000 ", 128, 128, 4000, true, false),
        ("ABt    4000x128x128 ", 4000, 128, 128, false, true),
        ("AB     4000x128x128 ", 4000, 128, 128, false, false),
        ("AB     32x64x64     ", 32, 64, 64, false, false),
        // A 512-row block of the deep network (1-32-128-32-1): forward, input gradient, weight gradient.
        ("AB     512x128x32   ", 512, 128, 32, false, false),
        ("AB     512x32x128   ", 512, 32, 128, false, false),
        ("ABt    512x32x128   ", 512, 32, 128, false, true),
        ("ABt    512x128x32   ", 512, 128, 32, false, true),
        ("AtB    32x128x512   ", 32, 128, 512, true, false),
        ("AtB    128x32x512   ", 128, 32, 512, true, false),
        // table-ce's whole batch (400 rows, 30-32-2): forward of each layer, the gradient back through the
        // output, and the two weight gradients.
        ("AB     400x32x30    ", 400, 32, 30, false, false),
        ("AB     400x2x32     ", 400, 2, 32, false, false),
        ("ABt    400x32x2     ", 400, 32, 2, false, true),
        ("AtB    32x2x400     ", 32, 2, 400, true, false),
        ("AtB    30x32x400    ", 30, 32, 400, true, false),
        // surface-2d's blocks (2-64-64-1): the 64 × 64 layer's forward, input gradient and weight gradient.
        ("AB     512x64x64    ", 512, 64, 64, false, false),
        ("ABt    512x64x64    ", 512, 64, 64, false, true),
        ("AtB    64x64x512    ", 64, 64, 512, true, false),
    ]
    for (name, m, n, k, ta, tb) in shapes {
        let g = gemmGigaflops(m: m, n: n, k: k, transA: ta, transB: tb, threads: Parallel.threadCount)
        print(String(format: "  %@ threads=%d  %7.1f GFLOP/s", name, Parallel.threadCount, g))
    }
}

func runVectorMathBench() {
    print("## vector math (ns/element, 512K elements = one 4000x128 activation, best of several runs)")
    let count = 4000 * 128
    let x = Tensor(shape: Shape(4000, 128)), y = Tensor(shape: Shape(4000, 128))
    for i in 0..<count { x.data[i] = Float(i % 1000) * 0.01 - 5 }
    let positive = Tensor(shape: Shape(4000, 128))
    for i in 0..<count { positive.data[i] = Float(i % 1000) * 0.01 + 0.01 }
    typealias Function = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    let functions: [(String, Function, Tensor)] = [
        ("tanh", { VectorMath.tanh($0, $1, count: $2) }, x), ("exp", { VectorMath.exp($0, $1, count: $2) }, x),
        ("log", { VectorMath.log($0, $1, count: $2) }, positive), ("sin", { VectorMath.sin($0, $1, count: $2) }, x),
        ("cos", { VectorMath.cos($0, $1, count: $2) }, x),
        ("sigmoid", { VectorMath.sigmoid($0, $1, count: $2) }, x),
    ]
    let saved = Parallel.threadCount
    defer { Parallel.threadCount = saved }
    for (name, function, input) in functions {
        var line = "  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
        for threads in [1, 2] {
            Parallel.threadCount = threads
            let seconds = fastestSeconds(repeats: 20) { function(input.data, y.data, count) }
            line += String(format: "  threads=%d %6.3f ns/el", threads, seconds * 1e9 / Double(count))
        }
        // In L1 cache (8K elements, as inside a training block), one thread: the arithmetic alone.
        Parallel.threadCount = 1
        let inCache = fastestSeconds(repeats: 200) { function(input.data, y.data, 8192) }
        line += String(format: "  in cache %6.3f ns/el", inCache * 1e9 / 8192)
        print(line)
    }
}
