import Foundation

// MARK: - JSON text for names in exported files

/// Names written into exported files as JSON: ONNX metadata values, and Python list literals (a JSON array of
/// strings is also a valid Python literal, since slashes are not escaped and other escapes mean the same).
enum JSONText {
    /// `["a", "b \"quoted\""]`, non-ASCII written as UTF-8.
    static func stringArray(_ strings: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(strings) else { return "[]" }  // [String] always encodes
        return String(decoding: data, as: UTF8.self)
    }
}
