import CReadline
import Foundation
import NNScript

/// Reads lines from a terminal with GNU readline: line editing, history kept across sessions, tab completion,
/// and Ctrl-C that clears the line at the prompt or interrupts a running statement.
///
/// The only Swift file that calls the CReadline shim: its state is per object file (see shim.h). One reader at a
/// time: readline itself is a process-wide singleton.
public final class ReadlineReader: LineReader {
    /// Works out completions for a line and a cursor (a UTF-8 offset); the REPL's owner wires it to the REPL.
    public var complete: ((String, Int) -> Completion)?

    private let historyPath: String?
    private var lastHistoryLine: String?

    /// The most lines kept in the history file.
    public static let historyLimit: Int32 = 1000

    /// Sets up readline, loading history from `historyPath` (no history file when nil).
    public init(historyPath: String?) {
        self.historyPath = historyPath
        setlocale(LC_CTYPE, "")   // readline edits UTF-8 only under a UTF-8 locale
        nn_readline_setup(completeForReadline, Self.wordBreaks)
        nn_install_sigint_handler()
        if let historyPath {
            if !FileManager.default.fileExists(atPath: historyPath) {
                _ = FileManager.default.createFile(atPath: historyPath, contents: nil)
            }
            read_history(historyPath)
            lastHistoryLine = nn_last_history_line().map { String(cString: $0) }
        }
        Self.active = self
    }

    deinit {
        if let historyPath { history_truncate_file(historyPath, Self.historyLimit) }
    }

    /// The history file: `$NNSCRIPT_HISTORY` when set (empty turns history off), else `~/.nnscript_history`.
    public static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String? {
        if let path = environment["NNSCRIPT_HISTORY"] { return path.isEmpty ? nil : path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".nnscript_history").path
    }

    // MARK: - LineReader

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> LineInput {
        _ = nn_take_sigint()   // a Ctrl-C that came after the last statement ended is not for this line
        guard let raw = readline(prompt) else { return .endOfInput }
        defer { free(raw) }
        if nn_take_line_cancelled() != 0 { return .interrupted }
        return .line(String(cString: raw))
    }

    /// Adds to readline's history and appends to the history file at once, so a crash loses nothing;
    /// a line equal to the one before is not repeated.
    public func addHistory(_ line: String) {
        guard line != lastHistoryLine else { return }
        lastHistoryLine = line
        add_history(line)
        if let historyPath { append_history(1, historyPath) }
    }

    /// Runs `body` while a watcher thread turns each Ctrl-C into `onInterrupt`.
    public func runInterruptible(onInterrupt: @escaping @Sendable () -> Void, _ body: () -> Bool) -> Bool {
        _ = nn_take_sigint()
        let finished = DispatchSemaphore(value: 0)
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // Polling: the signal handler can only set a flag; 50 ms is far below what a person notices.
            while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
                if nn_take_sigint() != 0 { onInterrupt() }
            }
            stopped.signal()
        }
        let result = body()
        finished.signal()
        stopped.wait()
        return result
    }

    // MARK: - Completion

    /// Characters that end a word for readline. Where the language's word starts is the completer's to say; when
    /// it starts earlier (a path's directories), the part already typed is left out of what readline inserts.
    public static let wordBreakCharacters = " \t\n;\"(),[]=<>!+-*/^"

    nonisolated(unsafe) private static let wordBreaks = UnsafePointer(strdup(wordBreakCharacters)!)

    /// The reader readline's C callback reaches; readline has no context pointer.
    nonisolated(unsafe) fileprivate static weak var active: ReadlineReader?

    /// Candidates for readline: `[insertion, shown candidates…, NULL]`, malloc'd as readline frees them.
    fileprivate func matches(start: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        nn_completion_settings()
        guard let complete, let buffer = nn_line_buffer() else { return nil }
        let line = String(cString: buffer)
        let completion = complete(line, Int(nn_line_point()))
        // readline replaces from its own word start, which may lie after the completer's (`runs/a` breaks at `/`):
        // the bytes between are typed already and stay.
        let typed = Array(line.utf8)
        guard completion.wordStart <= start, start <= typed.count else { return nil }
        let kept = typed[completion.wordStart..<start].count
        let candidates = completion.candidates.filter { $0.text.utf8.starts(with: typed[completion.wordStart..<start]) }
        guard !candidates.isEmpty else { return nil }
        let insertion: String
        if candidates.count == 1 {
            insertion = candidates[0].text + candidates[0].suffix
        } else {
            insertion = Self.commonPrefix(candidates.map(\.text))
        }
        let shown = candidates.count == 1 ? [] : candidates.map { Self.displayName($0.text) }
        let strings = [String(decoding: insertion.utf8.dropFirst(kept), as: UTF8.self)] + shown
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (strings.count + 1)
        guard let memory = malloc(size) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { array[index] = strdup(string) }
        array[strings.count] = nil
        return array
    }

    /// A file path shows as its last component in the list, as shells do.
    private static func displayName(_ text: String) -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let slash = trimmed.lastIndex(of: "/") else { return text }
        return String(text[text.index(after: slash)...])
    }

    private static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let characters = Array(text)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
            prefix.removeLast(prefix.count - length)
        }
        return String(prefix)
    }
}

/// readline's completion entry point; readline passes the word and its byte range.
private let completeForReadline: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, _ in
    ReadlineReader.active?.matches(start: Int(start))
}
