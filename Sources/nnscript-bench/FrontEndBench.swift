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

    /// Prints the median time of `check` (parse + check) over several runs.
    static func run(lines: Int = 10_000, repetitions: Int = 15) {
        let source = recipe(lines: lines)
        let clock = ContinuousClock()
        var times: [Duration] = []
        var diagnosticCount = 0
        var statementCount = 0
        for _ in 0..<repetitions {
            let start = clock.now
            let (_, checked, diagnostics) = Checker.check(source: source, file: "bench.nn")
            times.append(clock.now - start)
            diagnosticCount = diagnostics.count
            statementCount = checked.count
        }
        times.sort()
        let median = times[times.count / 2]
        let milliseconds = Double(median.components.attoseconds) / 1e15 + Double(median.components.seconds) * 1e3
        let bytes = source.utf8.count
        print("front end: check of \(lines) lines (\(bytes / 1024) KiB, \(statementCount) statements, "
            + "\(diagnosticCount) diagnostics): median \(String(format3(milliseconds))) ms over \(repetitions) runs")
    }

    private static func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
