import Foundation
import Testing

/// The data files the examples read are what their README says they are.
@Suite struct ExampleDataTests {
    @Test func irisIsFishersHundredAndFiftyFlowers() throws {
        let lines = RepositoryFiles.text("examples/data/iris.csv").split(separator: "\n").map(String.init)
        #expect(lines.first == "sepal_length,sepal_width,petal_length,petal_width,species")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 150)
        #expect(rows.allSatisfy { $0.count == 5 })
        var species: [String: Int] = [:]
        for row in rows { species[row[4], default: 0] += 1 }
        #expect(species == ["setosa": 50, "versicolor": 50, "virginica": 50])
        // The column means of the data set's documented summary (sepal length 5.84, width 3.05; petal 3.76, 1.20).
        let columns = (0..<4).map { column in rows.compactMap { Double($0[column]) } }
        #expect(columns.allSatisfy { $0.count == 150 })
        let means = columns.map { $0.reduce(0, +) / 150 }
        for (mean, documented) in zip(means, [5.84, 3.05, 3.76, 1.20]) { #expect(abs(mean - documented) < 0.01) }
    }
}
