import Foundation

/// A minimal SVG writer: elements with escaped attributes and text, so any title or series name gives valid XML.
struct SVGWriter {
    private(set) var lines: [String] = []
    private var depth = 1

    /// Text safe inside an XML element or a double-quoted attribute. Characters XML 1.0 forbids (control
    /// characters other than tab, newline and carriage return) are dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate with two decimals, the precision a picture needs.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// An empty element, e.g. `<circle cx="1" cy="2" r="3"/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        lines.append(indentation + "<\(name)\(Self.attributeText(attributes))/>")
    }

    /// An element holding text, e.g. `<text x="1" y="2">label</text>`.
    mutating func text(_ content: String, _ attributes: [(String, String)]) {
        lines.append(indentation + "<text\(Self.attributeText(attributes))>\(Self.escape(content))</text>")
    }

    /// Opens a group; `close()` ends it.
    mutating func group(_ attributes: [(String, String)]) {
        lines.append(indentation + "<g\(Self.attributeText(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String = "g") {
        depth -= 1
        lines.append(indentation + "</\(name)>")
    }

    mutating func raw(_ line: String) {
        lines.append(indentation + line)
    }

    /// The whole document with its XML declaration and root `svg` element.
    func document(width: Int, height: Int) -> String {
        var result = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        result += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        result += "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        result += lines.joined(separator: "\n")
        result += "\n</svg>\n"
        return result
    }

    /// Path data through `points`, starting a new sub-path after each non-finite point.
    static func pathData(_ points: [(x: Double, y: Double)]) -> String {
        var parts: [String] = []
        var drawing = false
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                drawing = false
                continue
            }
            parts.append((drawing ? "L" : "M") + number(point.x) + " " + number(point.y))
            drawing = true
        }
        return parts.joined(separator: " ")
    }

    private var indentation: String { String(repeating: "  ", count: depth) }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
