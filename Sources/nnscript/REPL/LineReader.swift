import Foundation

/// What reading a line gave.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the line being typed is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Where the REPL's lines come from: a terminal with line editing, or a pipe.
public protocol LineReader: AnyObject {
    /// Whether a person is typing: prompts, a greeting and history are then wanted.
    var isInteractive: Bool { get }

    /// Reads the next line, showing `prompt` when interactive.
    func readLine(prompt: String) -> LineInput

    /// Remembers a line the user entered, for recall with the up arrow (and across sessions).
    func addHistory(_ line: String)

    /// Runs `body` (a statement) so that Ctrl-C calls `onInterrupt` instead of ending the process.
    ///
    /// `onInterrupt` may run on another thread, but never after this returns.
    func runInterruptible(onInterrupt: @escaping @Sendable () -> Void, _ body: () -> Bool) -> Bool
}

extension LineReader {
    public func addHistory(_ line: String) {}

    public func runInterruptible(onInterrupt: @escaping @Sendable () -> Void, _ body: () -> Bool) -> Bool {
        body()
    }
}

// MARK: - Output

/// Where the REPL writes its own messages (meta-command output, errors, the greeting); the session writes
/// statement output and diagnostics to its own streams.
public struct REPLConsole {
    /// Writes normal output; the text carries its own newlines.
    public var write: (String) -> Void
    /// Writes an error message; the text carries its own newlines.
    public var writeError: (String) -> Void

    public init(write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.write = write
        self.writeError = writeError
    }

    /// Standard output and standard error; stdout is flushed before each error so a transcript stays in order.
    public static var standard: REPLConsole {
        REPLConsole(
            write: { text in
                print(text, terminator: "")
                fflush(nil)
            },
            writeError: { text in
                fflush(nil)
                FileHandle.standardError.write(Data(text.utf8))
            }
        )
    }
}
