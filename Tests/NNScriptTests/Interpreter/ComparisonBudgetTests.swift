import Foundation
import NNScript
import Testing

// The budget a `compare` trains each variant for is the last `train` still in the session. A `train` taken back
// by `:undo` or `:reset` has left the recipe, so it leaves the budget too: the session then compares as its saved
// recipe, replayed, would. (Before the training state had one owner, the budget survived both.)

private func budgetSession() -> Session {
    Runtime.threadCount = 1
    var options = SessionOptions()
    options.file = Session.interactiveFile
    options.quiet = true
    options.defaultBudget = 40
    return Session(options: options, output: StringOutput(), errors: StringOutput())
}

private let budgetSetUp = ["seed 2", "data sin(2*x) on [-1, 1] samples 64", "layer 6 tanh", "optimizer adam lr=0.01"]
private let oneVariant = CompareVariants.optimizer([OptimizerSpec(kind: .adam, options: [.lr: 1e-2])])

/// The iterations `compare` trains each variant for in `session` now.
private func comparisonBudget(_ session: Session) throws -> Int {
    try #require(try session.comparison(of: oneVariant).get().runs.first).losses.count
}

@Test(arguments: [":undo", ":reset"])
func aTakenBackTrainNoLongerSetsTheComparisonBudget(_ takeBack: String) throws {
    let session = budgetSession()
    for (index, line) in (budgetSetUp + ["train 300"]).enumerated() {
        #expect(session.execute(line: line, lineNumber: index + 1))
    }
    #expect(try comparisonBudget(session) == 300)
    if takeBack == ":undo" {
        #expect(session.undo() == "train 300")
    } else {
        _ = session.reset()
    }
    #expect(!session.recipeText().contains("train"))
    #expect(try comparisonBudget(session) == 40, "the default budget, as the saved recipe replays")
    if takeBack == ":undo" {
        #expect(session.redo() == "train 300")
        #expect(try comparisonBudget(session) == 300, "redone, the train sets the budget again")
    }
}

@Test func aComparisonInTheRecipeTrainsAsLongAsItsReplay() throws {
    let session = budgetSession()
    for (index, line) in (budgetSetUp + ["train 300"]).enumerated() {
        #expect(session.execute(line: line, lineNumber: index + 1))
    }
    _ = session.undo()
    #expect(session.execute(line: "compare optimizer adam | sgd lr=0.05", lineNumber: 9))
    let replay = budgetSession()
    #expect(replay.run(source: session.recipeText()).exitCode == 0)
    #expect(try comparisonBudget(replay) == 40)
    let (ours, replayed) = (try comparisonBudget(session), try comparisonBudget(replay))
    #expect(ours == replayed)
}
