import Foundation
import SlotIO
import SlotModel
import SlotValues
import Testing

/// The JSONL record written member by member (`beginRecord(in:)`, what
/// `tagger tag` and the server write) is byte for byte the result's
/// `Encodable` form under `JSONLineEncoder`, the documented record.
@Suite("Records written directly equal their Encodable form")
struct RecordWriterTests {
    /// The record through the writer, closed.
    static func written(_ result: TaggingResult, intentRankingLength: Int = .max) throws -> String {
        var writer = JSONWriter()
        try result.beginRecord(in: &writer, intentRankingLength: intentRankingLength)
        writer.endObject()
        return writer.text
    }

    @Test("Shipped models on real utterances, with values resolved: the same bytes")
    func shippedModels() throws {
        let options = ResolutionOptions(reference: ReferenceTime(date: CivilDate(year: 2026, month: 11, day: 28)!))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var withValues = 0
        for model in ["atis-en", "snips-en"] {
            let tagger = try Tagger(contentsOf: root.appendingPathComponent("models/\(model)").path)
            let corpus = model == "atis-en" ? "atis" : "snips"
            let url = root.appendingPathComponent("corpora/\(corpus)/test.conll")
            let texts = try String(contentsOf: url, encoding: .utf8)
                .components(separatedBy: "\n\n").prefix(60)
                .map { $0.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "\t")[0]) }.joined(separator: " ") }
            for result in tagger.tag(texts, resolving: options) {
                #expect(try Self.written(result) == JSONLineEncoder().encode(result))
                withValues += result.values.isEmpty ? 0 : 1
            }
        }
        #expect(withValues > 10, "the utterances exercise resolved values")
    }

    @Test("Canonical forms, values, no intent and a shortened ranking: the same bytes")
    func everyMember() throws {
        let record = #"""
            {"text": "play \"Yo\"\tnow", "tokens": [{"text": "play", "start": 0, "end": 4, "label": "O", "confidence": 1.0}, \#
            {"text": "\"Yo\"", "start": 5, "end": 9, "label": "B-track", "confidence": 0.5}], \#
            "slots": [{"label": "track", "text": "\"Yo\"", "start": 5, "end": 9, "confidence": 0.0001, \#
            "value": {"type": "number", "value": "2", "amount": 2}, "canonical": "Yo!"}], "intent": null, \#
            "intent_ranking": [{"name": "PlayMusic", "confidence": 0.9}, {"name": "AddToPlaylist", "confidence": 0.1}]}
            """#
        let result = try JSONDecoder().decode(TaggingResult.self, from: Data(record.utf8))
        #expect(result.slots.first?.canonical == "Yo!")
        #expect(try Self.written(result) == JSONLineEncoder().encode(result))
        let shortened = TaggingResult(
            text: result.text, tokens: result.tokens, slots: result.slots, intent: result.intent,
            intentRanking: Array(result.intentRanking.prefix(1)), values: result.values)
        #expect(try Self.written(result, intentRankingLength: 1) == JSONLineEncoder().encode(shortened))
        #expect(try Self.written(result, intentRankingLength: 0).contains(#""intent_ranking": []"#))
    }

    @Test("A confidence that is not a number throws, as the encoder does")
    func nonFinite() throws {
        let result = try JSONDecoder().decode(TaggingResult.self, from: Data(#"""
            {"text": "a", "tokens": [{"text": "a", "start": 0, "end": 1, "label": "O", "confidence": 1.0}], "slots": [], \#
            "intent": {"label": "x", "confidence": 1.0}, "intent_ranking": []}
            """#.utf8))
        for damaged in [Float.nan, .infinity] {
            let broken = TaggingResult(
                text: result.text, tokens: result.tokens, slots: [], intent: Intent(label: "x", confidence: damaged),
                intentRanking: [], values: [])
            #expect(throws: EncodingError.self) { try Self.written(broken) }
            #expect(throws: EncodingError.self) { try JSONLineEncoder().encode(broken) }
        }
    }
}
