// MARK: - Column lanes

/// Sixteen consecutive floats of a row, the unit of the layer kernels and of `Gemm`'s narrow path.
typealias RowVector = SIMD16<Float>

/// Loads and stores of sixteen columns, or of the first few for a row's last, partial block. Lanes are computed
/// independently, so a partial block rounds each column exactly as a whole one does.
protocol ColumnLanes {
    func load(_ p: UnsafePointer<Float>) -> RowVector
    func store(_ v: RowVector, _ p: UnsafeMutablePointer<Float>)
}

struct AllLanes: ColumnLanes {
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> RowVector {
        UnsafeRawPointer(p).loadUnaligned(as: RowVector.self)
    }
    @inline(__always) func store(_ v: RowVector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: RowVector.self)
    }
}

/// The first `count` (1…15) lanes; the others load as zero and are never stored.
///
/// Each count is its own case with a constant trip count, so the lanes unroll into register inserts and extracts: a
/// loop of `count` iterations went through a vector on the stack (about 100 instructions a row for a one-column
/// layer, where a scalar loop needs a handful), and writing the lanes through the vector's bytes became a `memcpy`
/// call. The switch is on a value fixed for the whole layer, so it predicts perfectly.
struct FirstLanes: ColumnLanes {
    let count: Int

    @inline(__always) func load(_ p: UnsafePointer<Float>) -> RowVector {
        switch count {
        case 1: return Self.load(p, 1)
        case 2: return Self.load(p, 2)
        case 3: return Self.load(p, 3)
        case 4: return Self.load(p, 4)
        case 5: return Self.load(p, 5)
        case 6: return Self.load(p, 6)
        case 7: return Self.load(p, 7)
        case 8: return Self.load(p, 8)
        case 9: return Self.load(p, 9)
        case 10: return Self.load(p, 10)
        case 11: return Self.load(p, 11)
        case 12: return Self.load(p, 12)
        case 13: return Self.load(p, 13)
        case 14: return Self.load(p, 14)
        default: return Self.load(p, 15)
        }
    }

    @inline(__always) func store(_ v: RowVector, _ p: UnsafeMutablePointer<Float>) {
        switch count {
        case 1: Self.store(v, p, 1)
        case 2: Self.store(v, p, 2)
        case 3: Self.store(v, p, 3)
        case 4: Self.store(v, p, 4)
        case 5: Self.store(v, p, 5)
        case 6: Self.store(v, p, 6)
        case 7: Self.store(v, p, 7)
        case 8: Self.store(v, p, 8)
        case 9: Self.store(v, p, 9)
        case 10: Self.store(v, p, 10)
        case 11: Self.store(v, p, 11)
        case 12: Self.store(v, p, 12)
        case 13: Self.store(v, p, 13)
        case 14: Self.store(v, p, 14)
        default: Self.store(v, p, 15)
        }
    }

    /// `count` is a literal at every call, so the loop unrolls.
    @inline(__always) private static func load(_ p: UnsafePointer<Float>, _ count: Int) -> RowVector {
        var v = RowVector()
        for lane in 0..<count { v[lane] = p[lane] }
        return v
    }

    @inline(__always) private static func store(_ v: RowVector, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
        for lane in 0..<count { p[lane] = v[lane] }
    }
}
