import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SlotTraining
import SlotModel

/// The elements of an SVG document, read with a real XML parser.
final class SVGElements: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    /// The attributes and content of every `text` element.
    var textElements: [(attributes: [String: String], content: String)] = []
    private var currentText = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        currentText = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" { texts.append(currentText) }
        if name == "text", let attributes = elements.last(where: { $0.name == "text" })?.attributes {
            textElements.append((attributes, currentText))
        }
        currentText = ""
    }

    /// Parses `svg`, failing the test when it is not well-formed XML.
    static func parse(_ svg: String) throws -> SVGElements {
        let elements = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = elements
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(String(describing: parser.parserError))")
        try #require(parsed)
        return elements
    }

    func named(_ name: String) -> [[String: String]] {
        elements.filter { $0.name == name }.map(\.attributes)
    }

    /// Every x and y coordinate of lines, circles, rectangles, texts and polyline points.
    var coordinates: [(x: Double, y: Double)] {
        var result: [(x: Double, y: Double)] = []
        for (name, attributes) in elements {
            func value(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
            switch name {
            case "line":
                result += [(value("x1") ?? .nan, value("y1") ?? .nan), (value("x2") ?? .nan, value("y2") ?? .nan)]
            case "circle":
                result.append((value("cx") ?? .nan, value("cy") ?? .nan))
            case "rect", "text":
                result.append((value("x") ?? .nan, value("y") ?? .nan))
            case "polyline":
                for pair in (attributes["points"] ?? "").split(separator: " ") {
                    let xy = pair.split(separator: ",").compactMap { Double($0) }
                    result.append(xy.count == 2 ? (xy[0], xy[1]) : (.nan, .nan))
                }
            default:
                break
            }
        }
        return result
    }
}

@Suite("Training plot SVG")
struct TrainingPlotTests {
    func curve(epochs: Int, intents: Bool = false) -> [EpochRecord] {
        (1...epochs).map { epoch in
            let e = Double(epoch)
            return EpochRecord(epoch: epoch, trainLoss: 40 / e + 0.5, devF1: 95 - 60 / (e + 1),
                              devIntentAccuracy: intents ? 97 - 30 / (e + 1) : nil)
        }
    }

