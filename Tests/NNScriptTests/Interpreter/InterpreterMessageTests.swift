import Foundation
import NNScript
import Testing

// What the interpreter says after a structure edit and when the implicit training diverges: each names what is
// there and advises what is not.

@Suite(.serialized) struct InterpreterMessageTests {
    @Test func aStructureEditNamesTheLayersThatKeptTheirWeights() {
        Runtime.threadCount = 1
        let base = "seed 1\ndata sin(x) on [-1, 1] samples 32\nlayer 4 tanh\ntrain 5\n"
        let inserted = runRecipe(base + "insert layer 1 8 sin\ntrain 5")
        #expect(inserted.result.exitCode == 0)
        #expect(inserted.output.contains("re-initialised layers 1, 2; the output kept its weights"),
                "\(inserted.output)")
        let added = runRecipe(base + "layer 3 tanh\nlayer 5 relu\ntrain 5")
        #expect(added.output.contains("re-initialised layers 2, 3, output; layer 1 kept its weights"),
                "\(added.output)")
        let wider = runRecipe("seed 1\ndata sin(x) on [-1, 1] samples 32\nlayer 4 tanh\nlayer 3 tanh\nlayer 2 tanh\n"
            + "train 5\nreplace layer 2 6 tanh\ntrain 5")
        #expect(wider.output.contains("re-initialised layers 2, 3; layer 1 and the output kept their weights"),
                "\(wider.output)")
    }

    @Test func anImplicitTrainingThatDivergesPointsAtTheOptimizerAndAdvisesWhatIsMissing() {
        Runtime.threadCount = 1
        let data = "seed 1\ndata sin(x) on [-1, 1] samples 32\nlayer 4 relu\n"
        let adam = runRecipe(data + "optimizer adam lr=1e30\nreport", file: "adam.nn")
        #expect(adam.result.exitCode == 1)
        #expect(adam.errors.contains("adam.nn:4:1"), "at the optimizer line: \(adam.errors)")
        #expect(!adam.errors.contains("adam.nn:1:1"))
        #expect(!adam.errors.contains("'optimizer adam'"), "adam is in use: \(adam.errors)")
        #expect(adam.errors.contains("clip=1"))

        let sgd = runRecipe(data + "optimizer sgd lr=1e30\nreport", file: "sgd.nn")
        #expect(sgd.result.exitCode == 1)
        #expect(sgd.errors.contains("sgd.nn:4:1"), "\(sgd.errors)")
        #expect(sgd.errors.contains("'optimizer adam'"))
    }
}
