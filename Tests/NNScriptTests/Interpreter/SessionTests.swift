import Foundation
import NNScript
import Testing

/// Runs a recipe in-process and returns the session, its result and what it printed.
func runRecipe(_ source: String, file: String = "test.nn", directory: String = NSTemporaryDirectory())
    -> (session: Session, result: Session.RunResult, output: String, errors: String)
{
    var options = SessionOptions()
    options.file = file
    options.baseDirectory = directory
    let output = StringOutput(), errors = StringOutput()
    let session = Session(options: options, output: output, errors: errors)
    let result = session.run(source: source)
    return (session, result, output.text, errors.text)
}

/// A small, fast version of the seed's problem.
let smallRecipe = """
    seed 3
    data sin(x)/2.5 noise 0.05 on [-1, 9] samples 200
    layer 16 tanh
    output linear
    optimizer adam lr=1e-2
    train 150
    """

@Suite(.serialized) struct SessionTests {
    @Test func sameRecipeGivesSameWeightsEveryRun() {
        let first = runRecipe(smallRecipe)
        let second = runRecipe(smallRecipe)
        #expect(first.result.exitCode == 0)
        #expect(first.session.weightsSHA256 == second.session.weightsSHA256)
        #expect(first.session.iterations == 150)
    }

    @Test func weightsAreBitIdenticalForOneAndTwoThreads() {
        let saved = Runtime.threadCount
        defer { Runtime.threadCount = saved }
        Runtime.threadCount = 1
        let one = runRecipe(smallRecipe + "\nlayer 300 tanh\ntrain 20").session.weightsSHA256
        Runtime.threadCount = 2
        let two = runRecipe(smallRecipe + "\nlayer 300 tanh\ntrain 20").session.weightsSHA256
        #expect(one == two)
    }

    @Test func aBatchTrainedInRowBlocksIsBitIdenticalForOneAndTwoThreads() {
        // 1200 points: the full batch runs as lanes of cache-sized row blocks (TrainingStep), unlike the 200 above.
        let recipe = smallRecipe.replacingOccurrences(of: "samples 200", with: "samples 1200")
            .replacingOccurrences(of: "train 150", with: "train 30")
        let saved = Runtime.threadCount
        defer { Runtime.threadCount = saved }
        Runtime.threadCount = 1
        let one = runRecipe(recipe)
        Runtime.threadCount = 2
        let two = runRecipe(recipe)
        #expect(one.result.exitCode == 0)
        #expect(one.session.weightsSHA256 == two.session.weightsSHA256)
    }

    @Test func theTrainLineShowsTheScheduleInTheRecipesWords() {
        let run = runRecipe(smallRecipe.replacingOccurrences(
            of: "train 150", with: "schedule cosine min_lr=1e-3 warmup=10\ntrain 20"))
        #expect(run.output.contains("schedule cosine min_lr=0.001 warmup=10"), "\(run.output)")
    }

    @Test func seedChangesWeightsAndData() {
        let a = runRecipe(smallRecipe).session.weightsSHA256
        let b = runRecipe(smallRecipe.replacingOccurrences(of: "seed 3", with: "seed 4")).session.weightsSHA256
        #expect(a != b)
    }

