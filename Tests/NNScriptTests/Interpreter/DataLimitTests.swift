import Foundation
import NNScript
import Testing

/// Data wider than `Limits` allows — input columns, target columns, classes — is a located error when it is read
/// or made, before any network of that width is built.
@Suite struct DataLimitTests {
    static func run(table: String, recipe: String) throws -> RecipeRun {
        let folder = try TemporaryFolder.make("limits")
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        return RecipeRun(recipe, in: folder)
    }

    @Test func aTableWithTooManyInputColumnsIsRefusedAtItsName() throws {
        let columns = Limits.dataInputs + 2
        let header = (1...columns).map { "c\($0)" }.joined(separator: ",")
        let row = (1...columns).map { String($0 % 10) }.joined(separator: ",")
        let run = try Self.run(table: header + "\n" + row + "\n" + row + "\n", recipe: """
            seed 1
            data csv "t.csv"
            layer 4 tanh
            train 1
            """)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:2:10: error: the data has \(columns - 1) input columns; at most "
                                        + "\(Limits.dataInputs) are allowed"), "\(run.errors)")
        #expect(run.errors.contains("name the targets with 'target NAME, …'"))
    }

    @Test func aLabelColumnWithTooManyClassesIsRefused() throws {
        let rows = (0...Limits.classes).map { "\($0),id\($0)" }.joined(separator: "\n")
        let run = try Self.run(table: "x,name\n" + rows + "\n", recipe: """
            data csv "t.csv" target name
            train 1
            """)
        #expect(run.result.exitCode == 1)
        #expect(run.errors.contains("test.nn:1:10: error: the data has \(Limits.classes + 1) classes in its target "
                                        + "'name'; at most \(Limits.classes) are allowed"), "\(run.errors)")
        #expect(run.errors.contains("is it the right column?"))
    }

    @Test func aTableAtTheLimitsIsRead() throws {
        let rows = (0..<Limits.classes).map { "\($0),\($0 % 7),k\($0)" }.joined(separator: "\n")
        let run = try Self.run(table: "a,b,kind\n" + rows + "\n", recipe: """
            data csv "t.csv" target kind
            layer 2 tanh
            train 1
            """)
        #expect(run.result.exitCode == 0, "\(run.errors)")
    }
}
