#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor that is not a terminal: no prompts, no escape codes, no history, so a
/// session can be scripted (`nnscript < session.txt`).
public final class PipeReader: LineReader {
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// Reads from `fileDescriptor` (standard input by default); the reader does not close it.
    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
    }

    public var isInteractive: Bool { false }

    /// The next line without its `\n` (or `\r\n`); the prompt is ignored.
    public func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(text)
            }
            if atEnd {
                guard !buffer.isEmpty else { return .endOfInput }
                // The last line had no newline.
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            fill()
        }
    }

    /// Reads another chunk, retrying when a signal interrupts the read.
    private func fill() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
        } else if count == 0 || errno != EINTR {
            atEnd = true
        }
    }
}
