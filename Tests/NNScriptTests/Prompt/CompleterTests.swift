import Foundation
import NNScript
import Testing

/// A completer over a fixed pretend directory tree.
private let completer = Completer(
    userNames: UserNames(activations: ["wave"], constants: ["width"]),
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
    #expect(words("schedule cosine ") == ["min_lr=", "total=", "warmup="])
    #expect(words("init he") == ["he", "he_normal"])
    #expect(words("expect ex") == ["extrema"])
    #expect(words("expect extrema == tar") == ["target_extrema"])
    #expect(words("train 100 it") == ["iterations"])
}

@Test func expressionsOfferFunctionsAndUserConstants() {
    #expect(words("data si") == ["sigmoid", "sign", "sin", "sinh"])
    #expect(words("print wi") == ["width"])
    #expect(words("data sin(x)/2 no") == ["noise"])
    #expect(words("data c") == ["ceil", "circles", "cos", "cosh", "csv"], "the built-in sets too")
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

// MARK: - Contexts the grammar declares

@Test func sizesCountsAndPositionsOfferTheUsersConstants() {
    #expect(words("layer w") == ["width"], "a size may be a let constant")
    #expect(words("train w") == ["width"])
    #expect(words("remove ") == ["layer"])
    #expect(words("remove layer w") == ["width"])
    #expect(words("batch ") == ["full", "width"])
    #expect(words("seed p").isEmpty, "no function or built-in constant where a whole number goes")
}

@Test func userActivationsAreActivationsAndFunctions() {
    #expect(words("replace layer 1 4 w") == ["wave"])
    #expect(words("print w") == ["wave", "width"])
    #expect(completer.complete("print w").candidates.allSatisfy { $0.suffix.isEmpty }, "an operator or '(' follows")
    #expect(words("layer 8 tanh init=") == Vocabulary.initSchemes.sorted(), "no expression names for a named value")
}

@Test func anActivationBodyOffersItsOwnParameter() {
    #expect(words("activation bump(t) = t") == ["tan", "tanh", "t"].sorted())
    #expect(words("activation bump(t) = x").isEmpty, "x is data's input, not this activation's")
    #expect(words("data x") == ["x", "xor"])
}

@Test func dataClausesAreOfferedUntilGiven() {
    #expect(words("data sin(x) ") == ["grid", "noise", "on", "samples"])
    #expect(words("data sin(x) on [0, 1] noise 0.1 ") == ["grid", "samples"])
    #expect(words("holdout ") == ["csv", "on"])
    #expect(words("holdout on [0, 1] ") == ["samples"])
    #expect(words("predict ").contains("on"))
}

@Test func anUnknownNameStillGetsItsFamilysOptions() {
    let all = Set(Vocabulary.optimizers.flatMap(\.options)).map { $0 + "=" }.sorted()
    #expect(words("optimizer adamm ") == all)
    #expect(words("optimizer sgd lr=0.1 ") == ["clip=", "weight_decay="])
}

@Test func compareOffersItsKindsAlternativesAndTheirOptions() {
    #expect(words("compare ") == Vocabulary.compareKinds.sorted())
    #expect(words("compare optimizer sgd lr=0.1 | ada") == ["adagrad", "adam", "adamw"])
    #expect(words("compare optimizer adam be") == ["beta1=", "beta2="])
    #expect(words("compare loss mse | huber ") == ["delta="])
    #expect(words("compare layers tanh | w") == ["wave"])
    #expect(words("compare batch 32 | f") == ["full"])
    #expect(words("compare init he ").isEmpty, "init alternatives take no options")
}

@Test func expectComparesWithNumbersOrMetrics() {
    #expect(words("expect mse < ").contains("holdout_mse"))
    #expect(words("expect mse < ").contains("width"))
    #expect(words("plot ") == ["fit", "loss"])
    #expect(words("export ") == ["onnx", "pytorch"])
}

@Test func aContinuationLineCompletesAsPartOfItsEntry() {
    let completion = completer.complete(") on [0, 1] sa", after: "data sin(\nx")
    #expect(completion.words == ["samples"])
    #expect(completion.wordStart == 12, "the offset is into the line being edited")
    #expect(completer.complete("ta", after: "layer (8").words.isEmpty, "still the size's bracket")
    #expect(completer.complete("8) ta", after: "layer (").words == ["tanh"])
}

@Test func commandArgumentsFollowTheCommand() {
    #expect(words(":undo ").isEmpty)
    #expect(words(":q") == [":quit"], "short forms are not offered")
    #expect(words(":h") == [":help"])
    #expect(words(":load examples/") == ["examples/sin.nn"], "an unquoted path completes too")
    #expect(completer.complete(":load examples/s").wordStart == 6)
}

@Test func userNamesComeFromTheCheckersContext() {
    var checker = Checker()
    var diagnostics: [Diagnostic] = []
    let (program, _) = Parser.parse(source: "let depth = 3\nactivation bump(x) = exp(-x^2)", file: "t")
    for statement in program.statements { _ = checker.check(statement, into: &diagnostics) }
    let names = UserNames(checker.environment)
    #expect(names == UserNames(activations: ["bump"], constants: ["depth"]))
    let fromSession = Completer(userNames: names, listDirectory: { _ in nil })
    #expect(fromSession.complete("layer 8 b").words == ["bump"])
    #expect(fromSession.complete("layer d").words == ["depth"])
}


/// Completion comes from the statements' parse methods: one that declares nothing after its keyword (a plain
/// `parseIdentifier`, a `parseExpression()` without a role) completes nothing there. These take a new name, a
/// file in quotes or nothing at all; every other statement must offer something.
@Test func everyStatementDeclaresWhatFollowsItsKeyword() {
    let declaresNothing: Set = ["let", "activation", "report", "save", "load", "normalize"]
    for keyword in Vocabulary.statements where !declaresNothing.contains(keyword) {
        #expect(!words(keyword + " ").isEmpty, "'\(keyword) ' offers nothing: declare its slots in its parse method")
    }
    for keyword in declaresNothing {
        #expect(words(keyword + " ").isEmpty, "'\(keyword) '")
    }
}

@Test func sweepAxesTheirValuesAndStatistics() {
    #expect(words("sweep s") == ["samples", "schedule", "seed"])
    #expect(words("sweep layer 1 ") == ["activation", "size"])
    #expect(words("sweep layer 2 activation ta") == ["tanh"])
    #expect(words("sweep optimizer ad").contains("adam"))
    #expect(words("sweep optimizer adam l") == ["lr="])
    #expect(words("sweep seed 1 ") == ["to"])
    #expect(words("expect med") == ["median"])
    #expect(words("expect median ms") == ["mse"])
}

// MARK: - Columns of a table

/// A completer whose pretend files have headers: `iris.csv` the iris columns, `plain.csv` none (numbers only).
private let tableCompleter = Completer(
    userNames: UserNames(columns: ["rooms", "price"]),
    listDirectory: { _ in nil },
    readHeader: { path in
        path == "iris.csv" ? ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"] : nil
    }
)

@Test func targetCompletesTheColumnsOfTheFileNamed() {
    let words = { (line: String) in tableCompleter.complete(line).words }
    #expect(words("data csv \"iris.csv\" target sp") == ["species"])
    #expect(words("data csv \"iris.csv\" target petal_length, petal_w") == ["petal_width"])
    #expect(words("data csv \"iris.csv\" target s") == ["sepal_length", "sepal_width", "species"])
    // The session's own data's columns are offered too (a table read before), and nothing else is.
    #expect(words("data csv \"house.csv\" target ") == ["price", "rooms"])
    #expect(words("data csv \"iris.csv\" target ").contains("rooms"))
    #expect(!words("data csv \"iris.csv\" target ").contains("tanh"))
}

@Test func aCSVHeaderIsReadFromTheFileAsTheTableReaderReadsIt() throws {
    let folder = NSTemporaryDirectory() + "nnscript-header-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "\u{FEFF}\"sepal length\",width,species\r\n5.1,3.5,setosa\r\n".write(
        toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
    try "1,2\n3,4\n".write(toFile: folder + "/n.csv", atomically: true, encoding: .utf8)
    #expect(DirectoryEntry.csvHeader(folder + "/t.csv") == ["sepal length", "width", "species"])
    #expect(DirectoryEntry.csvHeader(folder + "/n.csv") == nil)
    #expect(DirectoryEntry.csvHeader(folder + "/missing.csv") == nil)
}

@Test func featuresCompleteTheDatasInputs() {
    let table = Completer(userNames: UserNames(constants: ["w"], columns: ["rooms", "area", "price"],
                                               inputs: ["rooms", "area"]),
                          listDirectory: { _ in nil })
    let words = { (line: String) in table.complete(line).words }
    #expect(words("features ro") == ["rooms"])
    #expect(words("features rooms, a") == ["abs", "acos", "area", "asin", "atan"])
    #expect(words("features rooms * sin(ar") == ["area"])
    #expect(words("features w") == ["w"])
    // The targets are not inputs, and `x` is offered only before the data's inputs are known.
    #expect(!words("features ").contains("price") && !words("features ").contains("x"))
    let noData = Completer(listDirectory: { _ in nil })
    #expect(noData.complete("features x").words == ["x"])
}
