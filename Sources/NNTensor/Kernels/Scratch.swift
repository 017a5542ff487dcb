#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Per-thread scratch

/// Grow-only, 64-byte aligned Float buffers owned by one thread, for kernels' packing.
///
/// Each thread that runs a kernel gets its own (through a pthread key), so concurrent callers never share one and
/// a kernel allocates only the first time a thread needs a bigger buffer than before. Freed when the thread exits.
final class ThreadScratch {
    /// Buffers by purpose; a kernel uses a slot for the duration of one call.
    enum Slot: Int, CaseIterable { case packedA, packedB, tile, vector }

    private var buffers: [UnsafeMutablePointer<Float>?] = Array(repeating: nil, count: Slot.allCases.count)
    private var capacities: [Int] = Array(repeating: 0, count: Slot.allCases.count)

    /// A buffer of at least `count` floats (contents unspecified).
    func buffer(_ slot: Slot, count: Int) -> UnsafeMutablePointer<Float> {
        let index = slot.rawValue
        if capacities[index] < count, let old = buffers[index] {
            UnsafeMutableRawPointer(old).deallocate()
            buffers[index] = nil
        }
        if let existing = buffers[index] { return existing }
        let capacity = max(count, 1024)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
        let buffer = raw.bindMemory(to: Float.self, capacity: capacity)
        buffers[index] = buffer
        capacities[index] = capacity
        return buffer
    }

    deinit {
        for case let buffer? in buffers { UnsafeMutableRawPointer(buffer).deallocate() }
    }

    // MARK: Thread-local lookup

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        #if canImport(Darwin)
        pthread_key_create(&key) { Unmanaged<ThreadScratch>.fromOpaque($0).release() }
        #else
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadScratch>.fromOpaque(pointer).release() }
        }
        #endif
        return key
    }()

    /// The calling thread's scratch, created on first use.
    static var current: ThreadScratch {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<ThreadScratch>.fromOpaque(existing).takeUnretainedValue()
        }
        let scratch = ThreadScratch()
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }
}
