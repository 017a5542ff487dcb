/// nnscript's language: syntax, checking, interpretation, reports, checkpoints and export.
public enum NNScriptInfo {
    public static let version = "0.1.0"
}