    func expectInsideViewBox(_ svg: SVGElements) throws {
        let root = try #require(svg.named("svg").first)
        #expect(root["viewBox"] == "0 0 720.0 560.0")
        for point in svg.coordinates {
            #expect((0...TrainingPlot.width).contains(point.x) && (0...TrainingPlot.height).contains(point.y),
                    "coordinate \(point) outside the view box")
        }
    }

    /// Checks that the loss polyline lies in the upper panel and the others in the lower one.
    func expectInsidePanels(_ svg: SVGElements) {
        for (index, polyline) in svg.named("polyline").enumerated() {
            let ys = (polyline["points"] ?? "").split(separator: " ").compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
            let panel: ClosedRange<Double> = index == 0 ? 100...285 : 325...505
            #expect(ys.allSatisfy { panel.contains($0) }, "polyline \(index) leaves its panel: \(ys)")
        }
    }

    @Test("Many epochs: one polyline per series, a point per epoch, all inside the view box")
    func manyEpochs() throws {
        let text = TrainingPlot.svg(curve(epochs: 30), title: "ATIS <BiLSTM-CRF> & friends")
        #expect(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(text.hasSuffix("</svg>\n"))
        let svg = try SVGElements.parse(text)
        #expect(svg.named("polyline").count == 2)
        expectInsidePanels(svg)
        let lossPoints = svg.named("polyline")[0]["points"]?.split(separator: " ").count
        #expect(lossPoints == 30)
        #expect(svg.named("circle").filter { $0["class"] == nil }.count == 60)
        #expect(svg.named("circle").filter { $0["class"] == "best" }.count == 1)
        let bestLine = try #require(svg.named("line").first { $0["class"] == "best" })
        let lastPoint = try #require(svg.named("polyline")[1]["points"]?.split(separator: " ").last)
        #expect(bestLine["x1"].map { "\($0)," } == lastPoint.split(separator: ",").first.map { "\($0)," })
        #expect(svg.texts.contains("ATIS <BiLSTM-CRF> & friends"))
        #expect(svg.texts.contains("training loss (last 1.833)"))
        #expect(svg.texts.contains("dev F1 (best 93.06 at epoch 30)"))
        #expect(svg.texts.contains("epoch") && svg.texts.contains("dev score (%)"))
        #expect(svg.texts.contains("30"))
        try expectInsideViewBox(svg)
    }

    @Test("Loss falls and F1 rises on screen: y grows downwards")
    func direction() throws {
        let svg = try SVGElements.parse(TrainingPlot.svg(curve(epochs: 5)))
        let lines = svg.named("polyline").map { attributes in
            (attributes["points"] ?? "").split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        }
        let loss = lines[0].map { $0[1] }
        let f1 = lines[1].map { $0[1] }
        #expect(loss == loss.sorted())
        #expect(f1 == f1.sorted(by: >))
        #expect(lines[0].map { $0[0] } == lines[1].map { $0[0] })
        #expect(lines[0].map { $0[0] } == lines[0].map { $0[0] }.sorted())
    }

    @Test("One epoch: points but no polylines, inside the view box")
    func oneEpoch() throws {
        let svg = try SVGElements.parse(TrainingPlot.svg([EpochRecord(epoch: 1, trainLoss: 12.5, devF1: 71.3)]))
        #expect(svg.named("polyline").isEmpty)
        #expect(svg.named("circle").filter { $0["class"] == nil }.count == 2)
        #expect(svg.texts.contains("dev F1 (best 71.30 at epoch 1)"))
        #expect(svg.texts.contains("training loss (last 12.50)"))
        try expectInsideViewBox(svg)
    }

    @Test("Not-a-number and infinite losses are skipped")
    func nonFiniteLoss() throws {
        var points = curve(epochs: 6)
        points[2].trainLoss = .nan
        points[4].trainLoss = .infinity
        points[5].devF1 = -.infinity
        let text = TrainingPlot.svg(points)
        #expect(!text.contains("nan") && !text.contains("inf"))
        let svg = try SVGElements.parse(text)
        #expect(svg.named("polyline").map { $0["points"]?.split(separator: " ").count } == [4, 5])
        try expectInsideViewBox(svg)
        let allNaN = TrainingPlot.svg([EpochRecord(epoch: 1, trainLoss: .nan, devF1: .nan),
                                       EpochRecord(epoch: 2, trainLoss: .nan, devF1: .nan)])
        let empty = try SVGElements.parse(allNaN)
        #expect(empty.named("polyline").isEmpty && empty.named("circle").isEmpty)
        #expect(empty.texts.contains("training loss (no finite values)"))
        try expectInsideViewBox(empty)
    }

    @Test("Constant values get a padded axis, not a division by zero")
    func constantValues() throws {
        let points = (1...4).map { EpochRecord(epoch: $0, trainLoss: 0, devF1: 100) }
        let text = TrainingPlot.svg(points)
        #expect(!text.contains("nan") && !text.contains("inf"))
        let svg = try SVGElements.parse(text)
        #expect(svg.named("polyline").count == 2)
        try expectInsideViewBox(svg)
        expectInsidePanels(svg)
        // The constant series is a flat line.
        let ys = Set((svg.named("polyline")[0]["points"] ?? "").split(separator: " ").map { $0.split(separator: ",")[1] })
        #expect(ys.count == 1)
    }

    @Test("Intent accuracy adds a dashed series and a legend row")
    func intents() throws {
        let svg = try SVGElements.parse(TrainingPlot.svg(curve(epochs: 8, intents: true)))
        #expect(svg.named("polyline").count == 3)
        #expect(svg.named("polyline")[2]["stroke-dasharray"] == "6 3")
        expectInsidePanels(svg)
        #expect(svg.texts.contains("dev intent accuracy (best 93.67 at epoch 8)"))
        try expectInsideViewBox(svg)
    }

    @Test("Epochs given out of order are drawn in order; no epochs draws empty panels")
    func orderAndEmpty() throws {
        let shuffled = Array(curve(epochs: 4).reversed())
        #expect(TrainingPlot.svg(shuffled) == TrainingPlot.svg(curve(epochs: 4)))
        let svg = try SVGElements.parse(TrainingPlot.svg([]))
        #expect(svg.named("polyline").isEmpty)
        #expect(svg.texts.contains("no epochs recorded"))
        try expectInsideViewBox(svg)
    }

    @Test("Many epochs get whole-number epoch ticks at a readable spacing", arguments: [1, 2, 7, 12, 200])
    func epochTicks(epochs: Int) throws {
        let svg = try SVGElements.parse(TrainingPlot.svg(curve(epochs: epochs)))
        // Epoch tick labels sit just under the lower panel.
        let labels = svg.textElements.filter { $0.attributes["y"] == "521.0" }.compactMap { Int($0.content) }
        #expect(labels.count >= 2 && labels.count <= 12, "epoch tick labels: \(labels)")
        #expect(labels.contains { $0 <= 1 } && labels.contains { $0 >= epochs })
        try expectInsideViewBox(svg)
    }
}
