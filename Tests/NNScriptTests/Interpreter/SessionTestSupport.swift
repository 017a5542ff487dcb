import Foundation
import NNScript

/// Runs recipes in-process in a temporary folder, as the CLI would, and keeps what they printed.
struct RecipeRun {
    let session: Session
    let result: Session.RunResult
    let output: String
    let errors: String

    /// Runs `recipe` with relative paths resolved in `folder`, one kernel thread (see the thread-pool issue)
    /// unless `threads` says.
    init(_ recipe: String, in folder: String, threads: Int = 1, quiet: Bool = true) {
        Runtime.threadCount = threads
        defer { Runtime.threadCount = 1 }
        var options = SessionOptions()
        options.quiet = quiet
        options.baseDirectory = folder
        options.file = "test.nn"
        let out = StringOutput(), err = StringOutput()
        session = Session(options: options, output: out, errors: err)
        result = session.run(source: recipe)
        output = out.text
        errors = err.text
    }

    var hash: String { session.weightsSHA256 }
}

enum TemporaryFolder {
    /// A fresh, empty folder.
    static func make(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "nnscript-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
