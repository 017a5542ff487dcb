import Foundation
import NNScript
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file nnscript reads is judged before a blocking open: a FIFO in a recipe folder used to hang `data csv`,
/// `load` and `run` forever (blocked in `open`, before the "not a regular file" check).
@Suite struct FileContentsTests {
    /// A folder holding a FIFO `name`.
    private func folderWithFIFO(_ name: String) throws -> (folder: String, fifo: String) {
        let folder = try TemporaryFolder.make("fifo")
        let fifo = folder + "/" + name
        try #require(mkfifo(fifo, 0o600) == 0)
        return (folder, fifo)
    }

    /// Runs `body`; if it is still blocked after a minute, a writer opens the FIFO so it can return, and the test
    /// fails. The guard keeps a regression from hanging the suite; nothing here measures speed.
    private func withoutHanging<T>(on fifo: String, _ body: () -> T) -> T {
        let finished = HangGuardFlags()
        let guardThread = Thread {
            for _ in 0..<600 where !finished.isSet { usleep(100_000) }
            guard !finished.isSet else { return }
            finished.hung = true
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        guardThread.start()
        let result = body()
        finished.isSet = true
        #expect(!finished.hung, "reading \(fifo) blocked until a writer appeared")
        return result
    }

    @Test func aFIFOIsRefusedWithWhatItIsWithoutWaitingForAWriter() throws {
        let (folder, fifo) = try folderWithFIFO("points.csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = withoutHanging(on: fifo) { () -> FileReadError? in
            do { _ = try FileContents.read(fifo); return nil } catch { return error as? FileReadError }
        }
        #expect(error?.reason == "it is a FIFO (named pipe), not a regular file")
    }

    @Test func dataCSVAndRecipesOnAFIFOAreLocatedErrors() throws {
        let (folder, fifo) = try folderWithFIFO("fifo.csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let range = SourceRange.startOfFile("r.nn")
        let csv = withoutHanging(on: fifo) { DataGenerator.readCSV(path: fifo, displayPath: "fifo.csv", range: range) }
        guard case .failure(let diagnostic) = csv else { Issue.record("a FIFO was read as CSV"); return }
        #expect(diagnostic.id == .fileUnreadable)
        #expect(diagnostic.message == "cannot read 'fifo.csv': it is a FIFO (named pipe), not a regular file")
        let recipe = withoutHanging(on: fifo) { SourceFile.read(fifo) }
        guard case .failure(let recipeDiagnostic) = recipe else { Issue.record("a FIFO was read as a recipe"); return }
        #expect(recipeDiagnostic.message.hasSuffix("it is a FIFO (named pipe), not a regular file"))
        let checkpoint = withoutHanging(on: fifo) { () -> FileReadError? in
            do { _ = try Checkpoint.read(from: fifo); return nil } catch { return error as? FileReadError }
        }
        #expect(checkpoint?.reason == "it is a FIFO (named pipe), not a regular file")
    }

    /// `load` on a FIFO was located at the statement (4:1); like `data csv`, it is shown at the path.
    @Test func loadOnAFIFOIsLocatedAtItsPath() throws {
        let (folder, fifo) = try folderWithFIFO("fifo.ckpt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var options = SessionOptions()
        options.file = "r.nn"
        options.quiet = true
        options.baseDirectory = folder
        let out = StringOutput(), err = StringOutput()
        let session = Session(options: options, output: out, errors: err)
        let result = withoutHanging(on: fifo) {
            session.run(source: "seed 1\ndata sin(x) on [0, 1]\nlayer 2 tanh\nload \"fifo.ckpt\"\n")
        }
        #expect(result.exitCode == 1)
        #expect(err.text.contains("r.nn:4:6: error: cannot read 'fifo.ckpt': it is a FIFO (named pipe), not a "
            + "regular file"), "\(err.text)")
    }

    /// `run /dev/null` said "permission denied or I/O error".
    @Test(arguments: [("/dev/null", "a character device"), ("/", "a folder")])
    func devicesAndFoldersSayWhatTheyAre(path: String, kind: String) {
        guard case .failure(let diagnostic) = SourceFile.read(path) else {
            Issue.record("\(path) was read as a recipe")
            return
        }
        #expect(diagnostic.message == "cannot read '\(path)': it is \(kind), not a regular file")
    }

    @Test func checkFindsTheFIFOsARecipeReadsAtTheirPaths() throws {
        let (folder, _) = try folderWithFIFO("fifo.csv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sub.ckpt", withIntermediateDirectories: true)
        try "x,y\n0,1\n1,2\n".write(toFile: folder + "/fine.csv", atomically: true, encoding: .utf8)
        let source = "data csv \"fine.csv\"\ndata csv \"fifo.csv\"\nlayer 2 tanh\nload \"sub.ckpt\"\nload \"later.ckpt\"\n"
        let (program, _, _) = Checker.check(source: source, file: "r.nn")
        let problems = RecipeFiles.problems(in: program, baseDirectory: folder)
        #expect(problems.map(\.message) == [
            "cannot read 'fifo.csv': it is a FIFO (named pipe), not a regular file",
            "cannot read 'sub.ckpt': it is a folder, not a regular file",
        ])
        #expect(problems.map { "\($0.range.start.line):\($0.range.start.column)" } == ["2:10", "4:6"])
    }
}

/// The flags the hang guard and the test share.
private final class HangGuardFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private var blocked = false
    var isSet: Bool {
        get { lock.withLock { set } }
        set { lock.withLock { set = newValue } }
    }
    var hung: Bool {
        get { lock.withLock { blocked } }
        set { lock.withLock { blocked = newValue } }
    }
}
