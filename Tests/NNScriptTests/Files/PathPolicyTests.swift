import Foundation
import NNScript
import Testing

/// A recipe folder with a sibling outside it, for the file rules.
struct SandboxFixture {
    /// The real path of a fresh folder holding `recipes/` (the recipe's folder) and `outside/`.
    let root: String
    var recipes: String { root + "/recipes" }
    var outside: String { root + "/outside" }

    init() throws {
        let made = NSTemporaryDirectory() + "nnscript-sandbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: made + "/recipes/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: made + "/outside", withIntermediateDirectories: true)
        root = try FileManager.default.destinationOfSymbolicLinkOrSelf(made)
        try "0,0\n1,1\n2,4\n".write(toFile: outside + "/points.csv", atomically: true, encoding: .utf8)
        try "0,0\n1,1\n2,4\n".write(toFile: recipes + "/points.csv", atomically: true, encoding: .utf8)
    }

    func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: recipes + "/" + name, withDestinationPath: target)
    }
}

extension FileManager {
    /// The real path of `path` (temporary folders are behind a link on some systems).
    func destinationOfSymbolicLinkOrSelf(_ path: String) throws -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}

@Suite struct PathPolicyTests {
    func refusal(_ result: Result<String, PathPolicy.Refusal>) -> PathPolicy.Refusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    @Test func pathsInsideTheRecipeFolderAreAllowedAndResolved() throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes)
        #expect(try policy.resolve("points.csv", for: .read).get() == box.recipes + "/points.csv")
        #expect(try policy.resolve("sub/../new.svg", for: .write).get() == box.recipes + "/new.svg")
        #expect(try policy.resolve("./sub/deeper/x.ckpt", for: .write).get() == box.recipes + "/sub/deeper/x.ckpt")
        #expect(try policy.resolve(box.recipes + "/points.csv", for: .read).get() == box.recipes + "/points.csv")
    }

    /// `save "sub/"` wrote a file named `sub`: following the path dropped the slash.
    @Test(arguments: ["sub/", "new/", ".", "sub/..", "sub"])
    func aPathThatNamesAFolderIsNotWritten(path: String) throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes)
        let refused = try #require(refusal(policy.resolve(path, for: .write)))
        #expect(refused.reason.contains("folder"))
        #expect(!refused.concernsPlace, "no --allow-write can make a folder a file")
        #expect(try policy.resolve(path == "new/" ? "new/x.ckpt" : "sub/x.ckpt", for: .write).get().hasSuffix(".ckpt"))
    }

    /// Bytes that are not UTF-8 reach a path as U+FFFD; writing under that name renamed the file without a word.
    @Test(arguments: [PathPolicy.Access.read, .write])
    func aPathThatIsNotValidUTF8IsRefused(access: PathPolicy.Access) throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes)
        let refused = try #require(refusal(policy.resolve("out\u{FFFD}.ckpt", for: access)))
        #expect(refused.reason.hasPrefix("the path is not valid UTF-8"))
    }

    @Test func dotDotThatLeavesTheFolderIsRefused() throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes)
        let refused = try #require(refusal(policy.resolve("../outside/points.csv", for: .read)))
        #expect(refused.reason.contains("'..'"))
        #expect(refused.resolved == box.outside + "/points.csv")
        #expect(refusal(policy.resolve("sub/../../x.svg", for: .write)) != nil)
        #expect(refusal(policy.resolve("../../../../../../../../etc/passwd", for: .read)) != nil)
    }

    @Test func absolutePathsOutsideAreRefused() throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes)
        let refused = try #require(refusal(policy.resolve("/etc/passwd", for: .read)))
        #expect(refused.reason.contains("absolute"))
        #expect(refusal(policy.resolve(box.outside + "/m.onnx", for: .write)) != nil)
        #expect(refusal(policy.resolve("/", for: .write)) != nil)
    }

    @Test func symbolicLinksThatLeadOutsideAreRefused() throws {
        let box = try SandboxFixture()
        try box.link("escape", to: box.outside)                       // a folder link
        try box.link("data.csv", to: box.outside + "/points.csv")     // a file link
        try box.link("relative", to: "../outside")                    // a relative link
        try box.link("dangling.svg", to: box.outside + "/new.svg")    // a link to a file not yet written
        let policy = PathPolicy(baseDirectory: box.recipes)
        let viaFolder = try #require(refusal(policy.resolve("escape/points.csv", for: .read)))
        #expect(viaFolder.reason.contains("symbolic link"))
        #expect(viaFolder.resolved == box.outside + "/points.csv")
        #expect(refusal(policy.resolve("data.csv", for: .read)) != nil)
        #expect(refusal(policy.resolve("relative/x.ckpt", for: .write)) != nil)
        #expect(refusal(policy.resolve("dangling.svg", for: .write)) != nil)
    }

    @Test func symbolicLinksThatStayInsideAreFollowed() throws {
        let box = try SandboxFixture()
        try box.link("alias.csv", to: "points.csv")
        try box.link("here", to: box.recipes + "/sub")
        let policy = PathPolicy(baseDirectory: box.recipes)
        #expect(try policy.resolve("alias.csv", for: .read).get() == box.recipes + "/points.csv")
        #expect(try policy.resolve("here/x.svg", for: .write).get() == box.recipes + "/sub/x.svg")
    }

    @Test func linkLoopsAreRefusedNotFollowedForever() throws {
        let box = try SandboxFixture()
        try box.link("a", to: "b")
        try box.link("b", to: "a")
        let refused = try #require(refusal(PathPolicy(baseDirectory: box.recipes).resolve("a/x.csv", for: .read)))
        #expect(refused.resolved == nil)
    }

    @Test func allowReadWidensReadingOnly() throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes, allowRead: [box.outside])
        #expect(try policy.resolve("../outside/points.csv", for: .read).get() == box.outside + "/points.csv")
        #expect(refusal(policy.resolve("../outside/c.ckpt", for: .write)) != nil)
        // A link into an allowed folder is as good as the folder.
        try box.link("escape", to: box.outside)
        #expect(try policy.resolve("escape/points.csv", for: .read).get() == box.outside + "/points.csv")
    }

    @Test func allowWriteWidensWritingAndReading() throws {
        let box = try SandboxFixture()
        let policy = PathPolicy(baseDirectory: box.recipes, allowWrite: [box.outside])
        #expect(try policy.resolve(box.outside + "/c.ckpt", for: .write).get() == box.outside + "/c.ckpt")
        #expect(try policy.resolve(box.outside + "/c.ckpt", for: .read).get() == box.outside + "/c.ckpt")
        #expect(refusal(policy.resolve(box.root + "/elsewhere.svg", for: .write)) != nil)
    }

    @Test func emptyAndNulPathsAreRefused() throws {
        let policy = PathPolicy(baseDirectory: try SandboxFixture().recipes)
        #expect(refusal(policy.resolve("", for: .write)) != nil)
        #expect(refusal(policy.resolve("a\u{0}b", for: .write)) != nil)
    }

    @Test func theCurrentFolderIsTheDefaultBase() {
        let policy = PathPolicy(baseDirectory: ".")
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        #expect(policy.baseDirectory == current)
        #expect(policy.writeFolders == [current])
    }
}
