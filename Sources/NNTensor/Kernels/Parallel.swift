import Foundation
#if canImport(Synchronization)
import Synchronization
#endif

// MARK: - Threading

/// Splits work over the runtime's threads. Work is always cut into the same chunks whatever the thread count,
/// and each chunk is computed by exactly one thread, so results are bit-identical for 1 or N threads.
///
/// Threads come from a persistent pool: workers spin briefly after each job (so back-to-back kernels of a
/// training step dispatch in well under a microsecond) and then block on a condition variable. The calling
/// thread always takes part. A call with one chunk, one thread, or made while the pool is busy (a nested call,
/// or a second caller thread) runs inline on the calling thread — chunking is the caller's, so that is safe.
public enum Parallel {
    nonisolated(unsafe) private static var storedThreadCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// The number of threads kernels may use (at least 1; defaults to the active processor count).
    public static var threadCount: Int {
        get { storedThreadCount }
        set { storedThreadCount = max(1, newValue) }
    }

    /// Marks threads running `serially`: a thread-local flag, so lanes of one job never dispatch nested work.
    private static let serialKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body` with every `forEach` it makes on this thread running inline, in chunk order.
    public static func serially<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = pthread_getspecific(serialKey)
        pthread_setspecific(serialKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(serialKey, previous) }
        return try body()
    }

    @inline(__always) static var isSerial: Bool { pthread_getspecific(serialKey) != nil }

    /// Calls `body(chunk)` for every chunk in `0..<chunks`, possibly concurrently.
    public static func forEach(chunks: Int, _ body: (Int) -> Void) {
        let threads = min(threadCount, chunks)
        if threads <= 1 || isSerial {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        #if canImport(Synchronization)
        if #available(macOS 15.0, *) {
            // A call from inside a job (a kernel run by a `TrainingStep` lane) runs inline without boxing `body`.
            if ThreadPool.shared.isBusy {
                for chunk in 0..<chunks { body(chunk) }
                return
            }
            // The pool gets a pointer to the closure, never the closure itself: storing a closure in the pool
            // would box it (one allocation per call).
            withoutActuallyEscaping(body) { escapable in
                var holder = ClosureHolder(body: escapable)
                let ran = withUnsafeMutablePointer(to: &holder) { pointer in
                    ThreadPool.shared.run(chunks: chunks, threads: threads, context: UnsafeRawPointer(pointer)) {
                        context, chunk in context.assumingMemoryBound(to: ClosureHolder.self).pointee.body(chunk)
                    }
                }
                if !ran { for chunk in 0..<chunks { escapable(chunk) } }
            }
            return
        }
        #endif
        for chunk in 0..<chunks { body(chunk) }
    }

    /// Calls `job(context, chunk)` for every chunk in `0..<chunks`, possibly concurrently: `forEach` for callers
    /// that must not allocate (a C function pointer and a context carry no closure).
    public static func forEach(chunks: Int, context: UnsafeRawPointer,
                               _ job: @convention(c) (UnsafeRawPointer, Int) -> Void) {
        let threads = min(threadCount, chunks)
        #if canImport(Synchronization)
        if #available(macOS 15.0, *), threads > 1, !isSerial, !ThreadPool.shared.isBusy,
           ThreadPool.shared.run(chunks: chunks, threads: threads, context: context, job) {
            return
        }
        #endif
        for chunk in 0..<chunks { job(context, chunk) }
    }
}

/// A closure stored at its own abstraction level, so pointing at it needs no re-abstraction thunk.
private struct ClosureHolder {
    let body: (Int) -> Void
}

#if canImport(Synchronization)

// MARK: - Thread pool

/// The persistent workers behind `Parallel.forEach`. One job runs at a time; a job's chunks are claimed one by one
/// from an atomic counter by the caller and `threads - 1` workers.
@available(macOS 15.0, *)
private final class ThreadPool: @unchecked Sendable {
    static let shared = ThreadPool()

    /// How long an idle worker polls for a new job before blocking. A worker that ran out of chunks waits for the
    /// caller to finish its own and start the next job — in a training loop up to a block's time plus the optimizer
    /// step — and waking a blocked thread costs tens of microseconds, so it spins for about two milliseconds.
    private static let spinNanoseconds: UInt64 = 2_000_000

    private let busy = Atomic<Bool>(false)
    private let generation = Atomic<Int>(0)
    private let nextChunk = Atomic<Int>(0)
    /// Whether the current job still accepts helpers, and how many are inside it. A helper enters by
    /// incrementing `inside` and then re-checking `open`; the caller closes by clearing `open` and then waits
    /// for `inside` to drain. (Sequentially consistent, so one of the two always sees the other.) The caller thus
    /// never waits for a worker that has not been scheduled yet — on a loaded machine that wait was milliseconds.
    private let open = Atomic<Bool>(false)
    private let inside = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()

    // The current job; written by the caller while `open` is false, read by helpers only while inside.
    private var job: (@convention(c) (UnsafeRawPointer, Int) -> Void)?
    private var context: UnsafeRawPointer?
    private var chunkCount = 0
    private var helperLimit = 0
    private var workerCount = 0

    /// Whether a job is running (a hint: it may change right after).
    var isBusy: Bool { busy.load(ordering: .relaxed) }

    /// Runs the job, returning false (having done nothing) when the pool is already busy.
    func run(chunks: Int, threads: Int, context: UnsafeRawPointer,
             _ job: @convention(c) (UnsafeRawPointer, Int) -> Void) -> Bool {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        let helpers = threads - 1
        while workerCount < helpers { startWorker(index: workerCount) }

        self.job = job
        self.context = context
        chunkCount = chunks
        helperLimit = helpers
        nextChunk.store(0, ordering: .relaxed)
        open.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            wakeUp.lock()
            wakeUp.broadcast()
            wakeUp.unlock()
        }
        runChunks(job, context)
        open.store(false, ordering: .sequentiallyConsistent)
        while inside.load(ordering: .sequentiallyConsistent) > 0 {}
        self.job = nil
        self.context = nil
        return true
    }

    private func runChunks(_ job: @convention(c) (UnsafeRawPointer, Int) -> Void, _ context: UnsafeRawPointer) {
        while true {
            let chunk = nextChunk.add(1, ordering: .relaxed).oldValue
            if chunk >= chunkCount { return }
            job(context, chunk)
        }
    }

    /// Enters the current job if it is still open, runs chunks, and leaves.
    @inline(never)
    private func helpWithCurrentJob(index: Int) {
        inside.add(1, ordering: .sequentiallyConsistent)
        if open.load(ordering: .sequentiallyConsistent), index < helperLimit, let job, let context {
            runChunks(job, context)
        }
        inside.subtract(1, ordering: .sequentiallyConsistent)
    }

    private func startWorker(index: Int) {
        workerCount += 1
        let seen = generation.load(ordering: .acquiring)
        let thread = Thread { [self] in workerLoop(index: index, seen: seen) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func workerLoop(index: Int, seen initial: Int) {
        var seen = initial
        while true {
            seen = waitForJob(after: seen)
            if open.load(ordering: .relaxed) { helpWithCurrentJob(index: index) }
        }
    }

    /// Spins, then blocks, until `generation` moves past `seen`; returns the new generation.
    private func waitForJob(after seen: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.spinNanoseconds
        var polls = 0
        while true {
            let now = generation.load(ordering: .acquiring)
            if now != seen { return now }
            polls += 1
            if polls & 1023 == 0, DispatchTime.now().uptimeNanoseconds > deadline { break }
        }
        sleepers.add(1, ordering: .sequentiallyConsistent)
        wakeUp.lock()
        var now = generation.load(ordering: .sequentiallyConsistent)
        while now == seen {
            wakeUp.wait()
            now = generation.load(ordering: .sequentiallyConsistent)
        }
        wakeUp.unlock()
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        return now
    }
}

#endif
