import Foundation
import NNScript

/// Runs the inputs in worker processes. When a worker dies (a trap, a signal) or hangs, the supervisor reads the
/// index it was running from the state file, saves that input to the findings folder and starts a new worker at
/// the next input, so one run finds every crash instead of stopping at the first.
struct Supervisor {
    let options: FuzzOptions

    func run() -> Int32 {
        let manager = FileManager.default
        try? manager.createDirectory(atPath: options.findings, withIntermediateDirectories: true)
        let findingsBefore = findingCount()
        let statePath = options.findings + "/.current-input"
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let end = options.start + options.count
        let began = ContinuousClock.now
        var next = options.start
        var crashes = 0
        say("nnscript-fuzz: seed \(options.seed), inputs \(options.start)..<\(end), corpus "
              + (options.corpusFolder.map { "\($0) (\(options.corpus().count) files) + built-in" } ?? "built-in"))
        while next < end {
            manager.createFile(atPath: statePath, contents: Data(String(next).utf8))
            let worker = Process()
            worker.executableURL = executable
            worker.arguments = options.workerArguments(start: next, count: end - next, statePath: statePath)
            do {
                try worker.run()
            } catch {
                say("nnscript-fuzz: cannot start a worker: \(error)")
                return 2
            }
            let hung = watch(worker, statePath: statePath)
            worker.waitUntilExit()
            if !hung, worker.terminationReason == .exit, worker.terminationStatus <= 1 { break }
            let index = currentIndex(statePath) ?? next
            crashes += 1
            let cause = hung ? "hang (no progress for \(Int(options.hangSeconds)) s)"
                : "crash (\(worker.terminationReason == .uncaughtSignal ? "signal" : "status") \(worker.terminationStatus))"
            let path = options.findings + "/seed-\(options.seed)-input-\(index)-crash.nn"
            let inputs = FuzzInputs(seed: options.seed, extraCorpus: options.corpus())
            manager.createFile(atPath: path, contents: Data(inputs.bytes(at: index)))
            say("CRASH input \(index): \(cause)\n  saved \(path); replay: \(options.replayCommand(index))")
                next = index + 1
        }
        let seconds = (ContinuousClock.now - began).seconds
        let findings = findingCount() - findingsBefore
        let rate = Int(Double(options.count) / max(seconds, 1e-9))
        say("nnscript-fuzz: \(options.count) inputs in \(Int(seconds)) s (\(rate) inputs/s); "
              + "\(crashes) crashes or hangs, \(findings) files in \(options.findings)/")
        return crashes == 0 && findings == 0 ? 0 : 1
    }

    /// Polls the worker; kills it when its current input stays the same for `hangSeconds`. True when it was killed.
    private func watch(_ worker: Process, statePath: String) -> Bool {
        var lastIndex: Int?
        var lastChange = ContinuousClock.now
        while worker.isRunning {
            usleep(200_000)
            let index = currentIndex(statePath)
            if index != lastIndex {
                lastIndex = index
                lastChange = .now
            } else if (ContinuousClock.now - lastChange).seconds > options.hangSeconds {
                kill(worker.processIdentifier, SIGKILL)
                return true
            }
        }
        return false
    }

    private func currentIndex(_ statePath: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func findingCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: options.findings)) ?? []
        return names.filter { $0.hasSuffix(".nn") }.count
    }
}
