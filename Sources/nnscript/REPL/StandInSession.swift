import Foundation
import NNScript

// TODO(lead): replace with NNScript.Session once it conforms to REPLSession; delete this file then.

/// A placeholder session so `nnscript repl` runs before the interpreter is integrated: it checks only each
/// statement's first word, keeps the statements as the recipe, and pretends to train (`train N` waits N ms,
/// stoppable with Ctrl-C) so the terminal behaviour can be tried by hand and by scripts/repl-pty-check.sh.
public final class StandInSession: REPLSession {
    private var statements: [String] = []
    private var undone: [[String]] = []
    private var history: [[String]] = []
    private let interrupted = InterruptFlag()

    public init() {}

    public func execute(_ source: String, lineNumber: Int) -> Bool {
        interrupted.take()
        var offset = 0
        for piece in source.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += piece.count + 1 }
            let statement = piece.trimmingBlanks()
            guard let keyword = statement.split(separator: " ").first.map(String.init) else { continue }
            guard Vocabulary.statements.contains(keyword) else {
                let column = offset + piece.prefix(while: { $0 == " " }).count + 1
                var message = "unknown statement '\(keyword)'"
                if let near = Suggestions.nearest(to: keyword, in: Vocabulary.statements) {
                    message += "; did you mean '\(near)'?"
                }
                let marker = String(repeating: " ", count: column - 1) + String(repeating: "^", count: keyword.count)
                let diagnostic = "<repl>:\(lineNumber):\(column): error: \(message)\n\(source)\n\(marker)\n"
                FileHandle.standardError.write(Data(diagnostic.utf8))
                return false
            }
            if keyword == "train", !pretendToTrain(statement) { return false }
            history.append(statements)
            undone.removeAll()
            statements.append(statement)
        }
        return true
    }

    /// Waits as long as asked, in steps, so Ctrl-C can stop it.
    private func pretendToTrain(_ statement: String) -> Bool {
        let milliseconds = statement.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        for step in stride(from: 0, to: milliseconds, by: 10) {
            if interrupted.take() {
                print("training stopped after \(step) ms; weights kept")
                return false
            }
            usleep(10_000)
        }
        print("trained \(milliseconds) ms")
        return true
    }

    public func requestInterrupt() { interrupted.set() }

    public func helpText(topic: String?) -> String {
        guard let topic else { return "statements: " + Vocabulary.statements.joined(separator: " ") }
        return Vocabulary.statements.contains(topic) ? "\(topic): (help comes with the interpreter)"
            : "no help on '\(topic)'"
    }

    public func showText() -> String { "stand-in session: \(statements.count) statements, no model" }

    public func recipeText() -> String { statements.joined(separator: "\n") }

    public func undo() -> String? {
        guard let previous = history.popLast() else { return nil }
        undone.append(statements)
        defer { statements = previous }
        return statements.last
    }

    public func redo() -> String? {
        guard let next = undone.popLast() else { return nil }
        history.append(statements)
        statements = next
        return next.last
    }

    public func reset() -> String { "weights re-initialised" }

    public func saveRecipe(to path: String) throws {
        try (recipeText() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    public func loadRecipe(from path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
            return false
        }
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        return lines.enumerated().allSatisfy { execute($1, lineNumber: $0 + 1) }
    }

    public func userNames() -> REPLUserNames {
        let lets = statements.filter { $0.hasPrefix("let ") }.compactMap { $0.split(separator: " ").dropFirst().first }
        return REPLUserNames(constants: lets.map(String.init))
    }
}

/// A flag one thread sets and another takes.
private final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    func set() { lock.withLock { isSet = true } }

    /// Whether the flag was set; clears it.
    @discardableResult
    func take() -> Bool { lock.withLock { defer { isSet = false }; return isSet } }
}
