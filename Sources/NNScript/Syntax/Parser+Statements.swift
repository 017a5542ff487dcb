/// The statement rules. Each method is named after its rule in `grammar/nnscript.ebnf` and is called with the
/// current token on the statement's first keyword.
extension Parser {
    // MARK: - statement

    mutating func parseStatement() throws(ParseAbort) -> Statement {
        let first = current
        expressionRole = .number  // until the statement's rule says what its expression stands for
        if first.kind == .colon { return try parseMetaCommand() }
        guard first.kind == .identifier else { throw expected("a statement") }
        guard let keyword = Keyword(rawValue: first.text), Keyword.statementKeywords.contains(keyword) else {
            let known = Keyword.statementKeywords.map(\.rawValue)
            throw fail(.unknownStatement(first.text, at: first.range, known: known))
        }
        advance()
        let kind = try parseStatementBody(keyword)
        return Statement(kind, range: range(from: first.range))
    }

    private mutating func parseStatementBody(_ keyword: Keyword) throws(ParseAbort) -> StatementKind {
        switch keyword {
        case .seed: return .seed(try parseExpression(.count))
        case .data: return try parseData()
        case .holdout: return try parseHoldout()
        case .let: return try parseLet()
        case .input: return .input(try parseExpression(.count))
        case .layer: return .layer(try parseLayerBody())
        case .output: return .output(try parseOutputBody())
        case .activation: return try parseActivationDefinition()
        case .insert:
            try expectKeyword(.layer)
            return .insertLayer(index: try parseExpression(.count), layer: try parseLayerBody())
        case .remove:
            try expectKeyword(.layer)
            return .removeLayer(index: try parseExpression(.count))
        case .replace:
            try expectKeyword(.layer)
            return .replaceLayer(index: try parseExpression(.count), layer: try parseLayerBody())
        case .loss: return .loss(try parseConfiguredName(.loss))
        case .optimizer: return .optimizer(try parseConfiguredName(.optimizer))
        case .schedule: return .schedule(try parseConfiguredName(.schedule))
        case .`init`: return .initScheme(try parseName(.initScheme))
        case .batch:
            if isKeyword(.full) {
                advance()
                return .batch(nil)
            }
            return .batch(try parseExpression(.count))
        case .train:
            let count = try parseExpression(.count)
            return .train(count: count, unit: try parseOptionalName(.trainUnit))
        case .report: return .report
        case .plot:
            let kind = try parseOptionalName(.plotKind)
            let file = check(.string) ? try parseStringLiteral("a file name") : nil
            return .plot(kind: kind, file: file)
        case .expect: return try parseExpect()
        case .predict: return try parsePredict()
        case .save: return .save(try parseStringLiteral("a file name in quotes"))
        case .load: return .load(try parseStringLiteral("a file name in quotes"))
        case .export:
            let format = try parseName(.exportFormat)
            return .export(format: format, file: try parseStringLiteral("a file name in quotes"))
        case .print: return .print(try parseExpression(.number))
        case .compare: return try parseCompare()
        case .sweep: return try parseSweep()
        case .csv, .noise, .on, .samples, .grid, .full, .to:
            throw expected("a statement")  // not statement keywords; filtered out by the caller
        }
    }

    // MARK: - data, holdout, predict

    /// `data csv STRING` | `data expression { data_clause }`; clauses may come in any order, each once.
    private mutating func parseData() throws(ParseAbort) -> StatementKind {
        if isKeyword(.csv), peek(1).kind == .string {
            advance()
            return .dataCSV(try parseStringLiteral("a file name in quotes"))
        }
        let function = try parseExpression(.function(of: "x"))
        var noise: Expr?
        var interval: RangeSyntax?
        var samples: Expr?
        var grid = false
        var given: Set<Keyword> = []
        while true {
            let word = current
            // Each clause is offered (and tested for) until given; one given twice is found by its name.
            var clause: Keyword?
            for candidate in [Keyword.noise, .on, .samples, .grid] where !given.contains(candidate) {
                if isKeyword(candidate) {
                    clause = candidate
                    break
                }
            }
            if clause == nil, word.kind == .identifier, let repeated = Keyword(rawValue: word.text),
               given.contains(repeated) {
                throw fail(.duplicateOption(word.text, at: word.range))
            }
            guard let clause else {
                if word.kind == .identifier { throw expected("'noise', 'on', 'samples' or 'grid'") }
                break
            }
            given.insert(clause)
            advance()
            switch clause {
            case .noise: noise = try parseExpression(.number)
            case .on: interval = try parseRange()
            case .samples: samples = try parseExpression(.count)
            default: grid = true
            }
        }
        guard let interval else { throw expected("'on [A, B]'") }
        return .data(DataSyntax(function: function, noise: noise, range: interval, samples: samples, grid: grid))
    }

