// MARK: - Checkpoint files

extension Checkpoint {
    /// Writes the checkpoint to `path` atomically: an interrupted save leaves the previous file intact.
    public func write(to path: String) throws {
        try AtomicFile.write(encode(), to: path)
    }

    /// Reads and decodes the checkpoint at `path`, refusing files larger than `limit` bytes; throws
    /// `FileReadError` or `CheckpointError`.
    public static func read(from path: String, limit: Int = 1 << 32) throws -> Checkpoint {
        try decode(FileContents.read(path, limit: limit))
    }
}
