/// Options, losses, optimizers, schedules and `compare`.
extension Scope {
    // MARK: - Options

    /// The options by name, after rejecting unknown and repeated ones (nil when any was bad).
    mutating func options(_ syntax: [OptionSyntax], allowed: [String], owner: String) -> [String: OptionSyntax]? {
        var byName: [String: OptionSyntax] = [:]
        var valid = true
        for option in syntax {
            let name = option.name.name
            if !allowed.contains(name) {
                if allowed.isEmpty {
                    report(.unexpectedParameter(owner, at: option.range))
                } else {
                    report(.unknownName(name, kind: "option", for: owner, at: option.name.range, known: allowed))
                }
                valid = false
            } else if byName[name] != nil {
                report(.duplicateOption(name, at: option.name.range))
                valid = false
            } else {
                byName[name] = option
            }
        }
        return valid ? byName : nil
    }

    /// An option whose value is a name from a closed set (`init=randn`, `bias=false`).
    mutating func nameValue<Name: RawRepresentable & CaseIterable>(_ option: OptionSyntax, _ type: Name.Type) -> Name?
    where Name.RawValue == String {
        let known = Name.allCases.map(\.rawValue)
        guard let word = option.value.variableName else {
            report(.expectedNameValue(option.name.name, known: known, at: option.value.range))
            return nil
        }
        let identifier = Identifier(word, range: option.value.range)
        if let value = Name(rawValue: word) { return value }
        report(.unknownName(word, kind: "value", for: option.name.name, at: identifier.range, known: known))
        return nil
    }

    // MARK: - Loss, optimizer, schedule

    mutating func loss(_ name: Identifier, _ syntax: [OptionSyntax]) -> LossSpec? {
        guard let kind = self.name(name, LossKind.self, kind: "loss") else { return nil }
        let allowed = kind == .huber ? ["delta"] : []
        guard let options = options(syntax, allowed: allowed, owner: kind.rawValue) else { return nil }
        guard let delta = options["delta"] else { return LossSpec(kind: kind) }
        return number(delta.value, "delta", .positive).map { LossSpec(kind: kind, delta: $0) }
    }

    mutating func optimizer(_ name: Identifier, _ syntax: [OptionSyntax]) -> OptimizerSpec? {
        guard let kind = self.name(name, OptimizerKind.self, kind: "optimizer") else { return nil }
        let allowed = kind.allowedOptions.map(\.rawValue)
        guard let options = options(syntax, allowed: allowed, owner: kind.rawValue) else { return nil }
        var values: [OptimizerOption: Double] = [:]
        var valid = true
        for option in kind.allowedOptions {
            guard let given = options[option.rawValue] else { continue }
            if let value = number(given.value, option.rawValue, option.requirement) {
                values[option] = value
            } else {
                valid = false
            }
        }
        return valid ? OptimizerSpec(kind: kind, options: values) : nil
    }

    mutating func schedule(_ name: Identifier, _ syntax: [OptionSyntax]) -> ScheduleSpec? {
        guard let kind = self.name(name, ScheduleKind.self, kind: "schedule") else { return nil }
        guard let options = options(syntax, allowed: kind.allowedOptions + ["warmup"], owner: kind.rawValue) else {
            return nil
        }
        let warmup = options["warmup"].map { integer($0.value, "warmup", in: Limits.warmup) } ?? 0
        let shape: ScheduleSpec.Shape?
        switch kind {
        case .constant:
            shape = .constant
        case .step:
            let gamma = options["gamma"].map { number($0.value, "gamma", .positive) } ?? Defaults.stepGamma
            var every: Int?
            if let option = options["every"] {
                every = integer(option.value, "every", in: Limits.scheduleSteps)
            } else {
                report(.missingOption("every", of: "step", at: name.range))
            }
            shape = every.flatMap { every in gamma.map { .step(every: every, gamma: $0) } }
        case .exponential:
            if let option = options["gamma"] {
                shape = number(option.value, "gamma", .positive).map { .exponential(gamma: $0) }
            } else {
                report(.missingOption("gamma", of: "exponential", at: name.range))
                shape = nil
            }
        case .cosine:
            let minimum = options["min_lr"].map { number($0.value, "min_lr", .nonNegative) }
                ?? Defaults.cosineMinimumRate
            shape = minimum.map { .cosine(minLR: $0) }
        }
        var total: Int?? = .some(nil)
        if let option = options["total"] {
            total = integer(option.value, "total", in: Limits.scheduleSteps).map { .some($0) }
        }
        guard let shape, let warmup, let total else { return nil }
        return ScheduleSpec(shape: shape, warmup: warmup, total: total)
    }

    // MARK: - compare

    mutating func compare(_ kindName: Identifier, _ alternatives: [CompareAlternative], range: SourceRange)
        -> CompareVariants?
    {
        guard let kind = name(kindName, CompareKind.self, kind: "thing to compare") else { return nil }
        if alternatives.count < 2 { report(.tooFewAlternatives(at: range)) }
        switch kind {
        case .optimizer:
            return all(alternatives) { s, a in s.headName(a).flatMap { s.optimizer($0, a.options) } }
                .map { .optimizer($0) }
        case .loss:
            return all(alternatives) { s, a in s.headName(a).flatMap { s.loss($0, a.options) } }.map { .loss($0) }
        case .schedule:
            return all(alternatives) { s, a in s.headName(a).flatMap { s.schedule($0, a.options) } }
                .map { .schedule($0) }
        case .`init`:
            return all(alternatives) { s, a in
                s.noOptions(a, owner: "init") ? s.headName(a).flatMap { s.name($0, InitScheme.self, kind: "init scheme") } : nil
            }.map { .initScheme($0) }
        case .batch:
            return all(alternatives) { s, a -> Int?? in
                guard s.noOptions(a, owner: "batch") else { return nil }
                if a.head.variableName == Keyword.full.rawValue { return .some(nil) }
                return s.integer(a.head, "batch size", in: Limits.batchSize).map { .some($0) }
            }.map { .batch($0) }
        case .output, .layers:
            let variants = all(alternatives) { s, a in
                s.noOptions(a, owner: kind.rawValue) ? s.headActivation(a) : nil
            }
            return variants.map { kind == .output ? .output($0) : .layers($0) }
        }
    }

    /// Resolves every alternative (reporting all problems), nil when any failed.
    private mutating func all<T>(_ alternatives: [CompareAlternative], _ resolve: (inout Scope, CompareAlternative) -> T?)
        -> [T]?
    {
        var results: [T] = []
        for alternative in alternatives {
            if let value = resolve(&self, alternative) { results.append(value) }
        }
        return results.count == alternatives.count && !failed ? results : nil
    }

    private mutating func headName(_ alternative: CompareAlternative) -> Identifier? {
        guard let word = alternative.head.variableName else {
            report(.unexpectedToken(expected: "a name", found: "an expression", at: alternative.head.range))
            return nil
        }
        return Identifier(word, range: alternative.head.range)
    }

    private mutating func headActivation(_ alternative: CompareAlternative) -> ActivationSpec? {
        let head = alternative.head
        switch head.kind {
        case .variable(let word):
            return activation(named: Identifier(word, range: head.range), argument: nil)
        case .call(let word, let nameRange, let arguments) where arguments.count <= 1:
            return activation(named: Identifier(word, range: nameRange), argument: arguments.first)
        default:
            report(.unexpectedToken(expected: "an activation", found: "an expression", at: head.range))
            return nil
        }
    }

    private mutating func noOptions(_ alternative: CompareAlternative, owner: String) -> Bool {
        options(alternative.options, allowed: [], owner: owner) != nil
    }
}