    /// `holdout on range [samples expression]`.
    private mutating func parseHoldout() throws(ParseAbort) -> StatementKind {
        try expectKeyword(.on)
        let interval = try parseRange()
        let samples = try parseOptionalSamples()
        return .holdout(range: interval, samples: samples)
    }

    /// `predict on range [samples expression] [STRING]` | `predict expression { "," expression }`.
    private mutating func parsePredict() throws(ParseAbort) -> StatementKind {
        if isKeyword(.on) {
            advance()
            let interval = try parseRange()
            let samples = try parseOptionalSamples()
            let file = check(.string) ? try parseStringLiteral("a file name") : nil
            return .predictRange(range: interval, samples: samples, file: file)
        }
        var points = [try parseExpression(.number)]
        while check(.comma) {
            advance()
            points.append(try parseExpression(.number))
        }
        return .predict(points)
    }

    private mutating func parseOptionalSamples() throws(ParseAbort) -> Expr? {
        guard isKeyword(.samples) else { return nil }
        advance()
        return try parseExpression(.count)
    }

    /// `"[" expression "," expression "]"`.
    mutating func parseRange() throws(ParseAbort) -> RangeSyntax {
        let open = try expect(.leftBracket, "'['")
        let low = try parseExpression(.number)
        try expect(.comma, "','")
        let high = try parseExpression(.number)
        try expect(.rightBracket, "']'")
        return RangeSyntax(low: low, high: high, range: range(from: open.range))
    }

    // MARK: - let, activation

    /// `let NAME "=" expression`.
    private mutating func parseLet() throws(ParseAbort) -> StatementKind {
        let name = try parseIdentifier("a name")
        try expect(.equals, "'='")
        return .letBinding(name: name, value: try parseExpression(.number))
    }

    /// `activation NAME "(" NAME ")" "=" expression`.
    private mutating func parseActivationDefinition() throws(ParseAbort) -> StatementKind {
        let name = try parseIdentifier("an activation name")
        try expect(.leftParen, "'(' and a parameter name, as in 'activation bump(x) = exp(-x^2)'")
        let parameter = try parseIdentifier("a parameter name")
        try expect(.rightParen, "')'")
        try expect(.equals, "'='")
        let body = try parseExpression(.function(of: parameter.name))
        return .activationDefinition(name: name, parameter: parameter, body: body)
    }

    // MARK: - Layers

    /// `layer_body = expression activation { option }`.
    mutating func parseLayerBody() throws(ParseAbort) -> LayerSyntax {
        let size = try parseExpression(.count)
        let activation = try parseActivation()
        let options = try parseOptions(of: .layer)
        return LayerSyntax(size: size, activation: activation, options: options, range: range(from: size.range))
    }

    /// `output [expression] activation { option }`. A leading name is the size only when an activation follows it.
    private mutating func parseOutputBody() throws(ParseAbort) -> OutputSyntax {
        offer(.name(.activation))
        var size: Expr?
        let next = peek(1)
        let nameIsActivation = current.kind == .identifier
            && (next.kind == .leftParen || next.endsStatement || (next.kind == .identifier && peek(2).kind == .equals))
        if !nameIsActivation { size = try parseExpression(.count) }
        let activation = try parseActivation()
        return OutputSyntax(size: size, activation: activation, options: try parseOptions(of: .layer))
    }

    /// `activation_use = NAME [ "(" expression ")" ]`.
    mutating func parseActivation() throws(ParseAbort) -> ActivationSyntax {
        let name = try parseName(.activation)
        var argument: Expr?
        if check(.leftParen) {
            advance()
            argument = try parseExpression(.number)
            try expect(.rightParen, "')'")
        }
        return ActivationSyntax(name: name, argument: argument, range: range(from: name.range))
    }

    // MARK: - Names with options

    /// `NAME { option }`.
    private mutating func parseConfiguredName(_ kind: NameKind) throws(ParseAbort) -> ConfiguredName {
        let name = try parseName(kind)
        return ConfiguredName(name: name, options: try parseOptions(of: .named(kind, name.name)))
    }

