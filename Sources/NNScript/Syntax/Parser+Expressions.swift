/// Expressions by precedence climbing, one method per level, loosest first:
/// `expression` (+ -) → `term` (* /) → `unary` (-) → `power` (^, right-associative) → `primary`.
extension Parser {
    /// An expression that stands for `role` where a statement rule wants one (see `ExpressionRole`).
    mutating func parseExpression(_ role: ExpressionRole) throws(ParseAbort) -> Expr {
        expressionRole = role
        return try parseExpression()
    }

    /// `expression = term { ("+" | "-") term }`; nested expressions keep the role of the outermost.
    mutating func parseExpression() throws(ParseAbort) -> Expr {
        var left = try parseTerm()
        var levels = 0
        defer { depth -= levels }
        while let op = binaryOperator(tokens[index].kind, among: [.add, .subtract]) {
            levels += 1
            try descend()
            advance()
            let right = try parseTerm()
            left = Expr(.binary(op, left, right), range: left.range.extended(to: right.range))
        }
        return left
    }

    /// `term = unary { ("*" | "/") unary }`.
    private mutating func parseTerm() throws(ParseAbort) -> Expr {
        var left = try parseUnary()
        var levels = 0
        defer { depth -= levels }
        while let op = binaryOperator(tokens[index].kind, among: [.multiply, .divide]) {
            levels += 1
            try descend()
            advance()
            let right = try parseUnary()
            left = Expr(.binary(op, left, right), range: left.range.extended(to: right.range))
        }
        return left
    }

    /// `unary = "-" unary | power`: below `^`, so `-x^2` is `-(x^2)`.
    private mutating func parseUnary() throws(ParseAbort) -> Expr {
        guard check(.minus) else { return try parsePower() }
        let minus = advance()
        try descend()
        defer { depth -= 1 }
        let operand = try parseUnary()
        return Expr(.negate(operand), range: minus.range.extended(to: operand.range))
    }

    /// `power = primary [ "^" unary ]`: right-associative, and `2^-1` is allowed.
    private mutating func parsePower() throws(ParseAbort) -> Expr {
        let base = try parsePrimary()
        guard check(.caret) else { return base }
        advance()
        try descend()
        defer { depth -= 1 }
        let exponent = try parseUnary()
        return Expr(.binary(.power, base, exponent), range: base.range.extended(to: exponent.range))
    }

    /// `primary = NUMBER | NAME [ "(" [ expression { "," expression } ] ")" ] | "(" expression ")"`.
    private mutating func parsePrimary() throws(ParseAbort) -> Expr {
        offer(.expression(expressionRole))
        let token = current
        switch token.kind {
        case .number:
            advance()
            return Expr(.number(token.number ?? .nan, text: token.text), range: token.range)
        case .identifier:
            advance()
            guard check(.leftParen) else { return Expr(.variable(token.text), range: token.range) }
            advance()
            try descend()
            defer { depth -= 1 }
            var arguments: [Expr] = []
            if !check(.rightParen) {
                arguments.append(try parseExpression())
                while check(.comma) {
                    advance()
                    arguments.append(try parseExpression())
                }
            }
            try expect(.rightParen, "')'")
            return Expr(.call(token.text, nameRange: token.range, arguments: arguments), range: range(from: token.range))
        case .leftParen:
            advance()
            try descend()
            defer { depth -= 1 }
            var inner = try parseExpression()
            try expect(.rightParen, "')'")
            inner.range = range(from: token.range)
            return inner
        default:
            throw fail(.expectedExpression(found: token.description, at: token.range))
        }
    }

    // MARK: - Helpers

    private func binaryOperator(_ kind: TokenKind, among allowed: [BinaryOperator]) -> BinaryOperator? {
        let op: BinaryOperator?
        switch kind {
        case .plus: op = .add
        case .minus: op = .subtract
        case .star: op = .multiply
        case .slash: op = .divide
        case .caret: op = .power
        default: op = nil
        }
        return op.flatMap { allowed.contains($0) ? $0 : nil }
    }

    /// One level deeper in the expression tree (the caller gives it back on the way out). A left-associative chain
    /// takes one level per operator, so the bound holds for the depth of the tree every later pass walks, not only
    /// for this parser's recursion.
    private mutating func descend() throws(ParseAbort) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw fail(.nestingTooDeep(limit: Parser.maximumDepth, at: current.range))
        }
    }
}
