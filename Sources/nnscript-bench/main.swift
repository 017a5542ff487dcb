import Foundation
import NNTensor

// Usage: nnscript-bench --frontend | tanh-error | csv [FILE] | [kernels] [workloads] [workload names…] [--threads=N] [--quick]
//        [--block=ROWS]
// csv times the CSV table reader on FILE (default /tmp/nnscript-bench-table.csv, generated: 300 000 × 20, ~50 MB).
// tanh-error scans every Float in [0, 9.5] for VectorMath.tanh's worst error (the documented bound).
// --quick runs a tenth of each workload's iterations (the ms/iter is the same quantity; the loss is not).
// (Piped output is block-buffered: use `stdbuf -oL` to watch it line by line.)
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("tanh-error") {
    runTanhErrorScan()
    exit(0)
}
if arguments.first == "csv" {
    CSVBench.run(path: arguments.dropFirst().first ?? "/tmp/nnscript-bench-table.csv")
    exit(0)
}
if arguments.contains("--frontend") {
    FrontEndBench.run()
    exit(0)
}
if let flag = arguments.first(where: { $0.hasPrefix("--threads=") }), let n = Int(flag.dropFirst(10)) {
    Parallel.threadCount = n
    arguments.removeAll { $0 == flag }
}
var blockRows: Int?
if let flag = arguments.first(where: { $0.hasPrefix("--block=") }), let n = Int(flag.dropFirst(8)) {
    blockRows = n
    arguments.removeAll { $0 == flag }
}
let quick = arguments.contains("--quick")
arguments.removeAll { $0 == "--quick" }
let sections = arguments.filter { $0 == "kernels" || $0 == "workloads" }
let names = arguments.filter { $0 != "kernels" && $0 != "workloads" }
print("nnscript-bench  (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
if sections.isEmpty || sections.contains("kernels") {
    runGemmBench()
    runVectorMathBench()
}
if sections.isEmpty || sections.contains("workloads") || !names.isEmpty {
    do {
        try runWorkloadBench(names: names, iterationScale: quick ? 0.1 : 1, blockRows: blockRows)
    } catch {
        print("workloads failed: \(error)")
    }
}