    /// `{ NAME "=" expression }`, the options of `owner`.
    mutating func parseOptions(of owner: OptionOwner) throws(ParseAbort) -> [OptionSyntax] {
        var options: [OptionSyntax] = []
        while true {
            offer(.option(owner, given: options.map(\.name.name)))
            guard current.kind == .identifier else { break }
            let name = try parseIdentifier("an option")
            try expect(.equals, "'=' after option '\(name.name)'")
            let value = try parseExpression(.option(owner, key: name.name))
            options.append(OptionSyntax(name: name, value: value, range: range(from: name.range)))
        }
        return options
    }

    // MARK: - expect, compare, meta

    /// `expect [NAME] NAME comparison expression`; the first of two names is a statistic over a sweep.
    private mutating func parseExpect() throws(ParseAbort) -> StatementKind {
        offer(.name(.statistic))
        var statistic: Identifier?
        var metric = try parseName(.metric)
        // Two names: the first is a statistic over a sweep. After a statistic's name a metric may follow.
        if SweepStatistic(rawValue: metric.name) != nil { offer(.name(.metric)) }
        if check(.identifier) {
            statistic = metric
            metric = try parseName(.metric)
        }
        let comparison: ComparisonOperator
        switch current.kind {
        case .less: comparison = .less
        case .lessEqual: comparison = .lessEqual
        case .equalEqual: comparison = .equal
        case .notEqual: comparison = .notEqual
        case .greaterEqual: comparison = .greaterEqual
        case .greater: comparison = .greater
        default: throw expected("a comparison ('<', '<=', '==', '!=', '>=', '>')")
        }
        let token = advance()
        let value = try parseExpression(.expectedValue)
        return .expect(statistic: statistic, metric: metric,
                       comparison: ComparisonSyntax(comparison, range: token.range), value: value)
    }

    /// `compare NAME alternative { "|" alternative }` with `alternative = expression { option }`.
    private mutating func parseCompare() throws(ParseAbort) -> StatementKind {
        let kind = try parseName(.compareKind)
        var alternatives: [CompareAlternative] = []
        repeat {
            if !alternatives.isEmpty { advance() }  // the `|`
            let head = try parseExpression(.alternative(compare: kind.name))
            let headName = head.variableName ?? ""
            let options = try parseOptions(of: .alternative(compare: kind.name, head: headName))
            alternatives.append(CompareAlternative(head: head, options: options, range: range(from: head.range)))
        } while check(.pipe)
        return .compare(kind: kind, alternatives: alternatives)
    }

    /// `sweep sweep_axis sweep_value { "," sweep_value }` with `sweep_axis = 'layer' expression NAME | NAME` and
    /// `sweep_value = expression ( 'to' expression | { option } )`.
    private mutating func parseSweep() throws(ParseAbort) -> StatementKind {
        let name = try parseName(.sweepAxis)
        var layer: Expr?
        var property: Identifier?
        if name.name == Keyword.layer.rawValue {
            layer = try parseExpression(.count)
            property = try parseName(.layerProperty)
        }
        let axis = property?.name ?? name.name
        var values: [SweepValueSyntax] = []
        repeat {
            if !values.isEmpty { advance() }  // the `,`
            let head = try parseExpression(.sweepValue(axis: axis))
            var through: Expr?
            var options: [OptionSyntax] = []
            if isKeyword(.to) {
                advance()
                through = try parseExpression(.sweepValue(axis: axis))
            } else {
                let word: String
                if case .variable(let name) = head.kind { word = name } else { word = "" }
                options = try parseOptions(of: .sweepValue(axis: axis, head: word))
            }
            values.append(SweepValueSyntax(head: head, options: options, through: through, range: range(from: head.range)))
        } while check(.comma)
        return .sweep(SweepSyntax(name: name, layer: layer, property: property, values: values))
    }

    /// `":" NAME [ STRING | TEXT ]`: TEXT is the rest of the line, unquoted (the lexer makes it one token).
    private mutating func parseMetaCommand() throws(ParseAbort) -> Statement {
        let colon = advance()
        let name = try parseIdentifier("a command name after ':', such as ':help'")
        offer(.commandArgument(name.name))
        var argument: MetaArgument?
        if check(.string) {
            argument = .string(try parseStringLiteral("a file name"))
        } else if check(.text) {
            let text = advance()
            argument = .text(StringLiteral(text.text, range: text.range))
        }
        return Statement(.meta(name: name, argument: argument), range: range(from: colon.range))
    }
}
