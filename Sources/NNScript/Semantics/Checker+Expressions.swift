/// Expressions: names and arities, constant evaluation, whole numbers within limits, intervals, data.
extension Scope {
    /// Checks every name and call in `expr`. `input` is the variable the expression may use (`x` for data, the
    /// parameter for activations), nil where only constants are allowed.
    mutating func validate(_ expr: Expr, input: String?, context: String, inputs: [String] = []) -> Bool {
        switch expr.kind {
        case .number:
            return true
        case .variable(let name):
            if name == input || inputs.contains(name) || checker.environment.constants[name] != nil || ExprConstants.values[name] != nil {
                return true
            }
            if checker.poisonedNames.contains(name) {
                failed = true  // already reported where it was defined
                return false
            }
            if input == nil, name == Vocabulary.inputVariable {
                report(.inputNotAllowed(name, context: context, at: expr.range))
                return false
            }
            let known = (input.map { [$0] } ?? []) + Array(checker.environment.constants.keys) + Vocabulary.constants
            report(.unknownVariable(name, at: expr.range, known: known))
            return false
        case .negate(let operand):
            return validate(operand, input: input, context: context, inputs: inputs)
        case .binary(_, let left, let right):
            let l = validate(left, input: input, context: context, inputs: inputs)
            let r = validate(right, input: input, context: context, inputs: inputs)
            return l && r
        case .call(let name, let nameRange, let arguments):
            var valid = true
            for argument in arguments where !validate(argument, input: input, context: context, inputs: inputs) {
                valid = false
            }
            let arity: Int
            if let function = ExprFunction(rawValue: name) {
                arity = function.arity
            } else if checker.environment.functions[name] != nil {
                arity = 1
            } else if checker.poisonedNames.contains(name) {
                failed = true  // an activation whose definition failed, already reported there
                return false
            } else {
                let known = Vocabulary.functions.map(\.name) + Array(checker.environment.functions.keys)
                report(.unknownFunction(name, at: nameRange, known: known))
                return false
            }
            if arguments.count != arity {
                report(.wrongArgumentCount(name, expected: arity, got: arguments.count, at: expr.range))
                return false
            }
            return valid
        }
    }

    /// How many operations `expr` becomes once every custom activation call is expanded (what evaluation and the
    /// graph compiler visit), saturating just past the limit so the sum cannot overflow.
    func expandedSize(_ expr: Expr) -> Int {
        let cap = Limits.expandedExpressionSize + 1
        switch expr.kind {
        case .number, .variable:
            return 1
        case .negate(let operand):
            return min(cap, 1 + expandedSize(operand))
        case .binary(_, let left, let right):
            return min(cap, 1 + expandedSize(left) + expandedSize(right))
        case .call(let name, _, let arguments):
            var total = min(cap, 1 + (checker.expandedSizes[name] ?? 0))
            for argument in arguments { total = min(cap, total + expandedSize(argument)) }
            return total
        }
    }

    /// Whether `expr` stays within `Limits.expandedExpressionSize` once expanded; reports it when not.
    mutating func withinExpansionLimit(_ expr: Expr, _ what: String) -> Bool {
        guard expandedSize(expr) > Limits.expandedExpressionSize else { return true }
        report(.expressionTooLarge(what, limit: Limits.expandedExpressionSize, at: expr.range))
        return false
    }

    /// The value of a constant expression (no input variable), or nil after reporting why not.
    mutating func constant(_ expr: Expr, _ what: String) -> Double? {
        guard validate(expr, input: nil, context: what), withinExpansionLimit(expr, what) else { return nil }
        let value = ExprEvaluator.evaluate(expr, environment: checker.environment)
        guard value.isFinite else {
            report(.nonFiniteValue(what, at: expr.range))
            return nil
        }
        return value
    }

    /// A constant that must be a whole number in `limits`. Compared as a Double first, so `1e20` cannot trap.
    mutating func integer(_ expr: Expr, _ what: String, in limits: ClosedRange<Int>) -> Int? {
        guard let value = constant(expr, what) else { return nil }
        guard value == value.rounded() else {
            report(.notAWholeNumber(what, value: value, at: expr.range))
            return nil
        }
        guard value >= Double(limits.lowerBound), value <= Double(limits.upperBound) else {
            report(.sizeOutOfRange(what, value: value, minimum: limits.lowerBound, maximum: limits.upperBound,
                                   at: expr.range))
            return nil
        }
        return Int(value)
    }

    /// A constant that must satisfy `requirement` (`lr > 0`).
    mutating func number(_ expr: Expr, _ what: String, _ requirement: ValueRequirement) -> Double? {
        guard let value = constant(expr, what) else { return nil }
        guard requirement.accepts(value) else {
            report(.valueOutOfRange(what, requirement: requirement.description, value: value, at: expr.range))
            return nil
        }
        return value
    }

    /// `[low, high]` with `low < high`.
    mutating func interval(_ syntax: RangeSyntax) -> Interval? {
        let low = constant(syntax.low, "the low end of the range")
        let high = constant(syntax.high, "the high end of the range")
        guard let low, let high else { return nil }
        guard low < high else {
            report(.emptyRange(low: low, high: high, at: syntax.range))
            return nil
        }
        // The network sees x as Float32: `[0, 1e308]` overflowed into a "divergence" at run time.
        for (end, expr) in [(low, syntax.low), (high, syntax.high)] where Swift.abs(end) > Limits.dataMagnitude {
            report(.valueOutOfRange("the range's ends", requirement: Limits.dataMagnitudeRequirement, value: end,
                                    at: expr.range))
            return nil
        }
        return Interval(low: low, high: high)
    }
}
