import NNTensor

// MARK: - Checkpoints and export

extension Session {
    func saveCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        .unsupportedExport("checkpoint", reason: "save is not available in this build yet", at: range)
    }

    func loadCheckpoint(_ path: String, range: SourceRange) -> Diagnostic? {
        .unsupportedExport("checkpoint", reason: "load is not available in this build yet", at: range)
    }

    func export(_ format: ExportFormat, path: String, range: SourceRange) -> Diagnostic? {
        .unsupportedExport(format.rawValue, reason: "export is not available in this build yet", at: range)
    }
}
