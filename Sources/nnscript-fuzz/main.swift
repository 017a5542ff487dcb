import Foundation
import NNScript

// nnscript-fuzz: runs generated and mutated recipes through the front end (lex → parse → check → format →
// re-parse) and checks FrontEndInvariants on each. Input i of seed s is rebuilt from (s, i) alone.
//
//   swift run -c release nnscript-fuzz --count 1000000 --seed 1      a supervised run (crashes are caught)
//   nnscript-fuzz --seed 1 --replay 4711                              one input, in this process
//   nnscript-fuzz --seed 1 --print 4711 > crash.nn                    the input's bytes
//   nnscript-fuzz --file crash.nn                                     a file, in this process
// See docs/fuzzing.md.

let usage = """
    usage: nnscript-fuzz [--seed S] [--count N] [--start I] [--corpus DIR | --no-corpus] [--findings DIR]
                         [--progress N] [--slow-ms MS] [--hang-seconds S] [--interpreter]
                         [--hostile-files]
           nnscript-fuzz [--seed S] [--corpus DIR | --no-corpus] (--replay I | --print I)
           nnscript-fuzz [--interpreter] [--hostile-files] --file PATH
    """

let options: FuzzOptions
do {
    options = try FuzzOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("nnscript-fuzz: \(error)\n\(usage)\n".utf8))
    exit(2)
}

switch options.mode {
case .supervise:
    exit(Supervisor(options: options).run())
case .worker(let statePath):
    exit(FuzzWorker(options: options).run(statePath: statePath))
case .replay(let index):
    let inputs = FuzzInputs(seed: options.seed, extraCorpus: options.corpus())
    exit(FuzzWorker(options: options).report(source: inputs.source(at: index), name: "input \(index)"))
case .print(let index):
    let inputs = FuzzInputs(seed: options.seed, extraCorpus: options.corpus())
    FileHandle.standardOutput.write(Data(inputs.bytes(at: index)))
    exit(0)
case .file(let path):
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("nnscript-fuzz: cannot read \(path)\n".utf8))
        exit(2)
    }
    exit(FuzzWorker(options: options).report(source: String(decoding: data, as: UTF8.self), name: path))
}
