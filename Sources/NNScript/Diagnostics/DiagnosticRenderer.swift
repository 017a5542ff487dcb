/// Draws a diagnostic the way compilers do: location and message, the numbered source line, a marker under the
/// whole range, then notes and the suggested fix.
///
/// ```
/// sin.nn:3:11: error: unknown activation 'tahn'
///  3 | layer 128 tahn
///    |           ^~~~
///    = help: did you mean 'tanh'?
/// ```
public enum DiagnosticRenderer {
    /// Longest stretch of a source line shown; longer lines are cut around the marker.
    static let maximumShownColumns = 120

    /// Renders one diagnostic against the source it was found in. `color` adds ANSI colours (use on terminals only).
    public static func render(_ diagnostic: Diagnostic, source: String, color: Bool) -> String {
        let style = Style(enabled: color)
        let range = diagnostic.range
        // A problem with a whole file (e.g. it does not exist) has no line to show.
        let wholeFile = source.isEmpty && range.start.offset == 0 && range.end.offset == 0
        var out = style.bold((wholeFile ? range.file : range.description).replacingControlCharacters() + ": ")
        // Messages quote the user's words and paths: shown, never obeyed, by the terminal.
        let message = diagnostic.message.replacingControlCharacters()
        let notes = diagnostic.notes.map { $0.replacingControlCharacters() }
        let fix = diagnostic.fixIt?.message.replacingControlCharacters()
        out += style.severity(diagnostic.severity) + style.bold(": " + message) + "\n"
        if !wholeFile, let line = sourceLine(of: range, in: source) {
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            let scalars = Array(line.unicodeScalars)
            let startColumn = min(max(range.start.column - 1, 0), scalars.count)
            var endColumn = range.end.line == range.start.line ? range.end.column - 1 : scalars.count
            endColumn = min(max(endColumn, startColumn + 1), max(scalars.count, startColumn + 1))
            // Cut very long lines to a window around the marker.
            let windowStart = scalars.count > maximumShownColumns ? max(0, startColumn - 40) : 0
            let windowEnd = min(scalars.count, windowStart + maximumShownColumns)
            var shown = String(String.UnicodeScalarView(scalars[windowStart..<windowEnd]))
            shown = shown.replacingControlCharacters()
            let lead = windowStart > 0 ? "…" : ""
            let tail = windowEnd < scalars.count ? "…" : ""
            out += style.blue(" \(number) | ") + lead + shown + tail + "\n"
            // Tabs stay tabs under tabs so the marker lines up.
            let padding = String(String.UnicodeScalarView(scalars[windowStart..<startColumn].map {
                $0 == "\t" ? "\t" : " "
            }))
            let markerLength = max(1, min(endColumn, windowEnd + 1) - startColumn)
            let marker = "^" + String(repeating: "~", count: markerLength - 1)
            out += style.blue(" \(gutter) | ") + (lead.isEmpty ? "" : " ") + padding + style.green(marker) + "\n"
            for note in notes { out += style.blue(" \(gutter) = ") + "note: " + note + "\n" }
            if let fix { out += style.blue(" \(gutter) = ") + "help: " + fix + "\n" }
        } else {
            for note in notes { out += "  note: " + note + "\n" }
            if let fix { out += "  help: " + fix + "\n" }
        }
        return out
    }

    /// The message on one line, then the suggested fix or else the notes, after `; `: for a place that shows the
    /// text it is about already (a `:` command at the prompt). No location, no colour, control characters named.
    public static func renderLine(_ diagnostic: Diagnostic) -> String {
        let after = diagnostic.fixIt.map { [$0.message] } ?? diagnostic.notes
        return ([diagnostic.message] + after).joined(separator: "; ").replacingControlCharacters()
    }

    /// Renders several diagnostics, one after the other, followed by a count line when there are errors.
    public static func render(_ diagnostics: [Diagnostic], source: String, color: Bool) -> String {
        render(diagnostics.map { ($0, source) }, color: color)
    }

    /// The same for diagnostics that point into different texts (a recipe, a `--set` argument).
    public static func render(_ items: [(diagnostic: Diagnostic, source: String)], color: Bool) -> String {
        let diagnostics = items.map(\.diagnostic)
        var out = items.map { render($0.diagnostic, source: $0.source, color: color) }.joined()
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            var parts: [String] = []
            if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
            if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
            out += parts.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// The text of the range's first line, or nil when the range does not fall inside `source`.
    static func sourceLine(of range: SourceRange, in source: String) -> String? {
        let bytes = source.utf8
        guard range.start.offset >= 0, range.start.offset <= bytes.count else { return nil }
        let offset = bytes.index(bytes.startIndex, offsetBy: range.start.offset)
        var lineStart = offset
        while lineStart > bytes.startIndex {
            let before = bytes.index(before: lineStart)
            if bytes[before] == UInt8(ascii: "\n") { break }
            lineStart = before
        }
        var lineEnd = offset
        while lineEnd < bytes.endIndex, bytes[lineEnd] != UInt8(ascii: "\n"), bytes[lineEnd] != UInt8(ascii: "\r") {
            lineEnd = bytes.index(after: lineEnd)
        }
        return String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
    }
}

// MARK: - Colour

private struct Style {
    let enabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func blue(_ text: String) -> String { wrap(text, "34") }
    func green(_ text: String) -> String { wrap(text, "32") }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return wrap("error", "1;31")
        case .warning: return wrap("warning", "1;33")
        case .note: return wrap("note", "1;36")
        }
    }
}

extension String {
    /// Control characters (NUL, escape…) shown as `·` so a rendered line cannot drive the terminal.
    fileprivate func replacingControlCharacters() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.isTerminalControl && $0 != "\t" ? "·" : $0 }))
    }
}
