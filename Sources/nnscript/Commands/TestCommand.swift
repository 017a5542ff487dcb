import ArgumentParser
import Foundation
import NNScript

/// `nnscript test [FILE|DIR…]`: runs recipes as tests of their `expect` lines.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run recipes and check their expect lines; ends with 'N passed, M failed'.",
        discussion: """
            Each recipe runs quietly; a recipe passes when it runs without error and every expect holds. \
            Folders are searched for .nn files (sorted, recursively).

            Example:
              nnscript test examples/

            Exit status: 0 when every recipe passed, 1 when any failed, 2 on usage errors.
            """
    )

    @Argument(help: "Recipe files or folders (default: examples).")
    var paths: [String] = []

    @Option(help: "Threads for the kernels.")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "Show each recipe's full output.")
    var verbose = false

    @OptionGroup(title: "Limits")
    var safety: SafetyOptions

    func run() throws {
        if let threads { Runtime.threadCount = max(1, threads) }
        let recipes = try RecipeFinder.recipes(in: paths.isEmpty ? ["examples"] : paths)
        var passed = 0, failed = 0
        for recipe in recipes {
            let output = StringOutput(), errors = StringOutput()
            var options = SessionOptions()
            options.file = recipe
            options.quiet = !verbose
            options.width = 80
            options.baseDirectory = URL(fileURLWithPath: recipe).deletingLastPathComponent().path
            safety.apply(to: &options)
            let started = Date()
            let result: Session.RunResult
            switch SourceFile.read(recipe) {
            case .failure(let diagnostic):
                errors.write(DiagnosticRenderer.render(diagnostic, source: "", color: false) + "\n")
                result = Session.RunResult(exitCode: 1, expectationsPassed: 0, expectationsFailed: 0,
                                           failures: [diagnostic.message], summary: nil)
            case .success(let source):
                let session = Session(options: options, output: output, errors: errors)
                result = Interrupts.during(session) { session.run(source: source) }
            }
            let seconds = String(format: "%.1f s", Date().timeIntervalSince(started))
            if verbose { print(output.text, terminator: "") }
            if result.exitCode == 0 {
                passed += 1
                print("PASS  \(recipe)  (\(result.expectationsPassed) expectations, \(seconds))")
            } else {
                failed += 1
                print("FAIL  \(recipe)  (\(seconds))")
                for failure in result.failures where failure != "the recipe has errors" { print("      \(failure)") }
                let detail = errors.text.split(separator: "\n").prefix(12).map { "      " + $0 }.joined(separator: "\n")
                if !detail.isEmpty { print(detail) }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 || recipes.isEmpty { throw ExitCode(1) }
    }
}

/// Finds the recipes a `test` invocation names.
enum RecipeFinder {
    static func recipes(in paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A missing recipe is an error in what was run (exit 1), as it is for `run` and `check`.
                Terminal.writeError("error: no such file or folder: \(path)\n")
                throw ExitCode(1)
            }
            if !isDirectory.boolValue {
                found.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var inFolder: [String] = []
            while let entry = enumerator?.nextObject() as? String {
                if entry.hasSuffix(".nn") { inFolder.append((path as NSString).appendingPathComponent(entry)) }
            }
            found.append(contentsOf: inFolder.sorted())
        }
        return found
    }
}
