import NNTensor

if CommandLine.arguments.contains("--frontend") {
    FrontEndBench.run()
}
print("nnscript-bench: no benchmarks yet")
