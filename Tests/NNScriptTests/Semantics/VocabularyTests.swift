import Foundation
import NNScript
import Testing

@Suite struct VocabularyTests {
    @Test func namesFromTheLanguageSketchAreAllKnown() {
        #expect(Vocabulary.activations.map(\.name) == [
            "linear", "tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu", "softplus", "sin", "swish",
        ])
        #expect(Vocabulary.activations.filter { $0.parameters == 1 }.map(\.name) == ["leaky_relu", "elu", "sin"])
        #expect(Vocabulary.optimizers.map(\.name) == ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"])
        #expect(Vocabulary.losses.map(\.name) == ["mse", "sse", "l1", "huber", "cross_entropy"])
        #expect(Vocabulary.schedules.map(\.name) == ["constant", "step", "exponential", "cosine"])
        #expect(Vocabulary.initSchemes == ["default", "randn", "xavier", "xavier_normal", "he", "he_normal", "lecun", "siren"])
        #expect(Vocabulary.metrics == ["loss", "mse", "max_error", "extrema", "target_extrema", "holdout_mse", "parameters",
                                      "accuracy", "r2", "holdout_loss", "holdout_r2", "holdout_accuracy"])
        #expect(Vocabulary.metaCommands == ["help", "show", "list", "undo", "redo", "reset", "save", "load", "quit"])
        #expect(Vocabulary.functions.filter { $0.arity == 2 }.map(\.name) == ["min", "max", "pow"])
        #expect(Vocabulary.functions.count == 23)
        #expect(Vocabulary.constants == ["e", "pi"])
    }

    @Test func completionWordsAreSortedAndUnique() {
        let words = Vocabulary.allWords
        #expect(words == Array(Set(words)).sorted())
        #expect(words.contains("leaky_relu") && words.contains("weight_decay") && words.contains("warmup"))
    }
}

@Suite struct ExprEvaluatorTests {
    private func value(_ source: String, x: Double = .nan, environment: ExprEnvironment = ExprEnvironment()) -> Double {
        guard case .print(let e)? = Parser.parse(source: "print " + source, file: "t").0.statements.first?.kind
        else { return .nan }
        return ExprEvaluator.evaluate(e, x: x, environment: environment)
    }

    @Test func arithmeticAndFunctions() {
        #expect(value("-2^2") == -4)
        #expect(value("2^3^2") == 512)
        #expect(value("sin(x)/2.5", x: 1) == sin(1) / 2.5)
        #expect(value("max(1, 2) + min(1, 2) + pow(2, 10)") == 1027)
        #expect(value("sign(-3) + abs(-2) + floor(1.5) + ceil(1.5) + relu(-1) + sigmoid(0)") == 4.5)
        #expect(value("log(e) + log2(8) + log10(1000)") == 7)
    }

    @Test func customFunctionsAndConstants() {
        let (program, _) = Parser.parse(source: "print exp(-t^2)", file: "t")
        guard case .print(let body)? = program.statements.first?.kind else { return }
        let environment = ExprEnvironment(constants: ["w": 3], functions: ["bump": CustomFunction(parameter: "t", body: body)])
        #expect(value("bump(0) * w", environment: environment) == 3)
        #expect(value("unknown + 1").isNaN)
    }
}
