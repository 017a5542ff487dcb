/// The statement rules. Each method is named after its rule in `grammar/nnscript.ebnf` and is called with the
/// current token on the statement's first keyword.
extension Parser {
    // MARK: - statement

    mutating func parseStatement() throws(ParseAbort) -> Statement {
        let first = current
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
        case .seed: return .seed(try parseExpression())
        case .data: return try parseData()
        case .holdout: return try parseHoldout()
        case .let: return try parseLet()
        case .input: return .input(try parseExpression())
        case .layer: return .layer(try parseLayerBody())
        case .output: return .output(try parseOutputBody())
        case .activation: return try parseActivationDefinition()
        case .insert:
            try expectKeyword(.layer)
            return .insertLayer(index: try parseExpression(), layer: try parseLayerBody())
        case .remove:
            try expectKeyword(.layer)
            return .removeLayer(index: try parseExpression())
        case .replace:
            try expectKeyword(.layer)
            return .replaceLayer(index: try parseExpression(), layer: try parseLayerBody())
        case .loss: return .loss(try parseConfiguredName("a loss name"))
        case .optimizer: return .optimizer(try parseConfiguredName("an optimizer name"))
        case .schedule: return .schedule(try parseConfiguredName("a schedule name"))
        case .`init`: return .initScheme(try parseIdentifier("an init scheme name"))
        case .batch:
            if isKeyword(.full) {
                advance()
                return .batch(nil)
            }
            return .batch(try parseExpression())
        case .train:
            let count = try parseExpression()
            let unit = check(.identifier) ? try parseIdentifier("'iterations' or 'epochs'") : nil
            return .train(count: count, unit: unit)
        case .report: return .report
        case .plot:
            let kind = check(.identifier) ? try parseIdentifier("'fit' or 'loss'") : nil
            let file = check(.string) ? try parseStringLiteral("a file name") : nil
            return .plot(kind: kind, file: file)
        case .expect: return try parseExpect()
        case .predict: return try parsePredict()
        case .save: return .save(try parseStringLiteral("a file name in quotes"))
        case .load: return .load(try parseStringLiteral("a file name in quotes"))
        case .export:
            let format = try parseIdentifier("'onnx' or 'pytorch'")
            return .export(format: format, file: try parseStringLiteral("a file name in quotes"))
        case .print: return .print(try parseExpression())
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
        let function = try parseExpression()
        var noise: Expr?
        var interval: RangeSyntax?
        var samples: Expr?
        var grid = false
        while current.kind == .identifier {
            let word = current
            if isKeyword(.noise) {
                try rejectRepeat(noise != nil, word)
                advance()
                noise = try parseExpression()
            } else if isKeyword(.on) {
                try rejectRepeat(interval != nil, word)
                advance()
                interval = try parseRange()
            } else if isKeyword(.samples) {
                try rejectRepeat(samples != nil, word)
                advance()
                samples = try parseExpression()
            } else if isKeyword(.grid) {
                try rejectRepeat(grid, word)
                advance()
                grid = true
            } else {
                throw expected("'noise', 'on', 'samples' or 'grid'")
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
        var points = [try parseExpression()]
        while check(.comma) {
            advance()
            points.append(try parseExpression())
        }
        return .predict(points)
    }

    private mutating func parseOptionalSamples() throws(ParseAbort) -> Expr? {
        guard isKeyword(.samples) else { return nil }
        advance()
        return try parseExpression()
    }

    /// `"[" expression "," expression "]"`.
    mutating func parseRange() throws(ParseAbort) -> RangeSyntax {
        let open = try expect(.leftBracket, "'['")
        let low = try parseExpression()
        try expect(.comma, "','")
        let high = try parseExpression()
        try expect(.rightBracket, "']'")
        return RangeSyntax(low: low, high: high, range: range(from: open.range))
    }

    private mutating func rejectRepeat(_ repeated: Bool, _ word: Token) throws(ParseAbort) {
        if repeated { throw fail(.duplicateOption(word.text, at: word.range)) }
    }

    // MARK: - let, activation

    /// `let NAME "=" expression`.
    private mutating func parseLet() throws(ParseAbort) -> StatementKind {
        let name = try parseIdentifier("a name")
        try expect(.equals, "'='")
        return .letBinding(name: name, value: try parseExpression())
    }

    /// `activation NAME "(" NAME ")" "=" expression`.
    private mutating func parseActivationDefinition() throws(ParseAbort) -> StatementKind {
        let name = try parseIdentifier("an activation name")
        try expect(.leftParen, "'(' and a parameter name, as in 'activation bump(x) = exp(-x^2)'")
        let parameter = try parseIdentifier("a parameter name")
        try expect(.rightParen, "')'")
        try expect(.equals, "'='")
        return .activationDefinition(name: name, parameter: parameter, body: try parseExpression())
    }

    // MARK: - Layers

    /// `layer_body = expression activation { option }`.
    mutating func parseLayerBody() throws(ParseAbort) -> LayerSyntax {
        let size = try parseExpression()
        let activation = try parseActivation()
        let options = try parseOptions()
        return LayerSyntax(size: size, activation: activation, options: options, range: range(from: size.range))
    }

    /// `output [expression] activation { option }`. A leading name is the size only when an activation follows it.
    private mutating func parseOutputBody() throws(ParseAbort) -> OutputSyntax {
        var size: Expr?
        let next = peek(1)
        let nameIsActivation = current.kind == .identifier
            && (next.kind == .leftParen || next.endsStatement || (next.kind == .identifier && peek(2).kind == .equals))
        if !nameIsActivation { size = try parseExpression() }
        let activation = try parseActivation()
        return OutputSyntax(size: size, activation: activation, options: try parseOptions())
    }

    /// `activation_use = NAME [ "(" expression ")" ]`.
    mutating func parseActivation() throws(ParseAbort) -> ActivationSyntax {
        let name = try parseIdentifier("an activation such as 'tanh'")
        var argument: Expr?
        if check(.leftParen) {
            advance()
            argument = try parseExpression()
            try expect(.rightParen, "')'")
        }
        return ActivationSyntax(name: name, argument: argument, range: range(from: name.range))
    }

    // MARK: - Names with options

    /// `NAME { option }`.
    private mutating func parseConfiguredName(_ what: String) throws(ParseAbort) -> ConfiguredName {
        let name = try parseIdentifier(what)
        return ConfiguredName(name: name, options: try parseOptions())
    }

    /// `{ NAME "=" expression }`.
    mutating func parseOptions() throws(ParseAbort) -> [OptionSyntax] {
        var options: [OptionSyntax] = []
        while current.kind == .identifier {
            let name = try parseIdentifier("an option")
            try expect(.equals, "'=' after option '\(name.name)'")
            let value = try parseExpression()
            options.append(OptionSyntax(name: name, value: value, range: range(from: name.range)))
        }
        return options
    }

    // MARK: - expect, compare, meta

    /// `expect [NAME] NAME comparison expression`; the first of two names is a statistic over a sweep.
    private mutating func parseExpect() throws(ParseAbort) -> StatementKind {
        var statistic: Identifier?
        if check(.identifier), peek(1).kind == .identifier {
            statistic = try parseIdentifier("a statistic such as 'median'")
        }
        let metric = try parseIdentifier("a metric such as 'mse'")
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
        let value = try parseExpression()
        return .expect(statistic: statistic, metric: metric,
                       comparison: ComparisonSyntax(comparison, range: token.range), value: value)
    }

    /// `compare NAME alternative { "|" alternative }` with `alternative = expression { option }`.
    private mutating func parseCompare() throws(ParseAbort) -> StatementKind {
        let kind = try parseIdentifier("what to compare, such as 'optimizer'")
        var alternatives: [CompareAlternative] = []
        repeat {
            if !alternatives.isEmpty { advance() }  // the `|`
            let head = try parseExpression()
            let options = try parseOptions()
            alternatives.append(CompareAlternative(head: head, options: options, range: range(from: head.range)))
        } while check(.pipe)
        return .compare(kind: kind, alternatives: alternatives)
    }

    /// `sweep sweep_axis sweep_value { "," sweep_value }` with `sweep_axis = 'layer' expression NAME | NAME` and
    /// `sweep_value = expression ( 'to' expression | { option } )`.
    private mutating func parseSweep() throws(ParseAbort) -> StatementKind {
        let name = try parseIdentifier("what to sweep, such as 'seed' or 'lr'")
        var layer: Expr?
        var property: Identifier?
        if name.name == Keyword.layer.rawValue {
            layer = try parseExpression()
            property = try parseIdentifier("'size' or 'activation' after the layer's position")
        }
        var values: [SweepValueSyntax] = []
        repeat {
            if !values.isEmpty { advance() }  // the `,`
            let head = try parseExpression()
            var through: Expr?
            var options: [OptionSyntax] = []
            if isKeyword(.to) {
                advance()
                through = try parseExpression()
            } else {
                options = try parseOptions()
            }
            values.append(SweepValueSyntax(head: head, options: options, through: through, range: range(from: head.range)))
        } while check(.comma)
        return .sweep(SweepSyntax(name: name, layer: layer, property: property, values: values))
    }

    /// `":" NAME [ NAME | STRING ]`.
    private mutating func parseMetaCommand() throws(ParseAbort) -> Statement {
        let colon = advance()
        let name = try parseIdentifier("a command name after ':', such as ':help'")
        var argument: MetaArgument?
        if check(.identifier) {
            argument = .word(try parseIdentifier("a topic"))
        } else if check(.string) {
            argument = .string(try parseStringLiteral("a file name"))
        }
        return Statement(.meta(name: name, argument: argument), range: range(from: colon.range))
    }
}
