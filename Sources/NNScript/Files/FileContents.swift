#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Reading whole files

/// Why a file could not be read.
public struct FileReadError: Error, Equatable, CustomStringConvertible {
    public let path: String
    /// The system's explanation (`strerror`), e.g. "No such file or directory".
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read \"\(path)\": \(reason)" }
}

/// Reads a whole file into memory, the counterpart of `AtomicFile.write`.
public enum FileContents {
    /// The bytes of the file at `path`, refusing files larger than `limit` bytes (before reading them).
    ///
    /// Only regular files are read, and that is judged before the file is opened: opening a FIFO blocks until a
    /// writer appears (forever, in a hostile recipe folder) and a device may never end. The open itself is
    /// non-blocking, so a FIFO swapped in after the check is refused by the second look, not waited on.
    public static func read(_ path: String, limit: Int = 1 << 32) throws -> [UInt8] {
        if let kind = nonRegularKind(at: path) { throw FileReadError(path: path, reason: notRegular(kind)) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: lastErrorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileReadError(path: path, reason: lastErrorText()) }
        if let kind = kindName(status.st_mode) { throw FileReadError(path: path, reason: notRegular(kind)) }
        guard Int(status.st_size) <= limit else {
            throw FileReadError(path: path,
                                reason: "the file has \(status.st_size) bytes, more than the limit of \(limit)")
        }
        // Read straight into an array of the size fstat gave, one byte more to see a file that grew: no chunk
        // copied over and no array regrown (on a 50 MB table, a tenth of the reading time).
        var bytes = try [UInt8](unsafeUninitializedCapacity: Int(status.st_size) + 1) { buffer, count in
            MemoryAdvice.hugePages(UnsafeMutableRawBufferPointer(buffer))
            count = try readAll(descriptor, into: UnsafeMutableRawBufferPointer(buffer), path: path)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count > status.st_size {
            // The file grew since fstat: read on in chunks, up to the limit.
            guard bytes.count <= limit else {
                throw FileReadError(path: path, reason: "the file grew past the limit of \(limit) bytes")
            }
            let got = try chunk.withUnsafeMutableBytes { try readAll(descriptor, into: $0, path: path) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        guard bytes.count <= limit else {
            throw FileReadError(path: path, reason: "the file grew past the limit of \(limit) bytes")
        }
        return bytes
    }

    /// Fills `buffer` from the descriptor until it is full or the file ends; the number of bytes read.
    private static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws
        -> Int
    {
        var count = 0
        while count < buffer.count {
            let got = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: lastErrorText())
            }
            if got == 0 { break }
            count += got
        }
        return count
    }

    // MARK: - What a path is

    /// What the path names when it exists and is not a regular file ("a FIFO (named pipe)", "a folder", …),
    /// following symbolic links; nil for a regular file or a path that cannot be examined (the open then says why).
    public static func nonRegularKind(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kindName(status.st_mode)
    }

    /// "it is a FIFO (named pipe), not a regular file".
    public static func notRegular(_ kind: String) -> String { "it is \(kind), not a regular file" }

    private static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// At file scope, so `read` is the C library's, not `FileContents.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
