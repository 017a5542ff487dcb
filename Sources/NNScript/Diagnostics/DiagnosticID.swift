/// The stable identifier of every message nnscript can emit. The raw value is what tools and tests match on.
public enum DiagnosticID: String, CaseIterable, Sendable, Hashable {
    // MARK: - Lexical
    case unexpectedCharacter = "unexpected-character"
    case unterminatedString = "unterminated-string"
    case invalidEscape = "invalid-escape"
    case malformedNumber = "malformed-number"
    case numberOutOfRange = "number-out-of-range"

    // MARK: - Syntax
    case unknownStatement = "unknown-statement"
    case unexpectedToken = "unexpected-token"
    case expectedExpression = "expected-expression"
    case extraTokens = "extra-tokens"
    case nestingTooDeep = "nesting-too-deep"
    case unknownMetaCommand = "unknown-meta-command"

    // MARK: - Names
    case unknownName = "unknown-name"
    case unknownVariable = "unknown-variable"
    case unknownFunction = "unknown-function"
    case inputNotAllowed = "input-not-allowed"
    case wrongArgumentCount = "wrong-argument-count"
    case redefinition = "redefinition"

    // MARK: - Values
    case notAWholeNumber = "not-a-whole-number"
    case sizeOutOfRange = "size-out-of-range"
    case valueOutOfRange = "value-out-of-range"
    case nonFiniteValue = "non-finite-value"
    case expressionTooLarge = "expression-too-large"
    case emptyRange = "empty-range"
    case duplicateOption = "duplicate-option"
    case expectedNameValue = "expected-name-value"
    case missingOption = "missing-option"
    case unexpectedParameter = "unexpected-parameter"

    // MARK: - Order and structure
    case layerIndexOutOfRange = "layer-index-out-of-range"
    case missingData = "missing-data"
    case tooFewAlternatives = "too-few-alternatives"
    case metaCommandInRecipe = "meta-command-in-recipe"
    case shapeMismatch = "shape-mismatch"

    // MARK: - Sweeps
    case sweepRangeDescending = "sweep-range-descending"
    case sweepRangeNotWhole = "sweep-range-not-whole"
    case sweepValueOptions = "sweep-value-options"
    case sweepTooManyTrials = "sweep-too-many-trials"
    case sweepAxisRepeated = "sweep-axis-repeated"
    case sweepTargetMissing = "sweep-target-missing"
    case sweepInREPL = "sweep-in-repl"

    // MARK: - Runtime (raised by the interpreter, worded here)
    case fileNotFound = "file-not-found"
    case fileUnreadable = "file-unreadable"
    case fileNotWritable = "file-not-writable"
    case malformedCSV = "malformed-csv"
    case nonFiniteTarget = "non-finite-target"
    case expectationFailed = "expectation-failed"
    case divergence = "divergence"
    case invalidCheckpoint = "invalid-checkpoint"
    case unsupportedExport = "unsupported-export"
    case slowProgress = "slow-progress"
    case setupLint = "setup-lint"
    case missingDataAtRuntime = "no-data"
    case unsupportedActivationFunction = "unsupported-activation-function"
    case invalidOptimizer = "invalid-optimizer"
    case modelCompileFailed = "model-compile-failed"
    case metricUnavailable = "metric-unavailable"
    case memoryBudgetExceeded = "memory-budget-exceeded"
    case pathNotAllowed = "path-not-allowed"
    case trainingTooLong = "training-too-long"
    case missingColumn = "missing-column"
    case targetMismatch = "target-mismatch"
    case invalidDataSet = "invalid-data-set"

    /// True for the entries only the interpreter raises (the checker never does).
    public var isRuntime: Bool {
        switch self {
        case .fileNotFound, .fileUnreadable, .fileNotWritable, .malformedCSV, .nonFiniteTarget, .expectationFailed,
            .divergence, .invalidCheckpoint, .unsupportedExport, .slowProgress, .setupLint, .missingDataAtRuntime,
            .unsupportedActivationFunction, .invalidOptimizer, .modelCompileFailed, .metricUnavailable,
            .memoryBudgetExceeded, .pathNotAllowed, .trainingTooLong, .sweepInREPL, .missingColumn, .targetMismatch,
            .invalidDataSet:
            return true
        default:
            return false
        }
    }
}
