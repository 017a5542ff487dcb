import NNTensor

/// Settings of the tensor runtime that the command line exposes, so the CLI needs nothing but NNScript.
public enum Runtime {
    /// Threads the kernels use; results are bit-identical for any count.
    public static var threadCount: Int {
        get { Parallel.threadCount }
        set { Parallel.threadCount = max(1, newValue) }
    }
}
