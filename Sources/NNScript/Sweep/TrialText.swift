/// The text of one trial: the recipe with its `sweep` lines and expectations over a sweep blanked out and the
/// trial's values written into the statements they set. Lines never move (additions go on an existing line or at
/// the end), so a trial's errors and a run's output point at the recipe's own lines; each written value remembers
/// its origin, so a diagnostic inside it points back at the `sweep` value or the `--set` that wrote it.
public struct TrialText: Sendable {
    private var bytes: [UInt8]
    private var spans: [(start: Int, end: Int, origin: SourceRange)] = []
    public let file: String

    /// The recipe text to run.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The recipe with `overrides` applied, each in `SweepTarget` order (whole statements before their options).
    public init(source: String, file: String, overrides: [SweepOverride]) {
        self.bytes = Array(source.utf8)
        self.file = file
        var blanked: [(Int, Int)] = []
        for statement in parse().statements where statement.declaresSweep {
            blanked.append((statement.range.start.offset, statement.range.end.offset))
        }
        for (start, end) in blanked.reversed() { replace(start, end, with: "", origin: nil) }
        for override in overrides.sorted(by: { $0.target < $1.target }) { apply(override) }
    }

    private func parse() -> Program { Parser.parse(source: text, file: file).0 }

    /// The origin of the written value that `range` starts in (the innermost one), or nil outside every value.
    public func origin(of range: SourceRange) -> SourceRange? {
        let offset = range.start.offset
        return spans.filter { $0.start <= offset && offset < max($0.end, $0.start + 1) }
            .min { $0.end - $0.start < $1.end - $1.start }?.origin
    }

    // MARK: - Editing

    private mutating func replace(_ start: Int, _ end: Int, with text: String, origin: SourceRange?) {
        let replacement = Array(text.utf8)
        let delta = replacement.count - (end - start)
        bytes.replaceSubrange(start..<end, with: replacement)
        for i in spans.indices {
            if spans[i].start >= end {
                spans[i].start += delta
                spans[i].end += delta
            } else if spans[i].end > start {
                spans[i].end += delta  // an edit inside a written value (an option set in a swept optimizer)
            }
        }
        if let origin { spans.append((start, start + replacement.count, origin)) }
    }

    private mutating func apply(_ override: SweepOverride) {
        let program = parse()
        let value = override.value
        var edits: [(start: Int, end: Int, text: String)] = []
        func replacing(_ range: SourceRange, _ text: String) { edits.append((range.start.offset, range.end.offset, text)) }
        func appending(to statement: Statement, _ text: String) {
            edits.append((statement.range.end.offset, statement.range.end.offset, text))
        }
        let statements = program.statements
        switch override.target {
        case .seed:
            for case .seed(let expr) in statements.map(\.kind) { replacing(expr.range, value.text) }
            if edits.isEmpty { edits.append(insertion(first: statements.first, "seed " + value.text)) }
        case .samples, .noise:
            for statement in statements {
                guard case .data(let data) = statement.kind else { continue }
                let word = override.target == .samples ? "samples" : "noise"
                let clause = override.target == .samples ? data.samples : data.noise
                if let clause { replacing(clause.range, value.text) } else { appending(to: statement, " \(word) \(value.text)") }
            }
        case .train:
            for case .train(let count, _) in statements.map(\.kind) { replacing(count.range, value.text) }
        case .batch, .loss, .optimizer, .schedule, .initScheme:
            let keyword = Self.keyword(of: override.target)
            for statement in statements where Self.keyword(of: statement.kind) == keyword {
                replacing(statement.range, keyword + " " + value.text)
            }
            if edits.isEmpty { edits.append(insertionBeforeTraining(statements, keyword + " " + value.text)) }
        case .optimizerOption, .scheduleOption, .lossDelta:
            let (keyword, fallback) = Self.owner(of: override.target)
            let name = override.target.description
            for statement in statements where Self.keyword(of: statement.kind) == keyword {
                guard let options = Self.options(of: statement.kind) else { continue }
                if let option = options.first(where: { $0.name.name == name }) {
                    replacing(option.value.range, value.text)
                } else {
                    appending(to: statement, " \(name)=\(value.text)")
                }
            }
            if edits.isEmpty {
                edits.append(insertionBeforeTraining(statements, "\(keyword) \(fallback) \(name)=\(value.text)"))
            }
        case .layerSize(let k), .layerActivation(let k):
            let layers = statements.compactMap { statement -> LayerSyntax? in
                if case .layer(let layer) = statement.kind { return layer }
                return nil
            }
            if k <= layers.count {
                let layer = layers[k - 1]
                if case .layerSize = override.target { replacing(layer.size.range, value.text) }
                else { replacing(layer.activation.range, value.text) }
            }
        }
        for edit in edits.sorted(by: { $0.start > $1.start }) {
            replace(edit.start, edit.end, with: edit.text, origin: value.origin)
        }
    }

    /// `X; ` before `statement` (on its line), or a new last line.
    private func insertion(first statement: Statement?, _ text: String) -> (start: Int, end: Int, text: String) {
        guard let statement else { return (bytes.count, bytes.count, "\n" + text + "\n") }
        return (statement.range.start.offset, statement.range.start.offset, text + "; ")
    }

    /// A set-up statement before the first `train` or `compare`, so it applies to the training.
    private func insertionBeforeTraining(_ statements: [Statement], _ text: String)
        -> (start: Int, end: Int, text: String)
    {
        let training = statements.first { statement in
            switch statement.kind {
            case .train, .compare: return true
            default: return false
            }
        }
        return insertion(first: training, text)
    }

    private static func keyword(of target: SweepTarget) -> String {
        switch target {
        case .batch: return "batch"
        case .loss: return "loss"
        case .optimizer: return "optimizer"
        case .schedule: return "schedule"
        default: return "init"
        }
    }

    private static func keyword(of kind: StatementKind) -> String? {
        switch kind {
        case .batch: return "batch"
        case .loss: return "loss"
        case .optimizer: return "optimizer"
        case .schedule: return "schedule"
        case .initScheme: return "init"
        default: return nil
        }
    }

    /// The statement an option belongs to, and the name written when the recipe has none (the session's default).
    private static func owner(of target: SweepTarget) -> (keyword: String, fallback: String) {
        let defaults = SessionSpec()
        switch target {
        case .scheduleOption: return ("schedule", "constant")
        case .lossDelta: return ("loss", (defaults.loss?.kind ?? .mse).rawValue)
        default: return ("optimizer", defaults.optimizer.kind.rawValue)
        }
    }

    private static func options(of kind: StatementKind) -> [OptionSyntax]? {
        switch kind {
        case .loss(let c), .optimizer(let c), .schedule(let c): return c.options
        default: return nil
        }
    }
}

/// One setting of one trial: a target and its value.
public struct SweepOverride: Hashable, Sendable {
    public var target: SweepTarget
    public var value: SweepValue

    public init(target: SweepTarget, value: SweepValue) {
        self.target = target
        self.value = value
    }

    /// `lr=0.001`, as `--set` takes it (the label, quoted for a shell when it has spaces or parentheses).
    public var assignment: String {
        let plain = value.label.allSatisfy { $0.isLetter || $0.isNumber || "._-+".contains($0) }
        return target.setName + "=" + (plain ? value.label : "'" + value.label + "'")
    }
}
