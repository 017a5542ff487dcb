import Foundation

/// Runs reference computations in Python (onnxruntime, onnx) for the export tests.
///
/// The interpreter is `$NNSCRIPT_PYTHON` when set (locally: ~/.venvs/peers/bin/python), else `python3` from PATH,
/// as CI installs `onnxruntime numpy` into it.
enum PythonRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var interpreter: String {
        ProcessInfo.processInfo.environment["NNSCRIPT_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    }

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
