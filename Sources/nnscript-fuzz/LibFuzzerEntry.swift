#if LIBFUZZER
import NNScript

/// libFuzzer's entry point, compiled only with `-DLIBFUZZER` (see docs/fuzzing.md): libFuzzer then supplies `main`,
/// mutates inputs guided by coverage, and keeps any input that traps here as `crash-<sha1>`.
@_cdecl("LLVMFuzzerTestOneInput")
public func nnscriptFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let problem = FrontEndInvariants.violations(of: source).first {
        fatalError("front-end invariant broken: \(problem)")  // a trap is how libFuzzer learns of a finding
    }
    return 0
}
#endif
