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
        case .normalize: return .normalize
        case .features: return try parseFeatures()
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
        case .csv, .noise, .on, .samples, .grid, .full, .to, .classes, .target:
            throw expected("a statement")  // not statement keywords; filtered out by the caller
        }
    }

    // MARK: - data, holdout, predict

    /// `data csv STRING [target NAME {, NAME}]` | `data data_set { set_clause }` |
    /// `data outputs { data_clause }`; clauses may come in any order, each once.
    private mutating func parseData() throws(ParseAbort) -> StatementKind {
        if isKeyword(.csv), peek(1).kind == .string {
            advance()
            let path = try parseStringLiteral("a file name in quotes")
            var targets: [Identifier] = []
            if isKeyword(.target) {
                advance()
                offer(.column(file: path.value))
                targets.append(try parseIdentifier("a column name"))
                while check(.comma) {
                    advance()
                    offer(.column(file: path.value))
                    targets.append(try parseIdentifier("a column name"))
                }
            }
            return .dataCSV(path, targets: targets)
        }
        offer(.name(.dataSet))
        if current.kind == .identifier, Vocabulary.dataSets.contains(current.text),
           peek(1).endsStatement || [Keyword.classes, .noise, .samples].contains(where: { peek(1).text == $0.rawValue }) {
            return .dataSet(try parseDataSet())
        }
        var functions: [Expr] = []
        let bracketed = check(.leftBracket)
        if bracketed {
            advance()
            functions.append(try parseExpression(.function(of: "x")))
            while check(.comma) {
                advance()
                functions.append(try parseExpression(.function(of: "x")))
            }
            try expect(.rightBracket, "',' or ']'")
        } else {
            functions.append(try parseExpression(.function(of: "x")))
        }
        var noise: Expr?
        var ranges: [RangeSyntax] = []
        var samples: Expr?
        var grid = false
        try parseClauses([.noise, .on, .samples, .grid], expecting: "'noise', 'on', 'samples' or 'grid'") {
            (parser, clause) throws(ParseAbort) in
            switch clause {
            case .noise: noise = try parser.parseExpression(.number)
            case .on: ranges = try parser.parseRanges()
            case .samples: samples = try parser.parseExpression(.count)
            default: grid = true
            }
        }
        guard !ranges.isEmpty else { throw expected("'on [A, B]'") }
        return .data(DataSyntax(functions: functions, bracketed: bracketed, noise: noise, ranges: ranges,
                                samples: samples, grid: grid))
    }

    /// `data_set { "classes" expression | "noise" expression | "samples" expression }`.
    private mutating func parseDataSet() throws(ParseAbort) -> DataSetSyntax {
        let name = try parseName(.dataSet)
        var classes: Expr?, noise: Expr?, samples: Expr?
        try parseClauses([.classes, .noise, .samples], expecting: "'classes', 'noise' or 'samples'") {
            (parser, clause) throws(ParseAbort) in
            switch clause {
            case .classes: classes = try parser.parseExpression(.count)
            case .noise: noise = try parser.parseExpression(.number)
            default: samples = try parser.parseExpression(.count)
            }
        }
        return DataSetSyntax(name: name, classes: classes, noise: noise, samples: samples)
    }

    /// Clauses introduced by `keywords`, in any order, each at most once (one given twice is found by its name);
    /// `body` parses each after its keyword.
    private mutating func parseClauses(_ keywords: [Keyword], expecting: String,
                                       _ body: (inout Parser, Keyword) throws(ParseAbort) -> Void)
        throws(ParseAbort)
    {
        var given: Set<Keyword> = []
        while true {
            let word = current
            // Each clause is offered (and tested for) until given.
            var clause: Keyword?
            for candidate in keywords where !given.contains(candidate) {
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
                if word.kind == .identifier { throw expected(expecting) }
                break
            }
            given.insert(clause)
            advance()
            try body(&self, clause)
        }
    }

    /// A point of `predict`: `expression` (one input) or `"(" expression "," expression { "," expression } ")"`.
    private mutating func parsePoint() throws(ParseAbort) -> [Expr] {
        guard check(.leftParen) else { return [try parseExpression(.number)] }
        // `(0.5, 1.2)` is a point; `(1 + 2) * 3` an expression: decided at the first comma, parsed again if not.
        let start = index
        advance()
        let first = try parseExpression(.number)
        guard check(.comma) else {
            index = start
            return [try parseExpression(.number)]
        }
        var coordinates = [first]
        while check(.comma) {
            advance()
            coordinates.append(try parseExpression(.number))
        }
        try expect(.rightParen, "',' or ')'")
        return coordinates
    }

    /// `holdout csv STRING` | `holdout on range [samples expression]`.
    private mutating func parseHoldout() throws(ParseAbort) -> StatementKind {
        if isKeyword(.csv) {
            advance()
            return .holdoutCSV(try parseStringLiteral("a file name in quotes"))
        }
        guard isKeyword(.on) else { throw expected("'csv \"test.csv\"' or 'on [A, B]'") }
        advance()
        let ranges = try parseRanges()
        let samples = try parseOptionalSamples()
        return .holdout(ranges: ranges, samples: samples)
    }

    /// `features expression { "," expression }`: each a function of the raw inputs.
    private mutating func parseFeatures() throws(ParseAbort) -> StatementKind {
        var features = [try parseExpression(.feature)]
        while check(.comma) {
            advance()
            features.append(try parseExpression(.feature))
        }
        return .features(features)
    }

    /// `predict csv STRING STRING` | `predict on range [samples expression] [STRING]` |
    /// `predict point { "," point }`.
    private mutating func parsePredict() throws(ParseAbort) -> StatementKind {
        if isKeyword(.csv), peek(1).kind == .string {
            advance()
            let input = try parseStringLiteral("the input file name in quotes")
            let output = try parseStringLiteral("the output file name in quotes, as in 'predict csv \"new.csv\" \"out.csv\"'")
            return .predictCSV(input: input, output: output)
        }
        if isKeyword(.on) {
            advance()
            let interval = try parseRange()
            let samples = try parseOptionalSamples()
            let file = check(.string) ? try parseStringLiteral("a file name") : nil
            return .predictRange(range: interval, samples: samples, file: file)
        }
        var points = [try parsePoint()]
        while check(.comma) {
            advance()
            points.append(try parsePoint())
        }
        return .predict(points)
    }

    private mutating func parseOptionalSamples() throws(ParseAbort) -> Expr? {
        guard isKeyword(.samples) else { return nil }
        advance()
        return try parseExpression(.count)
    }

    /// `range { "x" range }`: one range per input, joined by `x`.
    mutating func parseRanges() throws(ParseAbort) -> [RangeSyntax] {
        var ranges = [try parseRange()]
        while current.kind == .identifier, current.text == "x", peek(1).kind == .leftBracket {
            advance()
            ranges.append(try parseRange())
        }
        return ranges
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
        if Vocabulary.names(.statistic).contains(metric.name) { offer(.name(.metric)) }
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
