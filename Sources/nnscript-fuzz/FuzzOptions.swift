import Foundation

/// The command line of `nnscript-fuzz`.
struct FuzzOptions {
    enum Mode {
        /// Runs workers and catches their crashes.
        case supervise
        /// Runs inputs, writing the index of each to `statePath` before running it.
        case worker(statePath: String)
        case replay(Int)
        case print(Int)
        case file(String)
    }

    var mode = Mode.supervise
    var seed: UInt64 = 1
    var start = 0
    var count = 100_000
    /// Folder of `.nn` files to mutate besides the built-in recipes (nil: none).
    var corpusFolder: String? = FileManager.default.fileExists(atPath: "examples") ? "examples" : nil
    var findings = "fuzz-findings"
    var progressEvery = 10_000
    /// An input taking more CPU time than this is a finding (the front end should be linear-ish in its input).
    var slowMilliseconds = 2_000.0
    /// A worker whose current input has not changed for this long is killed and the input reported as a hang.
    var hangSeconds = 60.0
    /// Also runs each input that checks cleanly through the interpreter, on tiny budgets.
    var interpreter = false
    /// With `interpreter`: keeps the statements that read and write files, and runs them in a folder whose files
    /// are FIFOs, folders and symbolic links (`HostileFolder`).
    var hostileFiles = false

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        func number<T: LosslessStringConvertible>(_ flag: String) throws -> T {
            let text = try value(flag)
            guard let parsed = T(text) else { throw UsageError(description: "\(flag): not a number: \(text)") }
            return parsed
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--seed": seed = try number(flag)
            case "--count": count = try number(flag)
            case "--start": start = try number(flag)
            case "--corpus": corpusFolder = try value(flag)
            case "--no-corpus": corpusFolder = nil
            case "--findings": findings = try value(flag)
            case "--progress": progressEvery = max(1, try number(flag))
            case "--slow-ms": slowMilliseconds = try number(flag)
            case "--hang-seconds": hangSeconds = try number(flag)
            case "--interpreter": interpreter = true
            case "--hostile-files": (interpreter, hostileFiles) = (true, true)
            case "--worker": mode = .worker(statePath: try value(flag))
            case "--replay": mode = .replay(try number(flag))
            case "--print": mode = .print(try number(flag))
            case "--file": mode = .file(try value(flag))
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        guard start >= 0, count >= 0 else { throw UsageError(description: "--start and --count must be >= 0") }
    }

    /// The extra corpus: every `.nn` file of the corpus folder, in name order (so a replay sees the same corpus).
    func corpus() -> [String] {
        guard let folder = corpusFolder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".nn") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The arguments that make a worker run the same inputs as this process, from `start`.
    func workerArguments(start: Int, count: Int, statePath: String) -> [String] {
        var arguments = ["--worker", statePath, "--seed", String(seed), "--start", String(start), "--count",
                         String(count), "--findings", findings, "--progress", String(progressEvery), "--slow-ms",
                         String(slowMilliseconds)]
        arguments += corpusFolder.map { ["--corpus", $0] } ?? ["--no-corpus"]
        if interpreter { arguments.append("--interpreter") }
        if hostileFiles { arguments.append("--hostile-files") }
        return arguments
    }

    /// The command that replays input `index`.
    func replayCommand(_ index: Int) -> String {
        "nnscript-fuzz --seed \(seed) " + (corpusFolder.map { "--corpus \($0) " } ?? "--no-corpus ") + "--replay \(index)"
            + (interpreter ? " --interpreter" : "") + (hostileFiles ? " --hostile-files" : "")
    }
}
