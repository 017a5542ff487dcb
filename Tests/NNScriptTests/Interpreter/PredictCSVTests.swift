import Foundation
import NNScript
import Testing

/// `predict csv "in" "out"`: one row out per row in, with located errors for what is wrong with either file.
@Suite struct PredictCSVTests {
    static let iris = "seed 4\ndata csv \"iris-train.csv\" target species\nnormalize\nlayer 8 tanh\n"
        + "optimizer adam lr=1e-2\ntrain 100\n"

    @Test func classesGetTheLikeliestClassAndEachProbability() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = RecipeRun(Self.iris + "predict csv \"iris-test.csv\" \"out.csv\"\n", in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        let lines = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n")
        let header = "sepal_length,sepal_width,petal_length,petal_width,class,p(setosa),p(versicolor),p(virginica)"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 31)  // the header and one row per row of iris-test.csv
        let test = try String(contentsOfFile: folder + "/iris-test.csv", encoding: .utf8).split(separator: "\n")
        var right = 0
        for (out, row) in zip(lines.dropFirst(), test.dropFirst()) {
            let fields = out.split(separator: ","), given = row.split(separator: ",")
            #expect(fields.count == 8)
            #expect(fields.prefix(4).map { Double($0)! } == given.prefix(4).map { Double($0)! })
            let probabilities = fields.suffix(3).map { Double($0)! }
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
            if fields[4] == given[4] { right += 1 }
        }
        #expect(right >= 25, "\(right) of 30 right")
    }

    @Test func regressionGetsOneColumnPerTarget() throws {
        let folder = try TemporaryFolder.make("predict")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = (0..<30).map { i in "\(i),\(i % 3),\(2 * i),\(i + 1)" }.joined(separator: "\n")
        try ("size,floor,price,rooms\n" + rows + "\n").write(toFile: folder + "/house.csv", atomically: true,
                                                             encoding: .utf8)
        // Columns in another order, with an extra one: found by name.
        try "note,floor,size\nx,1,2\ny,0,5\n".write(toFile: folder + "/new.csv", atomically: true, encoding: .utf8)
        let run = RecipeRun("data csv \"house.csv\" target price, rooms\nlayer 4 tanh\ntrain 3\n"
                                + "predict csv \"new.csv\" \"out.csv\"\n", in: folder)
        #expect(run.result.exitCode == 0, "\(run.errors)")
        let lines = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first.map(String.init) == "size,floor,price,rooms")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("2.0,1.0,") && lines[2].hasPrefix("5.0,0.0,"), "\(lines)")
        #expect(lines[1].split(separator: ",").count == 4)
    }

    @Test func aMissingColumnAndABadRowAreLocated() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "sepal_length,sepal_width,petal_lenght,petal_width\n1,2,3,4\n".write(
            toFile: folder + "/missing.csv", atomically: true, encoding: .utf8)
        let missing = RecipeRun(Self.iris + "predict csv \"missing.csv\" \"out.csv\"\n", in: folder)
        #expect(missing.result.exitCode == 1)
        #expect(missing.errors.contains("test.nn:7:13: error: 'missing.csv' has no column 'petal_length'"),
                "\(missing.errors)")
        try "sepal_length,sepal_width,petal_length,petal_width\n1,2,3,4\n1,2,three,4\n".write(
            toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = RecipeRun(Self.iris + "predict csv \"bad.csv\" \"out.csv\"\n", in: folder)
        #expect(bad.result.exitCode == 1)
        #expect(bad.errors.contains("'bad.csv' line 3: field 3 'three' is not a number"), "\(bad.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"))
    }

    @Test func theOutputPathsErrorIsShownAtIt() throws {
        let folder = try ManyInputsTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = RecipeRun(Self.iris + "predict csv \"iris-test.csv\" \"../outside.csv\"\n", in: folder)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:7:29: error: cannot write '../outside.csv'"), "\(run.errors)")
    }
}
