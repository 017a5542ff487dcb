import Foundation
import Testing

/// Runs reference computations in Python (onnxruntime, onnx) for the export tests.
///
/// The interpreter is `$NNSCRIPT_PYTHON` when set (locally: ~/.venvs/peers/bin/python), else `python3` from PATH,
/// as CI installs `onnxruntime numpy` into it. Without onnxruntime the tests that need it skip, saying so, unless
/// `NNSCRIPT_REQUIRE_ONNXRUNTIME=1` asks for them.
enum PythonRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var interpreter: String {
        ProcessInfo.processInfo.environment["NNSCRIPT_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    }

    // MARK: - Optional tools

    /// True when the environment demands the onnxruntime tests (`NNSCRIPT_REQUIRE_ONNXRUNTIME=1`, as `.ci/run`
    /// sets): then a Python without onnxruntime is a failure, not a skip.
    static var onnxruntimeRequired: Bool {
        ProcessInfo.processInfo.environment["NNSCRIPT_REQUIRE_ONNXRUNTIME"] == "1"
    }

    /// Whether `interpreter` can import onnxruntime and numpy; asked once per test process.
    static let onnxruntimeImportable: Bool = {
        (try? run(script: "import onnxruntime, numpy", arguments: []))?.status == 0
    }()

    /// The tests that run exported models in onnxruntime run when it is importable or required; a fresh machine's
    /// python3 lacks it, and the README's `swift test` must pass there (the skip names the reason in the output).
    static var runsONNXRuntimeTests: Bool { onnxruntimeRequired || onnxruntimeImportable }

    /// The skip message Swift Testing prints beside the test's name.
    static let onnxruntimeSkipReason: Comment = """
        python3 (or $NNSCRIPT_PYTHON) cannot import onnxruntime and numpy; \
        `pip install onnxruntime numpy` or set NNSCRIPT_REQUIRE_ONNXRUNTIME=1 to make this a failure
        """

    /// True when the environment demands the tests that run PyTorch (`NNSCRIPT_REQUIRE_TORCH=1`).
    static var torchRequired: Bool { ProcessInfo.processInfo.environment["NNSCRIPT_REQUIRE_TORCH"] == "1" }

    /// Whether `interpreter` can import torch; asked once per test process.
    static let torchImportable: Bool = { (try? run(script: "import torch", arguments: []))?.status == 0 }()

    /// The tests that run PyTorch run when it is importable or required (torch is too large for CI's install).
    static var runsTorchTests: Bool { torchRequired || torchImportable }

    static let torchSkipReason: Comment = """
        python3 (or $NNSCRIPT_PYTHON) cannot import torch; install it or set NNSCRIPT_REQUIRE_TORCH=1 to make this \
        a failure
        """

    // MARK: - Running

    /// Runs `script` with `arguments`; stdout and stderr are collected whole.
    static func run(script: String, arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter, "-c", script] + arguments
        // stderr goes to a file and stdout to a pipe read to its end before waiting, so neither can fill up and
        // block the child.
        let errPath = NSTemporaryDirectory() + "nnscript-python-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let outPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errHandle
        try process.run()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh, empty temporary folder.
    static func temporaryFolder(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "nnscript-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
