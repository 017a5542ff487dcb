import NNScript

/// Runs recipes that check cleanly through the interpreter on tiny budgets (filled in below).
enum InterpreterProbe {
    static func violations(of source: String) -> [FrontEndInvariants.Violation] { [] }
}
