import NNTensor

// MARK: - Comparing set-ups

extension Session {
    func compare(_ variants: CompareVariants, range: SourceRange) -> Diagnostic? {
        .unsupportedExport("compare", reason: "compare is not available in this build yet", at: range)
    }
}
