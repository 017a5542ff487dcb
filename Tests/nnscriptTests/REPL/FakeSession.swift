import Foundation
import NNScript
import nnscript

/// Everything written during a test, in order: the REPL's console and the fake session share it, as stdout and
/// stderr share a terminal.
final class Transcript {
    private(set) var text = ""

    func append(_ more: String) { text += more }

    /// A console writing both streams here.
    var console: REPLConsole {
        REPLConsole(write: { [unowned self] in append($0) }, writeError: { [unowned self] in append($0) })
    }
}

/// A session that understands just enough to exercise the REPL: a statement is accepted when its first word is a
/// known one, and the session is the list of accepted statements, with undo and redo.
final class FakeSession: REPLSession {
    private let transcript: Transcript
    private(set) var statements: [String] = []
    private var past: [[String]] = []
    private var future: [[String]] = []

    /// Each `execute` call as it came: the source and the line number.
    private(set) var executed: [(source: String, line: Int)] = []
    private(set) var interruptRequests = 0
    private(set) var savedPaths: [String] = []
    var names = UserNames()

    static let known: Set = ["seed", "data", "layer", "output", "loss", "optimizer", "train", "report"]

    init(transcript: Transcript) {
        self.transcript = transcript
    }

    func execute(_ source: String, lineNumber: Int) -> Bool {
        executed.append((source, lineNumber))
        for statement in source.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let keyword = String(statement.prefix(while: { $0 != " " }))
            guard Self.known.contains(keyword) else {
                transcript.append("<repl>:\(lineNumber): error: unknown statement '\(keyword)'\n")
                return false
            }
            past.append(statements)
            future.removeAll()
            statements.append(statement)
            if keyword == "train" { transcript.append("trained\n") }
        }
        return true
    }

    func requestInterrupt() { interruptRequests += 1 }

    func helpText(topic: String?) -> String { topic.map { "help on \($0)" } ?? "the language" }

    func showText() -> String { "\(statements.count) statements" }

    func recipeText() -> String { statements.joined(separator: "\n") }

    func undo() -> String? {
        guard let previous = past.popLast() else { return nil }
        future.append(statements)
        defer { statements = previous }
        return statements.last
    }

    func redo() -> String? {
        guard let next = future.popLast() else { return nil }
        past.append(statements)
        statements = next
        return next.last
    }

    func reset() -> String { "weights re-initialised" }

    func saveRecipe(to path: String) throws {
        guard !path.hasPrefix("/nonexistent/") else { throw CocoaError(.fileNoSuchFile) }
        savedPaths.append(path)
    }

    func loadRecipe(from path: String) -> Bool {
        guard path == "good.nn" else {
            transcript.append("error: cannot read \(path)\n")
            return false
        }
        return execute("layer 4 relu", lineNumber: 1)
    }

    func userNames() -> UserNames { names }
}

/// A reader replaying inputs, as a terminal would give them, with Ctrl-C during a chosen statement.
final class ScriptedReader: LineReader {
    private var inputs: [LineInput]
    /// Sources during whose run Ctrl-C is pressed.
    var interruptDuring: Set<Int> = []
    private var runs = 0
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []

    init(_ inputs: [LineInput]) {
        self.inputs = inputs
    }

    var isInteractive: Bool { true }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func addHistory(_ line: String) { history.append(line) }

    func runInterruptible(onInterrupt: @escaping @Sendable () -> Void, _ body: () -> Bool) -> Bool {
        runs += 1
        if interruptDuring.contains(runs) { onInterrupt() }
        return body()
    }
}

/// A pipe holding `text`, read through the real `PipeReader`.
func pipeReader(_ text: String) throws -> PipeReader {
    var descriptors: [Int32] = [0, 0]
    guard pipe(&descriptors) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let writer = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
    writer.write(Data(text.utf8))
    try writer.close()
    return PipeReader(fileDescriptor: descriptors[0])
}
