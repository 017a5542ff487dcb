import Foundation
import NNScript
import Testing

/// Every statement that reads or writes a file obeys `PathPolicy`, with an error located at the path string.
@Suite(.serialized) struct FileRulesTests {
    static let model = """
        seed 1
        data sin(x) on [0, 3] samples 40
        layer 4 tanh
        train 5

        """

    /// Runs `recipe` in `folder` with the given extra folders; returns the result and stderr.
    func run(_ recipe: String, in folder: String, read: [String] = [], write: [String] = [])
        -> (result: Session.RunResult, errors: String)
    {
        Runtime.threadCount = 1
        var options = SessionOptions()
        options.file = "r.nn"
        options.quiet = true
        options.baseDirectory = folder
        options.allowedReadFolders = read
        options.allowedWriteFolders = write
        let out = StringOutput(), err = StringOutput()
        let result = Session(options: options, output: out, errors: err).run(source: recipe)
        return (result, err.text)
    }

    /// `save "sub/"` wrote a file `sub`; invalid UTF-8 in a path was written under U+FFFD without a word.
    @Test func aSaveToAFolderOrAnUndecodablePathIsALocatedErrorAndWritesNothing() throws {
        let box = try SandboxFixture()
        let before = try FileManager.default.contentsOfDirectory(atPath: box.recipes).sorted()
        let folder = run(Self.model + "save \"new/\"\n", in: box.recipes)
        #expect(folder.result.exitCode == 1)
        #expect(folder.errors.contains("r.nn:5:6: error: cannot write 'new/': the path names a folder"), "\(folder.errors)")
        #expect(!folder.errors.contains("--allow-write"), "\(folder.errors)")
        let bytes = Array((Self.model + "save \"c").utf8) + [0xFF, 0xFE] + Array(".ckpt\"\n".utf8)
        let undecodable = run(String(decoding: bytes, as: UTF8.self), in: box.recipes)
        #expect(undecodable.result.exitCode == 1)
        #expect(undecodable.errors.contains("the path is not valid UTF-8"), "\(undecodable.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.recipes).sorted() == before)
    }

