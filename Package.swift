// swift-tools-version:6.0
import PackageDescription

// The runtime's kernels are plain Swift SIMD code; without a target CPU, LLVM lowers fused multiply-adds to library
// calls (~0.7 GFLOP/s). The package is always built from source on the machine that runs it, so `native` is safe
// on x86-64; arm64's baseline already has NEON FMA.
#if arch(x86_64)
let kernelFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "native"])]
#else
let kernelFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "nnscript",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nnscript", targets: ["nnscript"]),
        .library(name: "NNScript", targets: ["NNScript"]),
        .library(name: "NNTensor", targets: ["NNTensor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // The runtime: tensors, graphs, autodiff, kernels, optimizers. Knows nothing of the language.
        .target(name: "NNTensor", swiftSettings: kernelFlags),
        // The language: syntax, checking, interpreter, reports, checkpoints, export. Built on NNTensor.
        .target(
            name: "NNScript",
            dependencies: ["NNTensor", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Counts heap allocations by interposing malloc & co; linked only into tests and benchmarks, to prove that a
        // training step allocates nothing.
        .target(name: "CAllocationCounter"),
        // GNU readline, as a system library (Debian: libreadline-dev).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // The thin command-line tool.
        .executableTarget(
            name: "nnscript",
            dependencies: [
                "NNScript", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: programs that print numbers.
        .executableTarget(
            name: "nnscript-bench", dependencies: ["NNTensor", "NNScript", "CAllocationCounter"], swiftSettings: kernelFlags
        ),
        // The front end's fuzzer: generated and mutated recipes against FrontEndInvariants (docs/fuzzing.md).
        .executableTarget(name: "nnscript-fuzz", dependencies: ["NNScript"]),
        .testTarget(
            name: "NNTensorTests", dependencies: ["NNTensor", "CAllocationCounter"],
            exclude: ["Reference/optimizer_parity.py", "Reference/cross_entropy_reference.py"]
        ),
        .testTarget(
            name: "NNScriptTests", dependencies: ["NNScript"], exclude: ["Reference"], resources: [.copy("Golden")]
        ),
        .testTarget(name: "nnscriptTests", dependencies: ["nnscript"]),
    ]
)
