import Foundation

/// Standard error output, and whether it is a colour terminal.
enum Terminal {
    /// True when standard error is a terminal that wants colour (not `TERM=dumb`, no `NO_COLOR`).
    static var standardErrorSupportsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
