#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import NNScript

/// Times the front end (lex, parse, check) on a generated 10 000-line recipe; the issue asks for well under 100 ms
/// in a release build. Run with `swift run -c release nnscript-bench --frontend`.
enum FrontEndBench {
    /// A recipe of `lines` statements cycling through every set-up and action form, all valid.
    static func recipe(lines: Int) -> String {
        let prefix = ["seed 7", "let w = 2*pi", "activation bump(t) = exp(-t^2)",
                      "data sin(w*x/10)/2.5 + 0.1*cos(3*x) noise 0.05 on [-1, 9] samples 4000"]
        let cycle = [
            "layer 128 tanh init=xavier  # a hidden layer",
            "layer 64 leaky_relu(0.1) bias=false",
            "insert layer 1 32 bump",
            "replace layer 2 16 sin(30) init=siren",
            "remove layer 1",
            "output linear",
            "loss huber delta=0.5",
            "optimizer adam lr=1e-2 beta1=0.9 beta2=0.999 eps=1e-8 clip=1",
            "schedule step every=100 gamma=0.5 warmup=10",
            "batch 32",
            "train 3000",
            "report",
            "expect mse < 5e-4",
            "expect extrema == target_extrema",
            "predict 0, 1.5, -2, max(w, 3)^2",
            "holdout on [9, 12] samples 200",
            "plot fit \"fit.svg\"",
            "compare optimizer sgd lr=0.1 | adam lr=1e-2 | rmsprop lr=1e-3",
            "print (1 + w)*sin(pi/4) - -2^-1",
        ]
        var text = prefix.joined(separator: "\n") + "\n"
        for i in 0..<max(0, lines - prefix.count) { text += cycle[i % cycle.count] + "\n" }
        return text
    }

    /// Prints the median time of `check` (parse + check) over several runs, and of its parts.
    static func run(lines: Int = 10_000, repetitions: Int = 15) {
        let source = recipe(lines: lines)
        let (program, _) = Parser.parse(source: source, file: "bench.nn")
        let (_, checked, diagnostics) = Checker.check(source: source, file: "bench.nn")
        let total = median(repetitions) { _ = Checker.check(source: source, file: "bench.nn") }
        let lex = median(repetitions) { _ = Lexer.tokenize(source, file: "bench.nn") }
        let parse = median(repetitions) { _ = Parser.parse(source: source, file: "bench.nn") }
        let check = median(repetitions) { _ = Checker.check(program) }
        print("front end: check of \(lines) lines (\(source.utf8.count / 1024) KiB, \(checked.count) statements, "
            + "\(diagnostics.count) diagnostics): median CPU time \(format3(total)) ms "
            + "(lex \(format3(lex)), lex+parse \(format3(parse)), check alone \(format3(check))) over \(repetitions) runs")
    }

    /// The median CPU time of `body` on this thread, in milliseconds. CPU time rather than wall time, because the
    /// machines this runs on are often shared: waiting for a core is not the front end's cost.
    private static func median(_ repetitions: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = threadCPUTime()
            body()
            times.append((threadCPUTime() - start) * 1e3)
        }
        return times.sorted()[times.count / 2]
    }

    private static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    private static func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
