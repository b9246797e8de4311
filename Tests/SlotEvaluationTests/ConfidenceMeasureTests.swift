import Testing
@testable import SlotEvaluation

@Suite("Reliability, ECE and out-of-domain separation against hand counts")
struct ConfidenceMeasureTests {
    @Test("ECE of a hand-counted case: two bins, weighted gaps")
    func expectedCalibrationError() {
        // Bin 0.9–1.0: 0.95, 0.95, 0.95, 0.95 with 3 right → gap |0.75 − 0.95| = 0.2, weight 4/6.
        // Bin 0.2–0.3: 0.25, 0.25 with 1 right → gap |0.5 − 0.25| = 0.25, weight 2/6.
        let reliability = Reliability(
            confidences: [0.95, 0.95, 0.95, 0.95, 0.25, 0.25], correct: [true, true, true, false, true, false])
        #expect(reliability.bins.count == 10)
        #expect(reliability.bins[9].count == 4)
        #expect(abs(reliability.bins[9].accuracy - 0.75) < 1e-12)
        #expect(reliability.bins[2].count == 2)
        #expect(reliability.bins.enumerated().allSatisfy { [2, 9].contains($0.offset) || $0.element.count == 0 })
        #expect(abs(reliability.expectedCalibrationError - 100 * (4.0 / 6 * 0.2 + 2.0 / 6 * 0.25)) < 1e-9)
        #expect(abs(reliability.accuracy - 4.0 / 6) < 1e-12)
    }

    @Test("A confidence of exactly 1 falls in the last bin, 0 in the first; perfect calibration has ECE 0")
    func edges() {
        let reliability = Reliability(confidences: [1, 0, 1, 0], correct: [true, false, true, false])
        #expect(reliability.bins[9].count == 2)
        #expect(reliability.bins[0].count == 2)
        #expect(reliability.expectedCalibrationError == 0)
        #expect(Reliability(confidences: [], correct: []).expectedCalibrationError == 0)
    }

    @Test("AUROC counts pairs: ties count one half; perfect separation is 1, reversed 0")
    func areaUnderROC() {
        // Pairs (in, out): 0.9>0.5, 0.9>0.3, 0.5=0.5 (½), 0.5>0.3, 0.2<0.5, 0.2<0.3 → (1+1+0.5+1)/6.
        let separation = OutOfDomainSeparation(inDomain: [0.9, 0.5, 0.2], outOfDomain: [0.5, 0.3], threshold: 0.4)
        #expect(abs(separation.areaUnderROC - 3.5 / 6) < 1e-12)
        #expect(abs(separation.inDomainFallbackRate - 100.0 / 3) < 1e-9)
        #expect(separation.outOfDomainFallbackRate == 50)
        #expect(OutOfDomainSeparation(inDomain: [0.8, 0.9], outOfDomain: [0.1], threshold: 0.5).areaUnderROC == 1)
        #expect(OutOfDomainSeparation(inDomain: [0.1], outOfDomain: [0.8, 0.9], threshold: 0.5).areaUnderROC == 0)
    }

    @Test("The best threshold separates separable scores completely")
    func bestThreshold() {
        let separation = OutOfDomainSeparation(inDomain: [0.7, 0.9, 0.99], outOfDomain: [0.2, 0.4, 0.6], threshold: 0.5)
        #expect(separation.bestBalancedAccuracy == 100)
        #expect(separation.bestThreshold > 0.6 && separation.bestThreshold <= 0.7)
    }

    @Test("The report's text and JSON carry calibration and out-of-domain figures only when measured")
    func reportOutput() throws {
        var report = try ChunkScorer.score(gold: [["B-city", "O"]], predicted: [["B-city", "O"]])
        #expect(!report.jsonText().contains("calibration"))
        report.calibration = CalibrationReport(
            intents: nil, chunks: Reliability(confidences: [0.95], correct: [true]))
        report.outOfDomain = OutOfDomainSeparation(inDomain: [0.9], outOfDomain: [0.3], threshold: 0.5)
        let json = report.jsonText()
        #expect(json.contains("\"calibration\": {\n    \"chunks\": {\"expectedCalibrationError\": 5, \"count\": 1"))
        #expect(json.contains("\"outOfDomain\": {\"areaUnderROC\": 1, \"inDomainCount\": 1"))
        #expect(report.text().contains("chunk confidence: ECE   5.00% over 1 predicted chunks"))
        #expect(report.text().contains("out of domain: AUROC 1.0000 (1 in domain, 1 out); fallback below 0.50:   0.00% in domain, 100.00% out of domain"))
    }

    @Test("The reliability diagram is one SVG document with a bar per non-empty bin")
    func diagram() {
        let reliability = Reliability(confidences: [0.95, 0.95, 0.25], correct: [true, false, true])
        let svg = ReliabilityDiagram.svg([("intents", reliability), ("slot chunks", reliability)], title: "a & b")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<title>a &amp; b</title>"))
        #expect(svg.components(separatedBy: "fill-opacity=\"0.75\"").count - 1 == 4)
    }
}
