import Foundation
import NNScript

/// Runs inputs in this process and reports broken invariants. Before each input it writes the input's index to the
/// state file, so when the process dies the supervisor knows which input killed it.
struct FuzzWorker {
    let options: FuzzOptions

    /// Runs `options.start ..< start + count`; 0 when every input kept every invariant, 1 otherwise.
    func run(statePath: String) -> Int32 {
        let inputs = FuzzInputs(seed: options.seed, extraCorpus: options.corpus())
        let state = open(statePath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard state >= 0 else {
            FileHandle.standardError.write(Data("nnscript-fuzz: cannot write \(statePath)\n".utf8))
            return 2
        }
        defer { close(state) }
        var findings = 0
        var clock = ContinuousClock.now
        let end = options.start + options.count
        for index in options.start..<end {
            // Fixed width, so each write replaces the whole previous index; the kernel keeps it if we crash.
            let line = Array(String(index).leftPadded(to: 20).utf8) + [10]
            _ = line.withUnsafeBytes { pwrite(state, $0.baseAddress, $0.count, 0) }
            let bytes = inputs.bytes(at: index)
            let problems = violations(of: String(decoding: bytes, as: UTF8.self))
            if !problems.isEmpty {
                findings += 1
                record(index: index, bytes: bytes, problems: problems)
            }
            let done = index + 1 - options.start
            if done % options.progressEvery == 0 || index + 1 == end {
                let now = ContinuousClock.now
                let seconds = (now - clock).seconds
                clock = now
                let rate = Double(min(done, options.progressEvery)) / max(seconds, 1e-9)
                let files = options.hostileFiles ? "  runs naming files \(InterpreterProbe.runsNamingFiles)" : ""
                say("input \(index + 1)/\(end)  \(Int(rate)) inputs/s  findings \(findings)\(files)")
            }
        }
        return findings == 0 ? 0 : 1
    }

    /// Runs one input and prints what broke; 0 when nothing did.
    func report(source: String, name: String) -> Int32 {
        let problems = violations(of: source)
        if options.interpreter {
            say("the interpreter printed:\n" + InterpreterProbe.run(source, hostileFiles: options.hostileFiles).output)
        }
        for problem in problems { say("\(name): \(problem)") }
        if problems.isEmpty { say("\(name): every invariant holds") }
        return problems.isEmpty ? 0 : 1
    }

    /// The front end's invariants, the interpreter's when asked, and the time budget.
    private func violations(of source: String) -> [FrontEndInvariants.Violation] {
        // CPU time, not wall time: on a machine shared with builds, wall time says more about the neighbours.
        let began = cpuSeconds()
        var problems = FrontEndInvariants.violations(of: source)
        if options.interpreter, problems.isEmpty {
            problems += InterpreterProbe.violations(of: source, hostileFiles: options.hostileFiles)
        }
        let milliseconds = (cpuSeconds() - began) * 1000
        if milliseconds > options.slowMilliseconds {
            problems.append(.init(property: "slow", detail: "\(Int(milliseconds)) ms of CPU for \(source.utf8.count) bytes"))
        }
        return problems
    }

    private func record(index: Int, bytes: [UInt8], problems: [FrontEndInvariants.Violation]) {
        let path = options.findings + "/seed-\(options.seed)-input-\(index).nn"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        say("FINDING input \(index): " + problems.map(\.description).joined(separator: " | "))
        say("  saved \(path); replay: \(options.replayCommand(index))")
    }
}

/// This process's CPU time so far, in seconds.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Writes a line to stdout at once (unbuffered), so progress and findings survive a crash right after.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}

extension String {
    /// Left-padded with spaces to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
