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
    public static func read(_ path: String, limit: Int = 1 << 32) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: lastErrorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileReadError(path: path, reason: lastErrorText()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw FileReadError(path: path, reason: "not a regular file")
        }
        guard Int(status.st_size) <= limit else {
            throw FileReadError(path: path,
                                reason: "the file has \(status.st_size) bytes, more than the limit of \(limit)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: lastErrorText())
            }
            if got == 0 { return bytes }
            guard bytes.count + got <= limit else {
                throw FileReadError(path: path, reason: "the file grew past the limit of \(limit) bytes")
            }
            bytes.append(contentsOf: chunk[0..<got])
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
