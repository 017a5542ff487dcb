// MARK: - Expressions as Python

/// Renders activation bodies and numbers as Python source for the PyTorch exporter.
enum PythonExpression {
    /// `body` as a torch expression of the tensor named `input`, fully parenthesised so Python's precedence
    /// (unary minus binds tighter than `**` there) can never change its meaning.
    static func torch(_ body: ExportExpr, input: String) -> String {
        if let value = body.constantValue {
            return "torch.full_like(\(input), \(literal(value)))"
        }
        return render(body, input: input)
    }

    /// A feature as a torch expression of the raw rows `rows` (`.column(i)` is `rows[:, i]`): one value per row.
    static func feature(_ expr: ExportExpr, rows: String) -> String {
        if let value = expr.constantValue {
            return "torch.full_like(\(rows)[:, 0], \(literal(value)))"
        }
        return render(expr, input: rows)
    }

    /// A Python float literal that parses to exactly `value`: Swift's shortest round-trip decimal, or
    /// `float("inf")`/`float("nan")`.
    static func literal(_ value: Double) -> String {
        if value.isNaN { return "float(\"nan\")" }
        if value.isInfinite { return value < 0 ? "float(\"-inf\")" : "float(\"inf\")" }
        return "\(value)"
    }

    private static func render(_ expr: ExportExpr, input: String) -> String {
        if let value = expr.constantValue { return literal(value) }
        switch expr {
        case .input:
            return input
        case .column(let index):
            return "\(input)[:, \(index)]"
        case .constant(let value):
            return literal(value)
        case .negate(let operand):
            return "(-\(render(operand, input: input)))"
        case .binary(let op, let lhs, let rhs):
            return "(\(render(lhs, input: input)) \(pythonOperator(op)) \(render(rhs, input: input)))"
        case .call(let name, let args):
            let rendered = args.map { render($0, input: input) }
            guard let function = ExportFunction(rawValue: name) else { return input }  // validate() rejected it
            switch function {
            case .pow:
                return "(\(rendered[0]) ** \(rendered[1]))"
            case .min, .max:
                // torch.minimum/maximum take tensors only; a folded constant becomes a 0-d float32 tensor.
                let operands = zip(args, rendered).map { arg, text in
                    arg.dependsOnInput ? text : "torch.tensor(\(text), dtype=torch.float32)"
                }
                return "torch.\(function == .min ? "minimum" : "maximum")(\(operands.joined(separator: ", ")))"
            default:
                return "torch.\(function.rawValue)(\(rendered[0]))"
            }
        }
    }

    private static func pythonOperator(_ op: ExportBinaryOperator) -> String {
        op == .power ? "**" : op.rawValue
    }
}