    @Test func everyWritingStatementIsRefusedOutsideTheRecipeFolder() throws {
        let box = try SandboxFixture()
        for statement in ["save \"../outside/c.ckpt\"", "export onnx \"../outside/m.onnx\"",
                          "export pytorch \"../outside/m.py\"", "plot fit \"../outside/f.svg\"",
                          "plot loss \"../outside/l.svg\"", "predict on [0, 1] samples 5 \"../outside/p.csv\""] {
            let (result, errors) = run(Self.model + statement, in: box.recipes)
            #expect(result.exitCode == 1, "\(statement)")
            #expect(errors.contains("cannot write '../outside/"), "\(statement): \(errors)")
            #expect(errors.contains("--allow-write \(box.outside)"), "\(statement): \(errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.outside) == ["points.csv"])
    }

    @Test func refusalsPointAtThePathString() throws {
        let box = try SandboxFixture()
        let (_, errors) = run(Self.model + "save \"/etc/nnscript.ckpt\"", in: box.recipes)
        // Line 5, the string starts at column 6 and the marker covers it, quotes included.
        #expect(errors.contains("r.nn:5:6: error: cannot write '/etc/nnscript.ckpt': the absolute path leads outside"))
        #expect(errors.contains("^" + String(repeating: "~", count: "\"/etc/nnscript.ckpt\"".count - 1)))
    }

    @Test func readingStatementsAreRefusedOutsideAndNothingRuns() throws {
        let box = try SandboxFixture()
        let csv = run("data csv \"../outside/points.csv\"\nlayer 4 tanh\ntrain 3", in: box.recipes)
        #expect(csv.result.exitCode == 1)
        #expect(csv.errors.contains("r.nn:1:10: error: cannot read '../outside/points.csv': '..' leads outside"))
        #expect(csv.errors.contains("--allow-read \(box.outside)"))
        let load = run(Self.model + "load \"/etc/passwd\"", in: box.recipes)
        #expect(load.errors.contains("cannot read '/etc/passwd'"))
    }

    @Test func aSymbolicLinkToOutsideIsRefusedForReadingAndWriting() throws {
        let box = try SandboxFixture()
        try box.link("shared", to: box.outside)
        let read = run("data csv \"shared/points.csv\"\ntrain 3", in: box.recipes)
        #expect(read.errors.contains("a symbolic link leads outside"), "\(read.errors)")
        #expect(read.errors.contains("it resolves to \(box.outside)/points.csv"))
        let write = run(Self.model + "save \"shared/c.ckpt\"", in: box.recipes)
        #expect(write.errors.contains("cannot write 'shared/c.ckpt': a symbolic link leads outside"))
        #expect(!FileManager.default.fileExists(atPath: box.outside + "/c.ckpt"))
    }

    @Test func allowReadLetsDataCSVReadAnotherFolder() throws {
        let box = try SandboxFixture()
        let recipe = "data csv \"../outside/points.csv\"\nlayer 4 tanh\ntrain 3"
        #expect(run(recipe, in: box.recipes, read: [box.outside]).result.exitCode == 0)
        // Reading is not writing.
        let write = run(Self.model + "save \"../outside/c.ckpt\"", in: box.recipes, read: [box.outside])
        #expect(write.result.exitCode == 1)
    }

    @Test func allowWriteLetsSaveAndLoadUseAnotherFolder() throws {
        let box = try SandboxFixture()
        let recipe = Self.model + "save \"\(box.outside)/c.ckpt\"\nload \"\(box.outside)/c.ckpt\"\nplot \"../outside/f.svg\""
        let (result, errors) = run(recipe, in: box.recipes, write: [box.outside])
        #expect(result.exitCode == 0, "\(errors)")
        #expect(FileManager.default.fileExists(atPath: box.outside + "/c.ckpt"))
        #expect(FileManager.default.fileExists(atPath: box.outside + "/f.svg"))
    }

    @Test func filesInsideTheRecipeFolderNeedNoFlag() throws {
        let box = try SandboxFixture()
        let recipe = "data csv \"points.csv\"\nlayer 4 tanh\ntrain 3\nsave \"sub/c.ckpt\"\nload \"sub/../sub/c.ckpt\""
        let (result, errors) = run(recipe, in: box.recipes)
        #expect(result.exitCode == 0, "\(errors)")
        #expect(FileManager.default.fileExists(atPath: box.recipes + "/sub/c.ckpt"))
    }

    @Test func theREPLMayWriteOnlyInTheCurrentFolder() throws {
        let box = try SandboxFixture()
        let err = StringOutput()
        var options = SessionOptions()
        options.file = Session.interactiveFile
        let repl = Session(options: options, output: StringOutput(), errors: err)
        #expect(repl.execute(line: "data sin(x) on [0, 1] samples 20; layer 2 tanh", lineNumber: 1))
        #expect(!repl.execute(line: "save \"\(box.outside)/c.ckpt\"", lineNumber: 2))
        #expect(err.text.contains("<repl>:2:6: error: cannot write"))
        #expect(err.text.contains("only inside the current folder"))
        #expect(!FileManager.default.fileExists(atPath: box.outside + "/c.ckpt"))
        // The refused statement is not part of the session's recipe.
        #expect(!repl.recipeText().contains("save"))
    }

    @Test func noStatementCanRunAProgramOrReachTheNetwork() throws {
        // The interpreter has no way to: nothing in the language library starts processes or opens sockets.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/NNScript")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOfFile: root.appendingPathComponent(file).path, encoding: .utf8)
            for forbidden in ["Process(", "posix_spawn", "popen(", "system(", "execv", "fork(", "URLSession",
                              "socket(", "connect(", "dlopen("] {
                #expect(!text.contains(forbidden), "\(file) mentions \(forbidden)")
            }
        }
    }
}
