#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: - Advice on large buffers

/// Hints to the system about how a large buffer will be used.
enum MemoryAdvice {
    /// Buffers at least this large are worth backing with huge pages.
    static let hugePageThreshold = 4 << 20

    /// Asks Linux to back `buffer` (not yet touched) with transparent huge pages where its policy is `madvise`:
    /// filling a 50 MB table then faults in 25 pages instead of 12 000 (a quarter of reading it). Only the whole
    /// pages inside the buffer are advised; elsewhere, and on other systems, nothing is done.
    static func hugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= hugePageThreshold, let base = buffer.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + buffer.count) / page * page
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
