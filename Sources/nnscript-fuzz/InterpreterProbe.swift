import Foundation
import NNScript

/// Runs a recipe through the interpreter on a tiny budget, to find traps past the checker (an index out of range, an
/// overflow). The recipe is tamed first, so a million runs stay fast and touch no files: every `train` becomes 2
/// iterations, data and grids a handful of points, hidden layers 3 units wide, and statements that read or write
/// files are dropped. The property is simply that the run ends with an exit code, 0 or 1. With `hostileFiles` the
/// file statements stay and run in a `HostileFolder` (a FIFO read would hang the worker: the supervisor reports it).
enum InterpreterProbe {
    /// A folder no recipe file is expected in, as the session's base directory.
    private static let sandbox: String = {
        let path = NSTemporaryDirectory() + "nnscript-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Runs with `hostileFiles` whose recipe kept a statement that names a file.
    nonisolated(unsafe) static var runsNamingFiles = 0

    static func violations(of source: String, hostileFiles: Bool = false) -> [FrontEndInvariants.Violation] {
        run(source, hostileFiles: hostileFiles).violations
    }

    /// Runs the tamed recipe; returns what broke and what the session printed (stdout, then stderr).
    static func run(_ source: String, hostileFiles: Bool = false)
        -> (violations: [FrontEndInvariants.Violation], output: String)
    {
        let (program, syntax) = Parser.parse(source: source, file: "probe.nn")
        guard !syntax.containsErrors else { return ([], "(syntax errors: not run)") }
        let tamed = Program(file: program.file, statements: program.statements.compactMap { tame($0, keepFiles: hostileFiles) })
        if hostileFiles {
            HostileFolder.reset(sandbox)
            if tamed.statements.contains(where: namesAFile) { runsNamingFiles += 1 }
        }
        var options = SessionOptions()
        options.file = "probe.nn"
        options.quiet = true
        options.defaultBudget = 2
        options.baseDirectory = sandbox
        let out = StringOutput(), err = StringOutput()
        let result = Session(options: options, output: out, errors: err).run(source: Formatter.format(tamed))
        guard result.exitCode == 0 || result.exitCode == 1 else {
            return ([.init(property: "interpreter-exit-code", detail: "\(result.exitCode)")], out.text + err.text)
        }
        return ([], out.text + err.text)
    }

    /// The statement on a tiny budget, or nil for one that touches files or the REPL.
    private static func tame(_ statement: Statement, keepFiles: Bool) -> Statement? {
        var copy = statement
        let range = statement.range
        func small(_ text: String) -> Expr { Expr(.number(Double(text) ?? 1, text: text), range: range) }
        switch statement.kind {
        case .meta: return nil
        case .dataCSV, .save, .load, .export: return keepFiles ? statement : nil
        case .plot(let kind, let file): copy.kind = .plot(kind: kind, file: keepFiles ? file : nil)
        case .train: copy.kind = .train(count: small("2"), unit: nil)
        case .data(var data):
            data.samples = small("20")
            copy.kind = .data(data)
        case .holdout(let ranges, _): copy.kind = .holdout(ranges: ranges, samples: small("10"))
        case .predictRange(let interval, _, let file):
            copy.kind = .predictRange(range: interval, samples: small("5"), file: keepFiles ? file : nil)
        case .layer(var layer):
            layer.size = small("3")
            copy.kind = .layer(layer)
        case .insertLayer(let index, var layer):
            layer.size = small("3")
            copy.kind = .insertLayer(index: index, layer: layer)
        case .replaceLayer(let index, var layer):
            layer.size = small("3")
            copy.kind = .replaceLayer(index: index, layer: layer)
        default: break
        }
        return copy
    }

    private static func namesAFile(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .dataCSV, .save, .load, .export: return true
        case .plot(_, let file): return file != nil
        case .predictRange(_, _, let file): return file != nil
        default: return false
        }
    }
}
