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

extension Terminal {
    /// True when standard output is a terminal (live progress bars, colour).
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns (80 when unknown), capped so plots stay readable.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return min(Int(size.ws_col), 160) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return min(columns, 160)
        }
        return 80
    }
}
