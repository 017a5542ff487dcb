import Foundation
import NNScript
import Testing

/// The `data` forms of several inputs, outputs and classes, and the located errors of statements that disagree
/// with the data's shape.
@Suite struct CheckerDataTests {
    /// The one error of `source`: its id, its message and where it points (line:column).
    private func error(_ source: String) -> (id: DiagnosticID?, message: String, at: String) {
        let (_, diagnostics) = checkRecipe(source)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))")
        guard let first = diagnostics.first else { return (nil, "", "") }
        return (first.id, first.message, "\(first.range.start.line):\(first.range.start.column)")
    }

    @Test func twoInputsTwoRangesResolve() {
        let (checked, diagnostics) = checkRecipe("data sin(x1) * cos(x2) noise 0.05 on [-3, 3] x [-3, 3] samples 2000")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        guard case .data(let data)? = checked.first?.kind else { Issue.record("not data"); return }
        #expect(data.intervals == [Interval(low: -3, high: 3), Interval(low: -3, high: 3)])
        #expect(data.shape.inputNames == ["x1", "x2"])
        #expect(abs(data.target(0, at: [1, 2]) - sin(1.0) * cos(2.0)) < 1e-12)
    }

    @Test func xIsTheFirstInput() {
        let (checked, diagnostics) = checkRecipe("data x * x2 on [0, 1] x [0, 2]")
        #expect(diagnostics.isEmpty)
        guard case .data(let data)? = checked.first?.kind else { Issue.record("not data"); return }
        #expect(data.target(0, at: [3, 5]) == 15)
    }

    @Test func severalOutputsResolve() {
        let (checked, diagnostics) = checkRecipe("data [sin(x), cos(x)] noise 0.02 on [0, 6]")
        #expect(diagnostics.isEmpty)
        guard case .data(let data)? = checked.first?.kind else { Issue.record("not data"); return }
        #expect(data.shape.outputNames == ["y1", "y2"])
        #expect(data.shape.inputNames == ["x"])
    }

    @Test func builtInSetsResolveWithDefaults() {
        #expect(checkRecipe("data spiral classes 3 noise 0.1 samples 600").checked.first?.kind
            == .dataSet(.spiral(classes: 3), noise: 0.1, samples: 600))
        #expect(checkRecipe("data circles noise 0.05 samples 500").checked.first?.kind
            == .dataSet(.circles, noise: 0.05, samples: 500))
        #expect(checkRecipe("data xor samples 400").checked.first?.kind == .dataSet(.xor, noise: nil, samples: 400))
        #expect(checkRecipe("data blobs classes 4 samples 800").checked.first?.kind
            == .dataSet(.blobs(classes: 4), noise: nil, samples: 800))
        #expect(checkRecipe("data moons noise 0.2 samples 600").checked.first?.kind
            == .dataSet(.moons, noise: 0.2, samples: 600))
    }

    @Test func tableTargetsResolve() {
        guard case .dataCSV(let path, let targets)? = checkRecipe("data csv \"house.csv\" target price, rooms")
            .checked.first?.kind else { Issue.record("not csv"); return }
        #expect(path == "house.csv")
        #expect(targets.map(\.name) == ["price", "rooms"])
    }

    @Test func anInputBeyondTheRangesIsLocated() {
        let found = error("data sin(x1) * x3 on [0, 1] x [0, 1]")
        #expect(found.id == .shapeMismatch)
        #expect(found.message == "'x3' is not an input: this data has 2 inputs (x1, x2), one per range")
        #expect(found.at == "1:16")
        #expect(error("data x2 on [0, 1]").message.contains("this data has 1 input (x)"))
    }

    @Test func aRangeNoVariableUsesIsLocated() {
        let found = error("data sin(x1) on [0, 1] x [0, 1] x [2, 3]")
        #expect(found.id == .shapeMismatch)
        #expect(found.message == "3 input ranges, but the expression uses only up to x1")
        #expect(found.at == "1:35")
    }

    @Test func classesOnlyForSpiralAndBlobs() {
        let found = error("data moons classes 3")
        #expect(found.message == "'moons' has 2 classes; 'classes' is for spiral and blobs")
        #expect(found.at == "1:20")
    }

    @Test func crossEntropyOnNumericTargetsIsLocatedAtTheLoss() {
        let found = error("data sin(x1) on [0, 1]\nloss cross_entropy")
        #expect(found.id == .shapeMismatch)
        #expect(found.message.hasPrefix("'cross_entropy' needs class labels"))
        #expect(found.at == "2:6")
        // Either order: the data statement after the loss is the one that disagrees.
        #expect(error("loss cross_entropy\ndata sin(x) on [0, 1]").at == "2:6")
        #expect(error("data spiral\nloss mse").message.hasPrefix("'mse' compares numbers"))
        #expect(checkRecipe("data spiral\nloss cross_entropy").diagnostics.isEmpty)
    }

    @Test func metricsMustFitTheData() {
        let accuracy = error("data sin(x) on [0, 1]\nexpect accuracy > 0.9")
        #expect(accuracy.message.hasPrefix("'accuracy' is for class targets"))
        #expect(accuracy.at == "2:8")
        #expect(error("data spiral\nexpect mse < 1").message.hasPrefix("'mse' is for numeric targets"))
        let extrema = error("data x1 + x2 on [0, 1] x [0, 1]\nexpect extrema == target_extrema")
        #expect(extrema.message.hasPrefix("'extrema' is a 1-D metric; this data has 2 inputs"))
        #expect(checkRecipe("data spiral\nexpect accuracy > 0.9\nexpect loss < 1").diagnostics.isEmpty)
        #expect(checkRecipe("data x1 * x2 on [0, 1] x [0, 1]\nexpect r2 > 0.9\nexpect mse < 1").diagnostics.isEmpty)
    }

    @Test func anOutputSizeThatDisagreesWithTheClassesIsLocated() {
        let found = error("data spiral classes 3\noutput 2 linear")
        #expect(found.message == "'output 2' does not fit the data: it has 3 classes (one logit each)")
        #expect(found.at == "2:8")
        #expect(checkRecipe("data spiral classes 3\noutput 3 linear").diagnostics.isEmpty)
    }

    @Test func predictPointsMustHaveOneCoordinatePerInput() {
        #expect(checkRecipe("data spiral\npredict (0.5, 1.2), (1, -2)").checked.last?.kind
            == .predict([[0.5, 1.2], [1, -2]]))
        let found = error("data spiral\npredict (0.5, 1.2), 3")
        #expect(found.message == "this point has 1 coordinate; the data has 2 inputs")
        #expect(found.at == "2:21")
        #expect(checkRecipe("data sin(x) on [0, 1]\npredict (1 + 2) * 3").checked.last?.kind == .predict([[9]]))
    }

    @Test func gridIsForOneInput() {
        #expect(error("data x1 + x2 on [0, 1] x [0, 1] grid").message
            == "'grid' spaces the points of one input; this data has 2")
    }
}
