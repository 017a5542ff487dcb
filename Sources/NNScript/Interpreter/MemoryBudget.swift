import Foundation

// MARK: - Memory budget

/// How much memory a session may plan to use for its data, model and training buffers (`--max-memory`).
///
/// The interpreter estimates what a statement would allocate before it allocates anything and refuses the statement
/// when the total would pass the budget, so a typo such as `samples 10000000` with a full batch, or
/// `layer 65536 tanh` three times, ends in a located error instead of the machine swapping or the process dying.
public enum MemoryBudget {
    /// The default: 2 GiB, or half the physical memory on a machine with less than 4 GiB.
    public static var defaultBytes: Int {
        let twoGiB = 2 << 30
        let half = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
        return half > 0 ? min(twoGiB, half) : twoGiB
    }

    /// The smallest budget accepted: smaller ones could not even hold the report's grid.
    public static let minimumBytes = 16 << 20

    /// Parses `512M`, `4G`, `1.5GiB`, `800MB`, `2T` or a plain number of bytes; units are powers of 1024, case is
    /// ignored. Nil for anything else, for zero and for sizes that do not fit in an Int.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        var unit = String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)
        if unit.hasSuffix("ib") { unit.removeLast(2) } else if unit.hasSuffix("b") && unit.count == 2 { unit.removeLast() }
        let scale: Double
        switch unit {
        case "", "b": scale = 1
        case "k": scale = 1024
        case "m": scale = 1024 * 1024
        case "g": scale = 1024 * 1024 * 1024
        case "t": scale = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        guard let number = Double(digits), number.isFinite, number > 0 else { return nil }
        let bytes = (number * scale).rounded()
        guard bytes >= 1, bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }

    /// A size as people read it: `512 MiB`, `1.5 GiB`, `37.3 TiB` (never traps, whatever the value).
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = max(0, bytes)
        var index = 0
        while value >= 1024, index < units.count - 1 {
            value /= 1024
            index += 1
        }
        if index == 0 { return "\(Int(value)) bytes" }
        let text = value >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
        return "\(text) \(units[index])"
    }

    /// The `--max-memory` argument that would fit `bytes`: the size rounded up to a whole number of GiB (of MiB
    /// below 1 GiB). Nil beyond 1 PiB, which no machine running nnscript has.
    public static func suggestion(for bytes: Double) -> String? {
        let mib = 1024.0 * 1024
        if bytes < 1024 * mib { return "\(Int((bytes / mib).rounded(.up)) + 1)M" }
        let gib = (bytes / (1024 * mib)).rounded(.up)
        return gib <= 1024 * 1024 ? "\(Int(gib))G" : nil
    }
}

// MARK: - Estimates

/// What a session's buffers would take, part by part, before any is allocated. Sizes are Doubles so that no
/// recipe can overflow them.
struct MemoryEstimate {
    struct Part {
        var name: String
        var bytes: Double
    }

    private(set) var parts: [Part] = []

    var total: Double { parts.reduce(0) { $0 + $1.bytes } }

    mutating func add(_ name: String, _ bytes: Double) {
        if bytes > 0 { parts.append(Part(name: name, bytes: bytes)) }
    }

    /// The largest parts, largest first, as `name 1.2 GiB` (at most three).
    var largestParts: [String] {
        parts.sorted { $0.bytes > $1.bytes }.prefix(3).map { "\($0.name): \(MemoryBudget.format($0.bytes))" }
    }
}

/// Bytes per item of each kind of buffer, kept in one place so the estimate and its documentation agree.
enum MemoryCost {
    /// A training point: x and y as Float, their Double copies for plots and reports, its place in the shuffle.
    static let perSample = 4.0 * 2 + 8 * 2 + 8
    /// A parameter: its value and its gradient.
    static let perParameter = 4.0 * 2
    /// A recorded training loss.
    static let perLoss = 8.0
    /// A float in a compiled graph.
    static let perFloat = 4.0

    /// State buffers per parameter each optimizer keeps (velocity, moments, square averages).
    static func optimizerBuffers(_ kind: OptimizerKind, options: [OptimizerOption: Double]) -> Double {
        switch kind {
        case .sgd: return 0
        case .momentum, .nesterov, .adagrad: return 1
        case .adam, .adamw: return 2
        case .rmsprop: return (options[.momentum] ?? 0) > 0 ? 2 : 1
        }
    }
}
