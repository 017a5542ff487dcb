import Foundation
import NNScript
import NNTensor
import Testing

// Random REPL sessions from a seeded generator: set-up and structure edits, training, comparisons, checkpoints,
// recipes saved and loaded, undo, redo and reset. After every `:undo` (and `:redo`) the session's whole state —
// set-up, checker, weights, optimizer state, random streams, batch order, counters, losses, last train budget,
// ledger, recipe — must equal the state it had there; a statement that fails must leave it as it was; and the
// recipe `:save` writes must replay through `run` to the session's weights.

/// The statements a random session draws from, by kind.
private let setUpEdits = [
    "seed 4", "seed 9", "optimizer adam lr=0.01", "optimizer sgd lr=0.05", "optimizer momentum lr=0.02",
    "batch 16", "batch 100", "loss l1", "loss mse", "schedule cosine", "schedule constant", "init xavier",
    "let a = 2", "activation wave(x) = sin(a*x)", "data cos(2*x) on [-1, 1] samples 40", "holdout on [-1, 1] samples 9",
]
private let structureEdits = [
    "layer 4 tanh", "layer 3 sin", "insert layer 1 3 relu", "remove layer 1", "replace layer 1 5 tanh",
    "output tanh", "output linear", "layer 3 wave",
]
private let actions = [
    "train 5", "train 12", "train 1 epochs", "compare optimizer adam | sgd lr=0.05", "report", "predict 0.5",
    "expect loss < 1e9", "save \"state.ckpt\"; load \"state.ckpt\"",
]

private final class RandomSession {
    let folder: String
    let session: Session
    /// The states the session's undo steps go back to, newest last (nil: a step this test did not see the start
    /// of, from a loaded recipe's statements), and the ones redo goes forward to.
    var undoStates: [Session.State?] = []
    var redoStates: [Session.State] = []
    var line = 1

    init(folder: String) {
        self.folder = folder
        session = RandomSession.makeSession(folder: folder)
    }

    static func makeSession(folder: String) -> Session {
        Runtime.threadCount = 1
        var options = SessionOptions()
        options.file = Session.interactiveFile
        options.quiet = true
        options.baseDirectory = folder
        options.defaultBudget = 10
        return Session(options: options, output: StringOutput(), errors: StringOutput())
    }

    /// Runs one entry and checks the state after it: unchanged when it failed.
    func enter(_ entry: String) {
        let before = session.state
        let statements = entry.split(separator: ";").count
        let recipeBefore = session.recipeText()
        defer { line += 1 }
        if !session.execute(line: entry, lineNumber: line), statements == 1 {
            #expect(session.state == before, "'\(entry)' failed and must change nothing")
        }
        // A failure part way: the statements before it stand.
        recordSteps(addedSince: recipeBefore, before: before)
    }

    /// The statements that leave only output (the rule of `Session.undo`, written out here from the language's
    /// side): not undo steps of their own, unless there is no step before them to join.
    static let outputs: Set<Substring> = ["report", "plot", "predict", "print", "expect", "save", "export", "compare"]

    /// Records the undo steps of the statements the recipe gained since `recipeBefore`; the first one's state to
    /// go back to is `before` when it is the first statement added.
    func recordSteps(addedSince recipeBefore: String, before: Session.State) {
        let old = recipeBefore.split(separator: "\n").count
        let added = session.recipeText().split(separator: "\n").dropFirst(old)
        guard !added.isEmpty else { return }
        for (index, text) in added.enumerated() {
            let word = text.split(separator: " ").first ?? ""
            if !Self.outputs.contains(word) || undoStates.isEmpty { undoStates.append(index == 0 ? before : nil) }
        }
        redoStates.removeAll()
    }

    func undo() {
        let now = session.state
        guard let undone = session.undo() else {
            #expect(undoStates.isEmpty, "undo found nothing while the test expects a step")
            return
        }
        #expect(!undoStates.isEmpty, "undo took back '\(undone)' that the test did not expect")
        guard !undoStates.isEmpty else { return }
        if let expected = undoStates.removeLast() {
            #expect(session.state == expected, "after undoing '\(undone)' the state differs from before it")
        }
        redoStates.append(now)
    }

    func redo() {
        let now = session.state
        guard let redone = session.redo() else {
            #expect(redoStates.isEmpty, "redo found nothing while the test expects a step")
            return
        }
        #expect(!redoStates.isEmpty, "redo brought back '\(redone)' that the test did not expect")
        guard let expected = redoStates.popLast() else { return }
        #expect(session.state == expected, "after redoing '\(redone)' the state differs from before the undo")
        undoStates.append(now)
    }

    func reset() {
        let before = session.state
        let message = session.reset()
        if message.hasPrefix("cannot") {
            #expect(session.state == before)
        } else {
            undoStates.append(before)
            redoStates.removeAll()
        }
    }

    /// `:save` to a file, then `:load` of it: runs the recipe's statements again in this session.
    func saveAndLoadRecipe(_ name: String) throws {
        let path = folder + "/" + name
        try session.saveRecipe(to: path)
        let recipeBefore = session.recipeText()
        let before = session.state
        _ = session.loadRecipe(from: path)
        recordSteps(addedSince: recipeBefore, before: before)
    }

    /// `:save`, then `nnscript run` of the saved recipe in a fresh session: the same weights.
    func checkReplay() throws {
        let recipe = session.recipeText()
        // A recipe that never trains is trained at its end by `run`: the REPL session has not done that.
        guard recipe.contains("train") || recipe.contains("compare") else { return }
        let path = folder + "/replay.nn"
        try session.saveRecipe(to: path)
        // `run` ends with the summary, which brings the model up to the recipe's last edits: so does the session.
        _ = session.summary()
        let replay = RandomSession.makeSession(folder: folder)
        let result = replay.run(source: try String(contentsOfFile: path, encoding: .utf8))
        #expect(result.exitCode == 0, "the saved recipe replays without error:\n\(recipe)")
        #expect(replay.weightsSHA256 == session.weightsSHA256, "the saved recipe replays to the session's weights:\n\(recipe)")
        #expect(replay.iterations == session.iterations)
    }
}

@Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
func randomSessionsUndoToEqualStatesAndReplayTheirRecipes(seed: UInt64) throws {
    let folder = try TemporaryFolder.make("state-\(seed)")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var rng = RandomStream(seed: seed, stream: "repl-session")
    let random = RandomSession(folder: folder)
    let initial = random.session.state
    for entry in ["seed \(seed)", "data sin(3*x) noise 0.05 on [-1, 1] samples 48", "layer 6 tanh"] {
        random.enter(entry)
    }
    var undos = 0
    for _ in 0..<45 {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<4: random.enter(setUpEdits.randomElement(using: &rng)!)
        case 4..<7: random.enter(structureEdits.randomElement(using: &rng)!)
        case 7..<11: random.enter(actions.randomElement(using: &rng)!)
        case 11..<15:
            random.undo()
            undos += 1
        case 15..<17: random.redo()
        case 17: random.reset()
        case 18: try random.saveAndLoadRecipe("saved-\(random.line).nn")
        default: try random.checkReplay()
        }
    }
    try random.checkReplay()
    #expect(undos > 0)
    // Everything undone, the session is new again.
    while random.session.undo() != nil {}
    #expect(random.session.state == initial)
}
