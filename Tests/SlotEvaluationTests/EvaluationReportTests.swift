import Foundation
import Testing
@testable import SlotEvaluation

@Suite("Evaluation report: JSON, text and errors")
struct EvaluationReportTests {
    /// The ATIS reference case with intents, plus a sentence whose type needs JSON escaping.
    static func sampleReport() throws -> EvaluationReport {
        var scorer = ChunkScorer()
        try scorer.add(
            gold: ["O", "B-fromloc.city_name", "O", "B-toloc.city_name", "I-toloc.city_name"],
            predicted: ["O", "B-fromloc.city_name", "O", "B-toloc.city_name", "I-fromloc.city_name"],
            goldIntent: "atis_flight", predictedIntent: "atis_flight"
        )
        try scorer.add(gold: ["B-x\"q"], predicted: ["O"], goldIntent: "atis_airfare", predictedIntent: "atis_flight")
        return scorer.report
    }

    @Test("jsonText has the contract's keys, rounded numbers and labels keyed by type")
    func jsonShape() throws {
        let text = try Self.sampleReport().jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "precision", "recall", "f1", "tokenAccuracy", "intentAccuracy", "labels",
            "tokens", "sentences", "goldChunks", "foundChunks", "correctChunks", "correctTokens",
            "intentSentences", "correctIntents", "confusions", "intentConfusions",
        ])
        #expect(object["precision"] as? Double == 33.33)
        #expect(object["tokenAccuracy"] as? Double == 66.67)
        #expect(object["intentAccuracy"] as? Double == 50)
        #expect(object["tokens"] as? Int == 6)
        let labels = try #require(object["labels"] as? [String: [String: Any]])
        #expect(Set(labels.keys) == ["fromloc.city_name", "toloc.city_name", "x\"q"])
        let from = try #require(labels["fromloc.city_name"])
        #expect(Set(from.keys) == ["precision", "recall", "f1", "support", "found", "correct"])
        #expect(from["f1"] as? Double == 66.67)
        #expect(from["support"] as? Int == 1)
        #expect(text.contains("\"f1\": 66.67,"))
        #expect(text.contains("\"recall\": 100,"))
        let order = ["\"precision\"", "\"recall\"", "\"f1\"", "\"tokenAccuracy\"", "\"intentAccuracy\"", "\"labels\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test("jsonText writes intentAccuracy: null without intents, and empty collections")
    func jsonWithoutIntents() throws {
        let report = try ChunkScorer.score(gold: [["O"]], predicted: [["O"]])
        let text = report.jsonText()
        #expect(text.contains("  \"intentAccuracy\": null,\n"))
        #expect(text.contains("  \"labels\": {},\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["intentAccuracy"] is NSNull)
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(text.utf8))
        #expect(decoded == report)
    }

    @Test("jsonText decodes back to the report rounded to two decimals")
    func jsonTextRoundTrip() throws {
        let report = try Self.sampleReport()
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: Data(report.jsonText().utf8))
        #expect(decoded.precision == 33.33)
        #expect(decoded.intentAccuracy == 50)
        #expect(decoded.labels.map(\.label) == report.labels.map(\.label))
        #expect(decoded.score(for: "fromloc.city_name")?.f1 == 66.67)
        #expect(decoded.confusions == report.confusions)
        #expect(decoded.intentConfusions == report.intentConfusions)
        #expect(decoded.correctChunks == 1 && decoded.tokens == 6 && decoded.correctIntents == 1)
    }

    @Test("Codable keeps full precision and writes intentAccuracy as null")
    func codableRoundTrip() throws {
        let report = try Self.sampleReport()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(report)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: data) == report)
        let withoutIntents = try ChunkScorer.score(gold: [["B-X"]], predicted: [["B-X"]])
        let text = String(decoding: try encoder.encode(withoutIntents), as: UTF8.self)
        #expect(text.contains("\"intentAccuracy\":null"))
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: Data(text.utf8)) == withoutIntents)
    }

    @Test("JSON numbers and strings", arguments: [
        (100.0 / 3, "33.33"), (95.1, "95.1"), (100, "100"), (0, "0"), (66.665, "66.67"), (0.001, "0"), (-0.001, "0"),
    ] as [(Double, String)])
    func jsonNumbers(value: Double, expected: String) {
        #expect(EvaluationReport.jsonNumber(value) == expected)
    }

    @Test("The text report follows conlleval's layout")
    func textReport() throws {
        let expected = """
            processed 6 tokens with 3 phrases; found: 3 phrases; correct: 1.
            accuracy:  66.67%; precision:  33.33%; recall:  33.33%; FB1:  33.33
            fromloc.city_name: precision:  50.00%; recall: 100.00%; FB1:  66.67  2 found, 1 gold
              toloc.city_name: precision:   0.00%; recall:   0.00%; FB1:   0.00  1 found, 1 gold
                          x"q: precision:   0.00%; recall:   0.00%; FB1:   0.00  0 found, 1 gold
            intent accuracy:  50.00%; 1 of 2 sentences
            chunk errors by type (missed of gold; spurious of found):
              toloc.city_name: missed 1 of 1; spurious 1 of 1
            fromloc.city_name: missed 0 of 1; spurious 1 of 2
                          x"q: missed 1 of 1; spurious 0 of 0
            most frequent token errors (count: gold -> predicted):
                  1: B-x"q -> O
                  1: I-toloc.city_name -> I-fromloc.city_name
            most frequent intent errors (count: gold -> predicted):
                  1: atis_airfare -> atis_flight

            """
        #expect(try Self.sampleReport().text() == expected)
    }

    @Test("The text report shows at most maximumErrors lines per error section")
    func textErrorLimit() throws {
        let text = try Self.sampleReport().text(maximumErrors: 1)
        #expect(text.contains("      1: B-x\"q -> O\n"))
        #expect(!text.contains("I-toloc.city_name -> I-fromloc.city_name"))
        #expect(!text.contains("fromloc.city_name: missed"))
        #expect(text.split(separator: "\n").count == 12)
    }

    @Test("A sentence with the wrong number of predicted labels is a typed error naming it")
    func lengthMismatch() throws {
        var scorer = ChunkScorer()
        try scorer.add(gold: ["B-X"], predicted: ["B-X"])
        let error = #expect(throws: EvaluationError.self) {
            try scorer.add(gold: ["B-X", "O"], predicted: ["B-X"])
        }
        #expect(error == .sentenceLengthMismatch(sentenceIndex: 1, goldCount: 2, predictedCount: 1))
        #expect(error?.description == "sentence 2 (index 1) has 2 gold labels but 1 predicted labels; "
            + "the prediction must give exactly one label per gold token, sentence by sentence in the same order")
        // The failed sentence left no trace.
        #expect(scorer.report.sentences == 1 && scorer.report.tokens == 1)
        #expect(throws: EvaluationError.sentenceLengthMismatch(sentenceIndex: 0, goldCount: 1, predictedCount: 0)) {
            try ChunkScorer.score(gold: [["O"]], predicted: [[]])
        }
    }

    @Test("Whole-data scoring checks that every list has one entry per sentence")
    func countMismatch() {
        #expect(throws: EvaluationError.sentenceCountMismatch(what: "predicted sentences", expected: 2, actual: 1)) {
            try ChunkScorer.score(gold: [["O"], ["O"]], predicted: [["O"]])
        }
        #expect(throws: EvaluationError.sentenceCountMismatch(what: "gold intents", expected: 1, actual: 2)) {
            try ChunkScorer.score(gold: [["O"]], predicted: [["O"]], goldIntents: ["a", "b"])
        }
        #expect(throws: EvaluationError.sentenceCountMismatch(what: "predicted intents", expected: 1, actual: 3)) {
            try ChunkScorer.score(gold: [["O"]], predicted: [["O"]], goldIntents: ["a"], predictedIntents: ["a", "b", "c"])
        }
        #expect(EvaluationError.sentenceCountMismatch(what: "predicted sentences", expected: 2, actual: 1).description
            == "1 predicted sentences for 2 gold sentences; give one entry per gold sentence, in the same order")
    }
}
