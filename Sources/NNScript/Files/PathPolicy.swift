#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Which files a recipe may touch

/// The one rule for every file a recipe reads or writes: only inside the recipe's folder (in the REPL, the current
/// folder), or inside a folder the command line allowed with `--allow-read DIR` / `--allow-write DIR`.
///
/// A path is judged by where it really leads: relative paths are taken from the recipe's folder, `..` steps up from
/// the real folder reached so far, and every symbolic link on the way (the last component included) is followed. So
/// `../x`, `/etc/passwd` and a link `out -> /tmp` are all refused, while `sub/../x.csv` is fine. A folder allowed
/// for writing may also be read (a recipe that saves a checkpoint can load it back).
public struct PathPolicy: Sendable, Equatable {
    /// What a statement does with a file.
    public enum Access: String, Sendable {
        case read
        case write
    }

    /// Why a path is refused.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The path as written in the recipe.
        public let path: String
        /// Where it really leads (nil when it cannot be followed, e.g. a link loop).
        public let resolved: String?
        public let access: Access
        /// The folders that access may touch, real paths.
        public let allowed: [String]
        /// What went wrong, e.g. "it lies outside the allowed folders".
        public let reason: String
        /// True when the path is refused for where it leads (an `--allow-…` flag could allow it); false when it is
        /// refused for what it is (empty, a folder, not valid UTF-8), wherever it leads.
        public var concernsPlace: Bool = true

        public var description: String { "'\(path)': \(reason)" }
    }

    /// The folder relative paths start from, as a real path.
    public let baseDirectory: String
    /// Real paths of the folders that may be read (the base folder first).
    public let readFolders: [String]
    /// Real paths of the folders that may be written (the base folder first).
    public let writeFolders: [String]

    /// A policy for recipes in `baseDirectory`; the extra folders widen reading and writing. Folders that do not
    /// exist are kept as written (they allow nothing that exists).
    public init(baseDirectory: String, allowRead: [String] = [], allowWrite: [String] = []) {
        let base = PathPolicy.realPath(of: baseDirectory) ?? PathPolicy.absolute(baseDirectory, from: "/")
        self.baseDirectory = base
        let writes = allowWrite.map { PathPolicy.realPath(of: $0) ?? PathPolicy.absolute($0, from: base) }
        let reads = allowRead.map { PathPolicy.realPath(of: $0) ?? PathPolicy.absolute($0, from: base) }
        writeFolders = PathPolicy.unique([base] + writes)
        readFolders = PathPolicy.unique([base] + reads + writes)
    }

    // MARK: - Judging a path

    /// The real path to use for `access` to `path`, or why it is refused. Reads and writes must use the returned
    /// path, so a link checked here is the link followed there.
    public func resolve(_ path: String, for access: Access) -> Result<String, Refusal> {
        let allowed = access == .read ? readFolders : writeFolders
        func refuse(_ resolved: String?, _ reason: String) -> Result<String, Refusal> {
            .failure(Refusal(path: path, resolved: resolved, access: access, allowed: allowed, reason: reason))
        }
        func refuseAsWritten(_ reason: String) -> Result<String, Refusal> {
            var refusal = Refusal(path: path, resolved: nil, access: access, allowed: allowed, reason: reason)
            refusal.concernsPlace = false
            return .failure(refusal)
        }
        guard !path.isEmpty else { return refuseAsWritten("the path is empty") }
        guard !path.utf8.contains(0) else { return refuseAsWritten("the path contains a NUL character") }
        // A recipe's bytes that are not UTF-8 reach here as U+FFFD: writing under that name would silently rename
        // the file, and reading could never find the one meant.
        guard !path.unicodeScalars.contains("\u{FFFD}") else {
            return refuseAsWritten("the path is not valid UTF-8 (it holds U+FFFD, the mark of undecodable bytes)")
        }
        if access == .write, PathPolicy.namesAFolder(path) {
            return refuseAsWritten("the path names a folder, not a file (it ends with '/', '.' or '..')")
        }
        guard let resolved = PathPolicy.follow(path, from: baseDirectory) else {
            return refuse(nil, "it cannot be followed (a symbolic link loop, or links too deep)")
        }
        guard allowed.contains(where: { PathPolicy.isInside(resolved, folder: $0) }) else {
            let lexical = PathPolicy.absolute(path, from: baseDirectory)
            let how: String
            if allowed.contains(where: { PathPolicy.isInside(lexical, folder: $0) }) {
                how = "a symbolic link leads"
            } else if path.hasPrefix("/") {
                how = "the absolute path leads"
            } else if path.split(separator: "/").contains("..") {
                how = "'..' leads"
            } else {
                how = "it leads"
            }
            return refuse(resolved, "\(how) outside the folders a recipe may \(access.rawValue)")
        }
        if access == .write, FileContents.nonRegularKind(at: resolved) == "a folder" {
            return refuseAsWritten("it is a folder; name a file inside it")
        }
        return .success(resolved)
    }

    /// True for `sub/`, `.`, `sub/..`: a path whose last component cannot be a file's name. (Following the path
    /// drops a trailing slash, so `save "sub/"` used to write a file named `sub`.)
    static func namesAFolder(_ path: String) -> Bool {
        path.hasSuffix("/") || [".", ".."].contains(path.split(separator: "/").last.map(String.init) ?? "")
    }

    /// True when `path` is `folder` or lies below it (both absolute and normalised).
    static func isInside(_ path: String, folder: String) -> Bool {
        if folder == "/" { return true }
        return path == folder || path.hasPrefix(folder + "/")
    }

    // MARK: - Following a path

    /// `path` made absolute from `base` and followed component by component: `.` is skipped, `..` steps up from
    /// the real folder reached so far, and each existing symbolic link is replaced by its target. Components that
    /// do not exist yet are appended as written. Nil for a link loop (more than 40 links).
    static func follow(_ path: String, from base: String) -> String? {
        var pending = components(of: path)
        var current = path.hasPrefix("/") ? "/" : base
        var links = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                current = parent(of: current)
                continue
            }
            let candidate = join(current, component)
            if let target = linkTarget(candidate) {
                links += 1
                if links > 40 { return nil }
                if target.hasPrefix("/") { current = "/" }
                pending.insert(contentsOf: components(of: target), at: 0)
                continue
            }
            current = candidate
        }
        return current
    }

    /// The real path of an existing file or folder, nil when it does not exist.
    static func realPath(of path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `path` made absolute from `base` without touching the file system, `.` and `..` removed.
    static func absolute(_ path: String, from base: String) -> String {
        var current = path.hasPrefix("/") ? "/" : base
        for component in components(of: path) where component != "." && !component.isEmpty {
            current = component == ".." ? parent(of: current) : join(current, component)
        }
        return current
    }

    private static func linkTarget(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder == "/" ? "/" + name : folder + "/" + name
    }

    private static func unique(_ folders: [String]) -> [String] {
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }
}
