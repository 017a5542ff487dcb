/// The model: layers, the output layer, activations, layer options, edit positions.
extension Scope {
    mutating func layer(_ syntax: LayerSyntax) -> LayerSpec? {
        let size = integer(syntax.size, "layer size", in: Limits.layerSize)
        let activation = activation(syntax.activation)
        let options = layerOptions(syntax.options)
        guard let size, let activation, let options else { return nil }
        return LayerSpec(size: size, activation: activation, initScheme: options.initScheme, bias: options.bias)
    }

    mutating func output(_ syntax: OutputSyntax) -> OutputSpec? {
        let size = syntax.size.map { integer($0, "output size", in: Limits.layerSize) }
        let activation = activation(syntax.activation)
        let options = layerOptions(syntax.options)
        guard let activation, let options, size != .some(nil) else { return nil }
        return OutputSpec(size: size ?? nil, activation: activation, initScheme: options.initScheme,
                          bias: options.bias)
    }

    mutating func activation(_ syntax: ActivationSyntax) -> ActivationSpec? {
        activation(named: syntax.name, argument: syntax.argument)
    }

    /// A built-in activation (with its optional parameter) or a custom one.
    mutating func activation(named name: Identifier, argument: Expr?) -> ActivationSpec? {
        if let builtin = Activation(rawValue: name.name) {
            guard let argument else { return .builtin(builtin, parameter: nil) }
            guard let parameterName = builtin.parameterName else {
                report(.unexpectedParameter(name.name, at: argument.range))
                return nil
            }
            return constant(argument, "'\(name.name)' parameter \(parameterName)").map {
                .builtin(builtin, parameter: $0)
            }
        }
        if checker.environment.functions[name.name] != nil {
            if let argument {
                report(.unexpectedParameter(name.name, at: argument.range))
                return nil
            }
            return .custom(name.name)
        }
        if checker.poisonedNames.contains(name.name) {
            failed = true  // a definition that failed, already reported there
            return nil
        }
        let known = Activation.allCases.map(\.rawValue) + checker.environment.functions.keys.sorted()
        report(.unknownName(name.name, kind: "activation", at: name.range, known: known))
        return nil
    }

    /// `init=NAME` and `bias=true|false`.
    mutating func layerOptions(_ syntax: [OptionSyntax]) -> (initScheme: InitScheme?, bias: Bool)? {
        guard let options = options(syntax, allowed: Vocabulary.layerOptions, owner: "layer") else { return nil }
        var initScheme: InitScheme?
        var bias = true
        var valid = true
        if let option = options["init"] {
            initScheme = nameValue(option, InitScheme.self)
            valid = valid && initScheme != nil
        }
        if let option = options["bias"] {
            let value = nameValue(option, BooleanWord.self)
            bias = value == .true
            valid = valid && value != nil
        }
        return valid ? (initScheme, bias) : nil
    }

    /// False, with an error at `range`, when the layer just counted is one more than `Limits.hiddenLayers` allows.
    /// A recipe file is told once, at the first layer too many (the layers after it fail quietly); the REPL is
    /// told at every attempt.
    mutating func withinLayerCap(at range: SourceRange) -> Bool {
        let count = checker.hiddenLayerCount, maximum = Limits.hiddenLayers
        guard count > maximum else { return true }
        if count == maximum + 1 || checker.allowsMetaCommands {
            report(.tooManyLayers(maximum: maximum, at: range))
        } else {
            failed = true
        }
        return false
    }

    /// The hidden-layer position named by an edit, 1-based and within `allowed`.
    mutating func layerIndex(_ expr: Expr, count: Int, allowed: ClosedRange<Int>?) -> Int? {
        guard let value = constant(expr, "layer number") else { return nil }
        guard value == value.rounded() else {
            report(.notAWholeNumber("layer number", value: value, at: expr.range))
            return nil
        }
        guard let allowed, value >= Double(allowed.lowerBound), value <= Double(allowed.upperBound) else {
            let shown = abs(value) < 1e15 ? Int(value) : Int.max
            report(.layerIndexOutOfRange(shown, count: count, allowed: allowed, at: expr.range))
            return nil
        }
        return Int(value)
    }
}

/// `true` and `false`, the values of `bias=`.
enum BooleanWord: String, CaseIterable {
    case `true`, `false`
}
