/// A range-free rendering of syntax trees, so two parses can be compared by shape alone
/// (e.g. `parse(fmt(f))` against `parse(f)`, whose ranges differ by design).
public enum ASTStructure {
    /// Every field of `value` except source ranges and comments, as a nested S-expression-like string.
    public static func describe(_ value: Any) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static let ignoredLabels: Set<String> = ["range", "nameRange", "comments", "file"]

    private static func write(_ value: Any, into out: inout String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { write(some.value, into: &out) } else { out += "nil" }
        case .collection, .set:
            out += "["
            for (i, child) in mirror.children.enumerated() {
                if i > 0 { out += ", " }
                write(child.value, into: &out)
            }
            out += "]"
        case .enum:
            // A case with a payload is named by its child's label; describing the whole value instead would print
            // the entire subtree at every level (quadratic in the depth; the fuzzer found 200 nested `-` slow).
            if let payload = mirror.children.first {
                out += "." + (payload.label ?? caseName(of: value)) + "("
                write(payload.value, into: &out)
                out += ")"
            } else {
                out += "." + caseName(of: value)
            }
        case .struct, .tuple, .class:
            // One pass over the children (filtering the type-erased collection first costs as much as the walk).
            var written = 0
            for child in mirror.children where !ignoredLabels.contains(child.label ?? "") {
                out += written == 0 ? "(" : " "
                if let label = child.label, !label.hasPrefix(".") { out += label + ":" }
                write(child.value, into: &out)
                written += 1
            }
            out += written == 0 ? String(describing: value) : ")"
        default:
            out += String(reflecting: value)
        }
    }

    private static func caseName(of value: Any) -> String {
        let text = String(describing: value)
        return String(text.prefix { $0 != "(" })
    }
}

extension Program {
    /// The program's shape without ranges or comments (see `ASTStructure`).
    public var structure: String { ASTStructure.describe(statements) }
}
