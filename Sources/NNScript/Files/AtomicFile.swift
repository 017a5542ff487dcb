#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Errors

/// Why a file could not be written; nothing at the destination was changed.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The destination the caller asked for.
    public let path: String
    /// What failed, e.g. "cannot create a temporary file".
    public let step: String
    /// The system's explanation (`strerror`), e.g. "Permission denied".
    public let reason: String

    public init(path: String, step: String, reason: String) {
        self.path = path
        self.step = step
        self.reason = reason
    }

    public var description: String { "cannot write \"\(path)\": \(step): \(reason)" }
}

// MARK: - Atomic writes

/// Writes whole files so that a reader, or a run that is interrupted, sees either the old file or the complete new
/// one — never a truncated mix.
///
/// The bytes go to a fresh temporary file in the destination's own folder (a rename is only atomic within one file
/// system), are flushed to the disk with `fsync`, and the temporary file is then renamed over the destination. The
/// folder is synced too, so the rename itself survives a power cut. On any failure the temporary file is removed
/// and the destination is untouched. A symbolic link at the destination is replaced, not written through: which
/// paths may be written at all is the caller's (the sandbox's) decision.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`, atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = parentFolder(of: path)
        let base = baseName(of: path)
        guard !base.isEmpty, base != ".", base != ".." else {
            throw FileWriteError(path: path, step: "not a file name", reason: "the path names a folder")
        }
        let (descriptor, temporaryPath) = try createTemporaryFile(folder: folder, base: base, destination: path)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, destination: path)
            if fsync(descriptor) != 0 {
                throw FileWriteError(path: path, step: "cannot flush to disk", reason: lastErrorText())
            }
        }
        if rename(temporaryPath, path) != 0 {
            throw FileWriteError(path: path, step: "cannot move the new file into place", reason: lastErrorText())
        }
        succeeded = true
        syncFolder(folder)
        removeLeftovers(folder: folder, base: base)
    }

    /// Replaces the file at `path` with the UTF-8 encoding of `text`, atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    // MARK: - Steps

    /// Opens a new, exclusive temporary file next to the destination. The name starts with a dot so folder listings
    /// stay clean, and carries the process id and a random suffix so concurrent writers never collide.
    private static func createTemporaryFile(folder: String, base: String,
                                            destination: String) throws -> (Int32, String) {
        var lastReason = ""
        for _ in 0..<8 {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let candidate = join(folder, ".\(base).\(getpid()).\(suffix).tmp")
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, candidate) }
            lastReason = lastErrorText()
            if errno != EEXIST { break }
        }
        throw FileWriteError(path: destination, step: "cannot create a temporary file in \"\(folder)\"",
                             reason: lastReason)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, destination: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: destination, step: "cannot write the data", reason: lastErrorText())
                }
                offset += written
            }
        }
    }

    /// Removes `.BASE.PID.X.tmp` files that a writer of the same destination left when it was killed (`kill -9`
    /// during a save): each names its process, and one whose process no longer exists will never be renamed.
    /// Files of live processes — concurrent writers, this one included — are left alone. Best effort.
    static func removeLeftovers(folder: String, base: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let prefix = "." + base + "."
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp"),
                  let pid = leftoverOwner(String(name.dropFirst(prefix.count).dropLast(4))),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(join(folder, name))
        }
    }

    /// The process id in the middle part `PID.SUFFIX` of a temporary file's name (the suffix is base 36).
    private static func leftoverOwner(_ middle: String) -> pid_t? {
        let parts = middle.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, !parts[1].isEmpty,
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return pid
    }

    /// Best effort: some file systems refuse to open or sync a folder, and the file itself is already safe.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    // MARK: - Paths

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// At file scope, so `write` is the C library's, not `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
