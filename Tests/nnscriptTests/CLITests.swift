import Foundation
import Testing

/// The built `nnscript` binary, which sits beside the test bundle in the build products folder.
var nnscriptBinary: URL {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = products.appendingPathComponent("nnscript")
    // swift-testing runs from inside the .xctest bundle on some set-ups
    if FileManager.default.fileExists(atPath: binary.path) { return binary }
    return products.deletingLastPathComponent().appendingPathComponent("nnscript")
}

/// Runs the built `nnscript` binary.
func runNNScript(_ arguments: [String], stdin: String? = nil, directory: String? = nil) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = nnscriptBinary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

@Test func versionFlagPrintsVersion() throws {
    let result = try runNNScript(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("0.1.0"))
}
