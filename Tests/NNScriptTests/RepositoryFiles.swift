import Foundation

/// Files of the repository the tests read: examples, golden recipes, the grammar. Found from this source file's
/// path, so they are read where they are committed (the tests always run from a checkout).
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ relativePath: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)) ?? ""
    }

    /// `(path, text)` of every `.nn` file in a folder of the repository.
    static func recipes(in folder: String) -> [(path: String, source: String)] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".nn") }.sorted().map { name in
            (folder + "/" + name, text(folder + "/" + name))
        }
    }

    static var examples: [(path: String, source: String)] { recipes(in: "examples") }
    static var golden: [(path: String, source: String)] { recipes(in: "Tests/NNScriptTests/Golden") }
}
