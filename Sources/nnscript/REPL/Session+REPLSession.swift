import NNScript

// MARK: - The interpreter drives the REPL

/// The real interpreter behind the REPL: `NNScript.Session` has every method the protocol asks for, under the same
/// names, except the two adapted here.
extension Session: REPLSession {
    public func execute(_ source: String, lineNumber: Int) -> Bool {
        execute(line: source, lineNumber: lineNumber)
    }

    public func userNames() -> UserNames {
        UserNames(activations: userActivationNames, constants: userConstantNames, columns: dataColumnNames,
                  inputs: dataInputNames)
    }
}
