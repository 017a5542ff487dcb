import Testing
import nnscript

/// A completer over a fixed pretend directory tree.
private let completer = Completer(
    userNames: REPLUserNames(activations: ["wave"], constants: ["width"]),
    listDirectory: { directory in
        switch directory {
        case "": [
            DirectoryEntry(name: "examples", isDirectory: true), DirectoryEntry(name: "sin.nn", isDirectory: false),
            DirectoryEntry(name: "sin.csv", isDirectory: false), DirectoryEntry(name: ".hidden", isDirectory: false),
        ]
        case "examples/": [DirectoryEntry(name: "sin.nn", isDirectory: false)]
        default: nil
        }
    }
)

private func words(_ line: String) -> [String] { completer.complete(line).words }

@Test func statementKeywordsAtLineStartAndAfterSemicolon() {
    #expect(words("la") == ["layer"])
    #expect(words("seed 7; lo") == ["load", "loss"])
    #expect(words("").contains("optimizer"))
    #expect(completer.complete("la").candidates == [CompletionCandidate("layer", suffix: " ")])
}

@Test func activationsAfterLayerSizeAndOutput() {
    #expect(words("layer 64 ta") == ["tanh"])
    #expect(words("layer 64 w") == ["wave"], "user-defined activations are offered")
    #expect(words("output s").contains("sigmoid"))
    #expect(words("output 1 li") == ["linear"])
    #expect(words("insert layer 2 32 re") == ["relu"])
    #expect(words("layer ta").isEmpty, "a size comes first")
}

@Test func layerOptionsAndTheirValues() {
    #expect(words("layer 8 tanh ") == ["bias=", "init="])
    #expect(words("layer 8 tanh init=x") == ["xavier", "xavier_normal"])
    #expect(words("layer 8 tanh init=he bias=") == ["false", "true"])
    #expect(words("layer 8 tanh init=he ") == ["bias="], "options already given are not offered again")
}

@Test func optimizersAndTheirOptions() {
    #expect(words("optimizer ad") == ["adagrad", "adam", "adamw"])
    #expect(words("optimizer adam lr=1e-3 be") == ["beta1=", "beta2="])
    #expect(completer.complete("optimizer adam l").candidates == [CompletionCandidate("lr=", suffix: "")])
}

@Test func lossesSchedulesInitsAndMetrics() {
    #expect(words("loss h") == ["huber"])
    #expect(words("loss huber ") == ["delta="])
    #expect(words("schedule c") == ["constant", "cosine"])
    #expect(words("schedule cosine ") == ["min_lr=", "warmup="])
    #expect(words("init he") == ["he", "he_normal"])
    #expect(words("expect ex") == ["extrema"])
    #expect(words("expect extrema == tar") == ["target_extrema"])
    #expect(words("train 100 it") == ["iterations"])
}

@Test func expressionsOfferFunctionsAndUserConstants() {
    #expect(words("data si") == ["sigmoid", "sign", "sin", "sinh"])
    #expect(words("print wi") == ["width"])
    #expect(words("data sin(x)/2 no") == ["noise"])
    #expect(words("data c") == ["ceil", "cos", "cosh", "csv"])
}

@Test func metaCommandsAndTheirArguments() {
    #expect(words(":s") == [":save", ":show"])
    #expect(words(":help :u") == [":undo"])
    #expect(words(":help opt") == ["optimizer"])
    #expect(words(":load s") == ["sin.csv", "sin.nn"])
    #expect(words("layer 2 tanh; :s").isEmpty, "a : command only starts a line")
}

@Test func fileNamesInsideQuotes() {
    let completion = completer.complete("plot fit \"ex")
    #expect(completion.wordStart == 10)
    #expect(completion.candidates == [CompletionCandidate("examples/", suffix: "")])
    let file = completer.complete(":save \"examples/s").candidates
    #expect(file == [CompletionCandidate("examples/sin.nn", suffix: "\"")])
    #expect(words("data csv \"") == ["examples/", "sin.csv", "sin.nn"], "hidden files only when asked for")
    #expect(words("data csv \".h") == [".hidden"])
    #expect(words("load \"nowhere/").isEmpty)
}

@Test func cursorInTheMiddleCompletesTheWordBeforeIt() {
    let line = "layer 8 ta; train 5"
    let completion = completer.complete(line, cursor: 10)
    #expect(completion.words == ["tanh"])
    #expect(completion.wordStart == 8)
}

@Test func nothingInCommentsOrAfterClosedStrings() {
    #expect(words("layer 8 tanh # la").isEmpty)
    #expect(words("unknownword ").isEmpty)
}

@Test func wordStartCountsUTF8Bytes() {
    let completion = completer.complete("print \"é\"; la")
    #expect(completion.wordStart == 12)
    #expect(completion.words == ["layer"])
}