    @Test func addingALayerDoesNotChangeTheData() {
        // The data's own noise stream: the fitted targets' summary line is identical with a deeper model.
        let shallow = runRecipe(smallRecipe)
        let deep = runRecipe(smallRecipe.replacingOccurrences(of: "layer 16 tanh", with: "layer 16 tanh\nlayer 8 tanh"))
        let dataLine = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("data") } }
        #expect(dataLine(shallow.output) != nil)
        #expect(dataLine(shallow.output) == dataLine(deep.output))
        let predictShallow = runRecipe("seed 3\ndata sin(x) noise 0.1 on [0, 1] samples 5 grid\nlayer 4 tanh\ntrain 1")
        let predictDeep = runRecipe("seed 3\ndata sin(x) noise 0.1 on [0, 1] samples 5 grid\nlayer 4 tanh\nlayer 9 relu\ntrain 1")
        #expect(predictShallow.result.exitCode == 0 && predictDeep.result.exitCode == 0)
    }

    @Test func recipeWithoutTrainIsTrainedWithTheDefaultBudgetAndReported() {
        let run = runRecipe("layer 8 tanh; output linear; optimizer adam lr=1e-2; data sin(x) on [0, 3] samples 50")
        #expect(run.result.exitCode == 0)
        #expect(run.session.iterations == 3000)
        #expect(run.output.contains("report"))
        #expect(run.output.contains("extrema"))
    }

    @Test func reportShowsExtremaOfFitAndTarget() {
        let run = runRecipe(smallRecipe + "\nreport")
        #expect(run.output.contains("extrema: fit"))
        #expect(run.output.contains("target 3"))
        #expect(run.output.contains("error by region"))
    }

    @Test func failedExpectationFailsTheRunWithItsActualValue() {
        let run = runRecipe(smallRecipe + "\nexpect mse < 1e-12\nexpect parameters == 49")
        #expect(run.result.exitCode == 1)
        #expect(run.result.expectationsFailed == 1)
        #expect(run.result.expectationsPassed == 1)
        #expect(run.errors.contains("test.nn:7:1: error: expectation failed: mse < 1e-12"))
        #expect(run.result.failures.first?.contains("mse = ") == true)
    }

    @Test func expectationCanCompareTwoMetrics() {
        let run = runRecipe(smallRecipe + "\nexpect target_extrema == 3\nexpect extrema >= 0")
        #expect(run.result.exitCode == 0)
        #expect(run.result.expectationsPassed == 2)
    }

    @Test func nonFiniteTargetsGiveALocatedErrorNamingX() {
        let run = runRecipe("data log(x) on [-1, 1] samples 10 grid\nlayer 4 tanh\ntrain 5")
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:1:6: error: the data expression is not finite at x = -1"))
    }

    @Test func divergingTrainingStopsWithIterationAndAdvice() {
        let run = runRecipe("""
            data 1000*x on [0, 10] samples 50
            layer 8 relu
            optimizer sgd lr=10
            train 100
            """)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("error: training diverged at iteration"))
        #expect(run.errors.contains("try a smaller learning rate"))
    }

    @Test func missingCSVIsALocatedError() {
        let run = runRecipe("data csv \"no-such-file.csv\"\nlayer 4 tanh\ntrain 3")
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:1:1"))
        #expect(run.errors.contains("no-such-file.csv"))
    }

    @Test func malformedCSVNamesItsLine() throws {
        let directory = NSTemporaryDirectory() + "nnscript-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A word in the target column is a class label (classification); in an input column, an error.
        try "x,y\n0,1\n1,2\nbanana,2\n".write(toFile: directory + "/points.csv", atomically: true, encoding: .utf8)
        let run = runRecipe("data csv \"points.csv\"\nlayer 4 tanh\ntrain 3", directory: directory)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("'points.csv' line 4"))
    }

    /// A spreadsheet export (byte-order mark, quoted header, CRLF) was refused as one line holding the whole file.
    @Test func aSpreadsheetExportTrainsAndErrorsShowOneLine() throws {
        let directory = NSTemporaryDirectory() + "nnscript-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let rows = (0..<30).map { i in "\(Double(i) / 10),\"\(sin(Double(i) / 10))\"" }.joined(separator: "\r\n")
        try ("\u{FEFF}\"x\",\"y\"\r\n" + rows + "\r\n").write(toFile: directory + "/export.csv", atomically: true,
                                                                encoding: .utf8)
        let run = runRecipe("data csv \"export.csv\"\nlayer 4 tanh\ntrain 3", directory: directory)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("30 points"))
        try "x,y\r\n0,1\r\n1,2,3\r\n".write(toFile: directory + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = runRecipe("data csv \"bad.csv\"\nlayer 4 tanh\ntrain 3", directory: directory)
        #expect(bad.result.exitCode == 1)
        #expect(bad.errors.contains("'bad.csv' line 3: expected 2 fields, found 3"), "\(bad.errors)")
    }

    @Test func csvDataTrains() throws {
        let directory = NSTemporaryDirectory() + "nnscript-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let rows = (0..<40).map { i in "\(Double(i) / 10),\(sin(Double(i) / 10))" }.joined(separator: "\n")
        try ("x,y\n" + rows + "\n").write(toFile: directory + "/points.csv", atomically: true, encoding: .utf8)
        let run = runRecipe("data csv \"points.csv\"\nlayer 8 tanh\noptimizer adam lr=1e-2\ntrain 300\nexpect loss < 0.05",
                            directory: directory)
        #expect(run.result.exitCode == 0)
        #expect(run.output.contains("40 points"))
    }

    @Test func structureEditsKeepWeightsOfUnchangedLayers() {
        let run = runRecipe(smallRecipe + "\nreplace layer 1 16 sin\ntrain 10\ninsert layer 2 8 tanh\ntrain 10")
        #expect(run.result.exitCode == 0)
        #expect(run.output.contains("structure changed; every layer kept its weights"))
        #expect(run.output.contains("re-initialised layers 2, output; layer 1 kept its weights"))
    }

    @Test func syntaxAndMeaningErrorsAreAllReportedBeforeTraining() {
        let run = runRecipe("layer 0 tanh\nlayer 128 tahn\noptimizer adam lr=-1\ntrain 10")
        #expect(run.result.exitCode == 1)
        #expect(run.session.iterations == 0)
        #expect(run.errors.contains("test.nn:1:"))
        #expect(run.errors.contains("test.nn:2:"))
        #expect(run.errors.contains("test.nn:3:"))
        #expect(run.errors.contains("did you mean 'tanh'?"))
    }

    @Test func userDefinedActivationTrainsThroughTheGraph() {
        let run = runRecipe("""
            seed 1
            data sin(x) on [0, 3] samples 100
            activation bump(x) = x*sigmoid(x) + 0.1*sin(x)^2
            layer 16 bump
            optimizer adam lr=1e-2
            train 300
            expect loss < 0.02
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
    }

    @Test func everyExpressionFunctionCompilesIntoAnActivation() {
        let run = runRecipe("""
            data sin(x) on [0, 1] samples 20
            activation every(t) = atan(t) + asin(tanh(t))/4 + acos(0.5*sigmoid(t)) + sign(t)*0.01 + floor(t)*0 \
            + ceil(t)*0 + tan(t/9) + sinh(t/3) + cosh(t/3) + log2(2 + t^2) + log10(1 + abs(t)) + sqrt(1 + t^2) \
            + exp(-t^2) + relu(t) + min(t, 1) + max(t, -1) + pow(2, t) + log(2 + cos(t))
            layer 4 every
            train 5
            expect loss < 1000
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.session.iterations == 5)
    }

    @Test func minibatchEpochsCountStepsPerEpoch() {
        let run = runRecipe("seed 2\ndata sin(x) on [0, 3] samples 100\nlayer 8 tanh\nbatch 32\ntrain 2 epochs")
        #expect(run.result.exitCode == 0)
        #expect(run.session.iterations == 6)
    }

    @Test func jsonSummaryHoldsTheRunsNumbers() throws {
        let run = runRecipe(smallRecipe)
        let summary = try #require(run.result.summary)
        #expect(summary.parameters == 49)
        #expect(summary.iterations == 150)
        #expect(summary.weightsSHA256.count == 64)
        #expect(summary.targetExtrema == 3)
        let json = summary.json
        #expect(json.contains("\"weights_sha256\""))
        #expect(json.contains("\"max_error\""))
    }

    @Test func predictPrintsOneLinePerInput() {
        let run = runRecipe(smallRecipe + "\npredict 0, 1.5, 3")
        #expect(run.output.components(separatedBy: "predict x = ").count == 4)
    }
}
