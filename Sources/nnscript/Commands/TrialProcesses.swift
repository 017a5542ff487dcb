import Dispatch
import Foundation
import NNScript

/// Runs a sweep's trials on this machine: each trial is a child process of this same executable
/// (`nnscript sweep FILE --trial N --out DIR`), at most `jobs` at a time. A child is the trial run alone, so its
/// weights are bit-identical to `nnscript run FILE --set …` by construction, and one crashing trial cannot take
/// the others with it. Children run in their own process group: Ctrl-C reaches only this process, which stops
/// launching, ends the running children and reports the trials that finished.
struct TrialProcesses {
    /// The arguments every child gets after `sweep FILE --trial N --out DIR` (`--set`, limits, threads).
    var childArguments: [String]
    var file: String
    var jobs: Int
    var outputFolder: String

    /// What happened to each trial launched.
    struct Outcome {
        var trial: Int
        /// Wall-clock seconds from launch to exit.
        var seconds: Double
        var exitStatus: Int32
    }

    /// Runs `trials`, calling `finished` (on this thread) as each ends. Returns the outcomes and whether Ctrl-C
    /// stopped the sweep.
    func run(_ trials: [Int], finished: (Outcome) -> Void) -> (outcomes: [Outcome], interrupted: Bool) {
        let executable = Self.executablePath
        let children = RunningChildren()
        // A parent that started us with signals blocked (a test harness, some job runners) would keep Ctrl-C from
        // ever reaching the handler: unblock it here, and give the children an empty mask below.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { children.interrupt() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        var pending = trials[...]
        var running: [pid_t: (trial: Int, started: Date)] = [:]
        var outcomes: [Outcome] = []
        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, !children.isInterrupted, let trial = pending.first {
                pending = pending.dropFirst()
                let arguments = ["sweep", file, "--trial", "\(trial)", "--out", outputFolder] + childArguments
                let log = (outputFolder as NSString).appendingPathComponent("trial-\(trial).log")
                if let pid = Self.spawn(executable, arguments, log: log) {
                    running[pid] = (trial, Date())
                    children.add(pid)
                } else {
                    let outcome = Outcome(trial: trial, seconds: 0, exitStatus: 127)
                    outcomes.append(outcome)
                    finished(outcome)
                }
            }
            guard !running.isEmpty else { break }
            var status: Int32 = 0
            let pid = waitpid(-1, &status, 0)
            if pid < 0 {
                if errno == EINTR { continue }
                break
            }
            guard let entry = running.removeValue(forKey: pid) else { continue }
            children.remove(pid)
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            let outcome = Outcome(trial: entry.trial, seconds: Date().timeIntervalSince(entry.started), exitStatus: exit)
            outcomes.append(outcome)
            finished(outcome)
        }
        return (outcomes, children.isInterrupted)
    }

    /// This executable: `/proc/self/exe` on Linux, the main bundle's path elsewhere.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// Starts `path arguments` in a new process group with stdout and stderr going to `log`.
    private static func spawn(_ path: String, _ arguments: [String], log: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        return status == 0 ? pid : nil
    }
}

/// The running children, shared with the SIGINT handler: Ctrl-C marks the sweep interrupted and ends every child
/// (SIGTERM), so the launching loop's `waitpid` returns at once.
final class RunningChildren: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: Set<pid_t> = []
    private var interrupted = false

    func add(_ pid: pid_t) {
        lock.lock()
        pids.insert(pid)
        let late = interrupted
        lock.unlock()
        if late { kill(pid, SIGTERM) }
    }

    func remove(_ pid: pid_t) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }

    func interrupt() {
        lock.lock()
        interrupted = true
        let running = pids
        lock.unlock()
        for pid in running { kill(pid, SIGTERM) }
    }

    var isInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }
}
