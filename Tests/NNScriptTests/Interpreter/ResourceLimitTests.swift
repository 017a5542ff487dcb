import Foundation
import NNScript
import Testing

/// Statements that would need too much memory or too many steps are refused, located, before anything is allocated;
/// huge numbers are errors, never traps.
@Suite(.serialized) struct ResourceLimitTests {
    /// Runs `recipe` with a memory budget; returns the result and stderr.
    func run(_ recipe: String, budget: Int = MemoryBudget.defaultBytes, folder: String = NSTemporaryDirectory())
        -> (result: Session.RunResult, errors: String)
    {
        Runtime.threadCount = 1
        var options = SessionOptions()
        options.file = "r.nn"
        options.quiet = true
        options.baseDirectory = folder
        options.memoryBudget = budget
        let out = StringOutput(), err = StringOutput()
        let result = Session(options: options, output: out, errors: err).run(source: recipe)
        return (result, err.text)
    }

    // MARK: - Memory

    @Test func hugeLayersAreRefusedAtTheLayerThatPassesTheBudget() {
        let (result, errors) = run("data sin(x) on [0, 1]\nlayer 65536 tanh\nlayer 65536 tanh\nlayer 65536 tanh\n")
        #expect(result.exitCode == 1)
        // 65536² weights with their gradients and Adam's two moments: 64 GiB, refused at line 3.
        #expect(errors.contains("r.nn:3:1: error: this set-up would need about 64.0 GiB of memory, more than the "
            + "budget of"), "\(errors)")
        #expect(errors.contains("weights and gradients: 32.0 GiB"))
        #expect(errors.contains("--max-memory 65G"))
    }

    /// The set-up's check counts the weights as layers are inserted, removed and replaced (it keeps the count as
    /// edits happen rather than rebuilding the model after every statement): each edit that makes the model too big
    /// is the one refused, with the weights of the model it would make.
    @Test(arguments: [
        // 3000-1-3000, then the middle one removed: 3000-3000.
        ("layer 3000 tanh\nlayer 1 tanh\nlayer 3000 tanh\nremove layer 2\n", 5, [3000, 3000]),
        // 1-3000, then a 3000 inserted first: 3000-1-3000 is small; a 3000 inserted second makes 3000-3000-1-3000.
        ("layer 1 tanh\nlayer 3000 tanh\ninsert layer 1 3000 tanh\ninsert layer 2 3000 tanh\n", 5,
         [3000, 3000, 1, 3000]),
        // 3000-1-3000, the middle one replaced by 2000.
        ("layer 3000 tanh\nlayer 1 tanh\nlayer 3000 tanh\nreplace layer 2 2000 tanh\n", 5, [3000, 2000, 3000]),
    ])
    func theSetUpCheckCountsWeightsThroughEveryEdit(edits: String, line: Int, widths: [Int]) {
        let (result, errors) = run("data sin(x) on [0, 1]\n" + edits + "layer 1 tanh\n", budget: 100 << 20)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:\(line):1: error: this set-up would need about"), "\(errors)")
        // Weights and biases of 1 → widths → 1, each with its gradient (8 bytes).
        let sizes = [1] + widths + [1]
        let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        #expect(errors.contains("weights and gradients: \(MemoryBudget.format(Double(parameters * 8)))"),
                "\(errors)")
    }

    @Test func aFullBatchOfManySamplesIsRefusedAtTrainAndABatchFixesIt() {
        let recipe = "seed 1\ndata sin(x) on [0, 3] samples 200000\nlayer 64 tanh\n"
        let full = run(recipe + "train 1\n", budget: 64 << 20)
        #expect(full.result.exitCode == 1)
        #expect(full.errors.contains("r.nn:4:1: error: training would need about"), "\(full.errors)")
        #expect(full.errors.contains("training buffers (batch 200000)"))
        let small = run(recipe + "batch 32\ntrain 1\n", budget: 64 << 20)
        #expect(small.result.exitCode == 0, "\(small.errors)")
    }

    @Test func tooManySamplesForTheBudgetAreRefusedAtTheDataStatement() {
        let (result, errors) = run("data sin(x) on [0, 1] samples 10000000\nlayer 8 tanh\ntrain 1", budget: 64 << 20)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:1:1: error: this set-up would need about 305 MiB"), "\(errors)")
    }

    /// A built-in set's size is known from its statement: judged there, before any point is drawn (it was judged
    /// only when `train` made the set).
    @Test func tooManyPointsOfABuiltInSetAreRefusedAtTheDataStatement() {
        let (result, errors) = run("data spiral samples 10000000\nlayer 8 tanh\ntrain 1", budget: 64 << 20)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:1:1: error: this set-up would need about"), "\(errors)")
    }

    @Test func hugePredictionGridsAreRefusedAtPredict() {
        let recipe = "data sin(x) on [0, 1] samples 50\nlayer 2048 tanh\nbatch 10\ntrain 1\n"
            + "predict on [0, 1] samples 1000000\n"
        let (result, errors) = run(recipe, budget: 256 << 20)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:5:1: error: predicting at 1000000 points would need about"), "\(errors)")
    }

    @Test func aHugeHoldoutIsRefusedWhenTheReportWouldCompileIt() {
        let recipe = "data sin(x) on [0, 1] samples 50\nholdout on [1, 2] samples 10000000\nlayer 512 tanh\n"
            + "train 1\nreport\n"
        let (result, errors) = run(recipe, budget: 256 << 20)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:5:1: error: predicting at 10000000 points"), "\(errors)")
    }

    @Test func aCSVFileLargerThanAQuarterOfTheBudgetIsNotRead() throws {
        let folder = try TemporaryFolder.make("big-csv")
        let row = "0.5,0.25\n"
        try String(repeating: row, count: (5 << 20) / row.utf8.count).write(
            toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        let (result, errors) = run("data csv \"big.csv\"\ntrain 1", budget: 16 << 20, folder: folder)
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:1:10: error: cannot read 'big.csv'"), "\(errors)")
        #expect(errors.contains("more than the limit of 4194304"))
    }

    @Test func theREPLKeepsFewerUndoStepsForBigModels() {
        var options = SessionOptions()
        options.file = Session.interactiveFile
        options.memoryBudget = 12 << 20
        let err = StringOutput()
        let session = Session(options: options, output: StringOutput(), errors: err)
        // About 1.05M weights (8.4 MB with their gradients, within the budget); each undo step copies them, 4.2 MB,
        // and half the budget (6.3 MB) holds one such step.
        #expect(session.execute(line: "data sin(x) on [0, 1] samples 8; optimizer sgd; layer 1024 tanh; layer 1024 tanh",
                                lineNumber: 1))
        // `expect` builds the model (and, changing nothing, is no undo step of its own); each `seed` is a step
        // whose state to go back to holds the weights.
        #expect(session.execute(line: "expect parameters > 0", lineNumber: 2), "\(err.text)")
        for line in 3...5 {
            #expect(session.execute(line: "seed \(line)", lineNumber: line), "\(err.text)")
        }
        #expect(session.undo() != nil)
        #expect(session.undo() == nil)
    }

    // MARK: - Training length

    @Test func epochsThatAddUpToTooManyStepsAreRefused() {
        let (result, errors) = run("data sin(x) on [0, 1] samples 1000\nbatch 1\nlayer 2 tanh\ntrain 100000000 epochs")
        #expect(result.exitCode == 1)
        #expect(errors.contains("r.nn:4:1: error: this would train 1e11 steps; one 'train' may run at most "
            + "100000000 steps"), "\(errors)")
    }

    // MARK: - Huge numbers are errors, not traps

    @Test(arguments: [
        ("data sin(x) on [0, 1] samples 99999999999", "samples"),
        ("data sin(x) on [0, 1]\ntrain 1e12", "training length"),
        ("data sin(x) on [0, 1]\ntrain 1e300 epochs", "training length"),
        ("batch 0", "batch size"),
        ("batch 1e19", "batch size"),
        ("layer 1e9 tanh", "layer size"),
        ("output 100000000 linear", "output size"),
        ("input 1e6", "input size"),
        ("holdout on [0, 1] samples 1e15", "samples"),
        ("data sin(x) on [0, 1]\npredict on [0, 1] samples 1e9", "samples"),
        ("schedule step every=1e12", "every"),
        ("schedule cosine warmup=1e12", "warmup"),
        ("seed 1e30", "seed"),
        ("data sin(x) on [0, 1]\ninsert layer 1e12 3 tanh", "layer"),
    ])
    func hugeNumbersAreLocatedErrors(recipe: String, mention: String) {
        let (result, errors) = run(recipe)
        #expect(result.exitCode == 1)
        #expect(errors.contains("error:") && errors.contains(mention), "\(recipe): \(errors)")
    }

    // MARK: - Budget sizes

    @Test func budgetSizesParseAsPowersOf1024() {
        #expect(MemoryBudget.parse("512M") == 512 << 20)
        #expect(MemoryBudget.parse("4G") == 4 << 30)
        #expect(MemoryBudget.parse("4g") == 4 << 30)
        #expect(MemoryBudget.parse("1.5GiB") == 3 << 29)
        #expect(MemoryBudget.parse("800MB") == 800 << 20)
        #expect(MemoryBudget.parse("64k") == 64 << 10)
        #expect(MemoryBudget.parse("2T") == 2 << 40)
        #expect(MemoryBudget.parse("1000000") == 1_000_000)
        for bad in ["", "abc", "0", "-1G", "4X", "1e400", "G", "1..5G", "99999999999T"] {
            #expect(MemoryBudget.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(MemoryBudget.format(512) == "512 bytes")
        #expect(MemoryBudget.format(Double(512 << 20)) == "512 MiB")
        #expect(MemoryBudget.format(1.5 * Double(1 << 30)) == "1.5 GiB")
        #expect(MemoryBudget.format(.infinity) == "an unbounded amount")
        #expect(MemoryBudget.defaultBytes <= 2 << 30 && MemoryBudget.defaultBytes > 0)
    }

    @Test func theSuggestedBudgetFitsTheNeedOrIsLeftOut() {
        #expect(MemoryBudget.suggestion(for: 300 * 1024 * 1024) == "301M")
        #expect(MemoryBudget.suggestion(for: 64.2 * 1024 * 1024 * 1024) == "65G")
        #expect(MemoryBudget.suggestion(for: 1e30) == nil)
        let huge = Diagnostic.memoryBudgetExceeded("training", needed: 1e30, budget: 2 << 30, parts: [],
                                                   at: .startOfFile("r.nn"))
        #expect(!huge.notes.joined().contains("--max-memory"))
    }
}
