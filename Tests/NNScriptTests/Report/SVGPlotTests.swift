import Foundation
import NNScript
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG with XMLParser and records what the tests look for: element counts, ids, and the children of
/// each id'd group.
struct SVGInventory {
    let elementCounts: [String: Int]
    let ids: Set<String>
    let childCounts: [String: Int]
    /// The attributes of each child of an id'd element, in document order.
    let children: [String: [[String: String]]]
    let texts: [String]
    let parsed: Bool

    init(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        parsed = parser.parse()
        elementCounts = delegate.elementCounts
        ids = delegate.ids
        childCounts = delegate.childCounts
        children = delegate.children
        texts = delegate.texts
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var elementCounts: [String: Int] = [:]
        var ids: Set<String> = []
        var childCounts: [String: Int] = [:]
        var children: [String: [[String: String]]] = [:]
        var texts: [String] = []
        private var stack: [String?] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elementCounts[name, default: 0] += 1
            if let parent = stack.last, let parent {
                childCounts[parent, default: 0] += 1
                children[parent, default: []].append(attributes)
            }
            if let id = attributes["id"] { ids.insert(id) }
            stack.append(attributes["id"])
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(text) }
            stack.removeLast()
        }
    }
}

@Suite struct SVGPlotTests {
    @Test func fitPlotParsesAndHoldsItsSeries() throws {
        let svg = SVGPlot.fit(ReportFixtures.fitPlotData)
        let inventory = SVGInventory(svg)
        #expect(inventory.parsed)
        for id in ["title", "data", "target", "fit", "fit-extrema", "target-extrema", "legend", "axes"] {
            #expect(inventory.ids.contains(id), "missing \(id)")
        }
        #expect(inventory.childCounts["data"] == ReportFixtures.points.x.count)
        let metrics = try FitMetrics.compute(
            grid: ReportFixtures.grid, prediction: ReportFixtures.wigglyFit, truth: ReportFixtures.target)
        #expect(inventory.childCounts["fit-extrema"] == metrics.fitExtremaCount)
        #expect(inventory.childCounts["target-extrema"] == 3)
        #expect(inventory.texts.contains("examples/seed-original.nn"))
        #expect(inventory.texts.contains("fit extrema (\(metrics.fitExtremaCount))"))
        // Axis tick labels for x in [-1, 9].
        for label in ["0", "2", "4", "6", "8"] { #expect(inventory.texts.contains(label)) }
    }

    @Test func textIsEscaped() {
        let data = FitPlotData(
            title: "a<b & \"c\" 'd' \u{07}", grid: [0, 1, 2], target: nil,
            fits: [NamedSeries(name: "x < 1 & y > 2", values: [0, 1, 0])])
        let inventory = SVGInventory(SVGPlot.fit(data))
        #expect(inventory.parsed)
        #expect(inventory.texts.contains("a<b & \"c\" 'd' "))
        #expect(inventory.texts.contains("x < 1 & y > 2"))
    }

    @Test func overlayHoldsEveryFit() {
        let data = FitPlotData(
            title: "compare", grid: ReportFixtures.grid, target: ReportFixtures.target,
            fits: [
                NamedSeries(name: "sgd lr=0.1", values: ReportFixtures.wigglyFit),
                NamedSeries(name: "adam lr=0.01", values: ReportFixtures.goodFit),
            ])
        let inventory = SVGInventory(SVGPlot.fit(data))
        #expect(inventory.parsed)
        #expect(inventory.ids.isSuperset(of: ["fit-1", "fit-2", "target", "target-extrema"]))
        #expect(!inventory.ids.contains("fit-extrema"))  // per-fit extrema would clutter an overlay
        #expect(inventory.texts.contains("sgd lr=0.1") && inventory.texts.contains("adam lr=0.01"))
    }

    @Test func lossPlotsParseOnALogAxis() {
        let single = SVGInventory(SVGPlot.loss(title: "sin.nn", losses: ReportFixtures.losses))
        #expect(single.parsed)
        #expect(single.ids.contains("loss"))
        #expect(single.texts.contains("1e-3") && single.texts.contains("1e-1"))
        #expect(single.texts.contains("loss (log scale)"))

        let overlay = SVGInventory(SVGPlot.loss(title: "compare", series: [
            NamedSeries(name: "sgd", values: ReportFixtures.losses.map { $0 * 3 }),
            NamedSeries(name: "adam", values: ReportFixtures.losses),
            NamedSeries(name: "broken", values: [1, 0, -1, .nan, .infinity]),
        ]))
        #expect(overlay.parsed)
        #expect(overlay.ids.isSuperset(of: ["loss-1", "loss-2", "loss-3"]))
    }

    @Test func manyPointsAreThinned() {
        let xs = (0..<10_000).map { Double($0) / 10_000 }
        let data = FitPlotData(title: "t", grid: [0, 1], target: nil, fit: [0, 1], pointsX: xs, pointsY: xs)
        let inventory = SVGInventory(SVGPlot.fit(data))
        #expect(inventory.parsed)
        #expect((inventory.childCounts["data"] ?? 0) <= SVGPlot.maxPoints)
        #expect((inventory.childCounts["data"] ?? 0) >= SVGPlot.maxPoints / 2)
    }

    @Test func emptyInputsStillGiveValidSVG() {
        #expect(SVGInventory(SVGPlot.fit(FitPlotData(title: "", grid: [], target: nil, fits: []))).parsed)
        #expect(SVGInventory(SVGPlot.loss(title: "", series: [])).parsed)
    }
}
