import Foundation
import NNScript
import Testing

@Suite struct AtomicFileTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "nnscript-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesAndReplacesWholeFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        #expect(try FileContents.read(path) == [1, 2, 3])
        try AtomicFile.write("replaced ✓", to: path)
        #expect(try FileContents.read(path) == Array("replaced ✓".utf8))
        // Nothing but the destination remains: the temporary file was renamed, not copied.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
    }

    @Test func writesEmptyFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write([UInt8](), to: dir + "/empty")
        #expect(try FileContents.read(dir + "/empty") == [])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The destination is a non-empty folder: the rename fails after the data was written to a temporary file.
        let blocked = dir + "/blocked"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        try AtomicFile.write([9], to: blocked + "/keep")
        let error = try #require(throws: FileWriteError.self) { try AtomicFile.write([1, 2], to: blocked) }
        #expect(error.description.hasPrefix("cannot write \"\(blocked)\": cannot move the new file into place"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["blocked"])
        #expect(try FileContents.read(blocked + "/keep") == [9])
    }

    /// A `kill -9` during a save leaves `.NAME.PID.X.tmp`; no later run removed it (12 MB in the probe).
    @Test func aLaterWriteRemovesLeftoversOfProcessesThatNoLongerExist() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/sh")
        finished.arguments = ["-c", "exit 0"]
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier, live = getppid(), own = getpid()
        let leftover = ".out.bin.\(dead).1x2y.tmp"
        let kept = [".out.bin.\(live).abc.tmp", ".out.bin.\(own).def.tmp", ".other.bin.\(dead).q.tmp",
                    ".out.bin.\(dead).tmp", "out.bin.\(dead).z.tmp"]
        for name in [leftover] + kept { try AtomicFile.write([0], to: dir + "/" + name) }
        // Writing `.out.bin.DEAD.1x2y.tmp` itself must not count as a leftover of `out.bin`; it is there now.
        #expect(FileManager.default.fileExists(atPath: dir + "/" + leftover))
        try AtomicFile.write([1, 2], to: dir + "/out.bin")
        let left = try Set(FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(left == Set(kept + ["out.bin"]))
    }

    @Test func aMissingFolderIsAClearError() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try #require(throws: FileWriteError.self) { try AtomicFile.write([1], to: dir + "/no/such/file") }
        #expect(error.reason == "No such file or directory")
        #expect(error.description.contains("cannot create a temporary file"))
    }

    @Test func aPathWithoutAFileNameIsRefused() {
        #expect(throws: FileWriteError.self) { try AtomicFile.write([1], to: "somewhere/") }
        #expect(throws: FileWriteError.self) { try AtomicFile.write([1], to: "..") }
    }

    @Test func readingRefusesFoldersAndOversizedFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileReadError.self) { try FileContents.read(dir) }
        try AtomicFile.write([UInt8](repeating: 7, count: 100), to: dir + "/big")
        let error = try #require(throws: FileReadError.self) { try FileContents.read(dir + "/big", limit: 99) }
        #expect(error.reason.contains("100 bytes"))
    }
}
