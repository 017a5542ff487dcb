import Foundation
import NNScript
import Testing

/// `holdout csv` and `holdout on` for several inputs: rows never trained on, judged by their own metrics.
@Suite struct HoldoutTests {
    static let iris = """
        seed 4
        data csv "iris-train.csv" target species
        holdout csv "iris-test.csv"
        normalize
        layer 8 tanh
        optimizer adam lr=1e-2

        """

    @Test func aTableHoldoutIsReportedAndExpected() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = RecipeRun(Self.iris + "train 200\nreport\nexpect holdout_accuracy > 0.8\nexpect holdout_loss < 1\n",
                            in: folder, quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("holdout 30 rows · loss "), "\(run.output)")
        #expect(run.result.expectationsPassed == 2)
        let summary = try #require(run.result.summary)
        #expect(summary.holdoutAccuracy.map { $0 > 0.8 && $0 <= 1 } == true)
        #expect(summary.holdoutLoss.map { $0 > 0 } == true)
        #expect(summary.holdoutMSE == nil && summary.holdoutR2 == nil)
        #expect(summary.json.contains("\"holdout_accuracy\""))
        // The training rows alone: the holdout is not trained on (the same weights without it).
        let without = RecipeRun(Self.iris.replacingOccurrences(of: "holdout csv \"iris-test.csv\"\n", with: "")
                                    + "train 200\n", in: folder)
        #expect(without.hash == run.hash)
    }

    @Test func aHoldoutWithOtherColumnsIsRefusedNamingThem() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "sepal_length,sepal_width,petal_len,petal_width,species\n1,2,3,4,setosa\n1,2,3,4,virginica\n"
            .write(toFile: folder + "/other.csv", atomically: true, encoding: .utf8)
        let recipe = Self.iris.replacingOccurrences(of: "iris-test.csv", with: "other.csv") + "train 2\nreport\n"
        let run = RecipeRun(recipe, in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:3:13: error: 'other.csv' does not have the training table's columns: "
                                    + "it lacks 'petal_length'; it has 'petal_len'"), "\(run.errors)")
    }

    @Test func aHoldoutClassTheTrainingTableLacksNamesItsLine() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "sepal_length,sepal_width,petal_length,petal_width,species\n1,2,3,4,setosa\n1,2,3,4,daisy\n"
            .write(toFile: folder + "/other.csv", atomically: true, encoding: .utf8)
        let recipe = Self.iris.replacingOccurrences(of: "iris-test.csv", with: "other.csv") + "train 2\nreport\n"
        let run = RecipeRun(recipe, in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("'other.csv' line 3: the class 'daisy' is not one of the training table's"),
                "\(run.errors)")
    }

    @Test func holdoutOnWorksForSeveralInputs() throws {
        let recipe = """
            seed 2
            data sin(x1) * cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 300
            holdout on [-3, 3] x [-3, 3] samples 200
            layer 16 tanh
            optimizer adam lr=1e-2
            train 200
            report
            expect holdout_r2 > 0.2
            expect holdout_mse < 0.5

            """
        let run = RecipeRun(recipe, in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.result.expectationsPassed == 2, "\(run.output)")
        #expect(run.output.contains("holdout 200 rows"), "\(run.output)")
        let summary = try #require(run.result.summary)
        #expect(summary.holdoutR2 != nil && summary.holdoutMSE != nil && summary.holdoutAccuracy == nil)
    }

    @Test func holdoutRangesMustMatchTheInputs() throws {
        let run = RecipeRun("data sin(x1) * x2 on [0, 1] x [0, 1]\nholdout on [0, 2]\ntrain 2\n",
                            in: NSTemporaryDirectory())
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:2:12: error: 'holdout on' takes one range per input; this data has 2 "
                                    + "inputs"), "\(run.errors)")
        let classes = RecipeRun("data spiral\nholdout on [0, 1] x [0, 1]\ntrain 2\n", in: NSTemporaryDirectory())
        #expect(classes.result.exitCode == 1)
        #expect(classes.errors.contains("a built-in set's classes are not a function of ranges"), "\(classes.errors)")
    }

    @Test func theHoldoutMetricsNeedAHoldoutAndTheirKindOfTarget() throws {
        let none = RecipeRun("data spiral samples 100\nlayer 4 tanh\ntrain 2\nexpect holdout_accuracy > 0\n",
                             in: NSTemporaryDirectory())
        #expect(none.result.exitCode == 1)
        #expect(none.errors.contains("'holdout_accuracy' has no value here"), "\(none.errors)")
        let wrongKind = RecipeRun("data spiral samples 100\nexpect holdout_r2 > 0\n", in: NSTemporaryDirectory())
        #expect(wrongKind.result.exitCode == 1)
        #expect(wrongKind.errors.contains("'holdout_r2' is for numeric targets"), "\(wrongKind.errors)")
    }

    @Test func theOneInputHoldoutKeepsItsGridAndMSE() throws {
        let recipe = "seed 1\ndata sin(x) on [0, 6] samples 100\nholdout on [6, 7] samples 50\nlayer 8 tanh\n"
            + "train 50\nreport\n"
        let run = RecipeRun(recipe, in: NSTemporaryDirectory(), quiet: false)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        #expect(run.output.contains("holdout mse "), "\(run.output)")
        let summary = try #require(run.result.summary)
        #expect(summary.holdoutMSE.map { $0 > 0 && $0.isFinite } == true)
        #expect(summary.holdoutR2 != nil)
    }
}
