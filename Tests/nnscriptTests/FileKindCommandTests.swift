import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The commands on files that are not regular files: `run` on a FIFO or `/dev/null` said "permission denied or
/// I/O error" (or hung), `check` passed a recipe whose `data csv` names a FIFO, and `test` hung on a FIFO `x.nn`.
@Suite struct FileKindCommandTests {
    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnscript-kind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        return path.path
    }

    @Test func runSaysWhatTheFileIs() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mkfifo(dir + "/fifo.nn", 0o600) == 0)
        let fifo = try runNNScript(["run", dir + "/fifo.nn"])
        #expect(fifo.status == 1)
        #expect(fifo.stderr.contains("cannot read '\(dir)/fifo.nn': it is a FIFO (named pipe), not a regular file"))
        let null = try runNNScript(["run", "/dev/null"])
        #expect(null.status == 1)
        #expect(null.stderr.contains("cannot read '/dev/null': it is a character device, not a regular file"))
    }

    @Test func checkReportsADataFileThatIsAFIFO() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mkfifo(dir + "/fifo.csv", 0o600) == 0)
        try "data csv \"fifo.csv\"\nlayer 4 tanh\ntrain 2\n".write(toFile: dir + "/r.nn", atomically: true, encoding: .utf8)
        let check = try runNNScript(["check", dir + "/r.nn"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("r.nn:1:10: error: cannot read 'fifo.csv': it is a FIFO (named pipe)"))
        let run = try runNNScript(["run", dir + "/r.nn"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("r.nn:1:10: error: cannot read 'fifo.csv': it is a FIFO (named pipe)"))
    }

    @Test func testFailsAFIFORecipeInAFolderAndRunsTheRest() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mkfifo(dir + "/a-fifo.nn", 0o600) == 0)
        try "seed 1\ndata sin(x) on [0, 3] samples 20\nlayer 2 tanh\ntrain 2\n"
            .write(toFile: dir + "/b.nn", atomically: true, encoding: .utf8)
        let result = try runNNScript(["test", dir])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  \(dir)/a-fifo.nn"))
        #expect(result.stdout.contains("it is a FIFO (named pipe), not a regular file"))
        #expect(result.stdout.contains("PASS  \(dir)/b.nn"))
        #expect(result.stdout.contains("1 passed, 1 failed"))
    }
}
