import Foundation
import SlotModel
import SlotText
import Testing

/// The examples in the doc comments, the GettingStarted article and the
/// README, run against the shipped `models/atis-en`, so that what they
/// promise is what the model gives. Confidences are documented to 4
/// decimals; batching may change the last digit.
@Suite("Documented examples against the shipped ATIS model")
struct DocumentedExamplesTests {
    static let tagger: Tagger? = try? Tagger(contentsOf: ShippedModelTests.modelDirectory)

    static func slots(_ result: TaggingResult) -> [String] {
        result.slots.map { "\($0.label) \($0.text) \($0.scalarOffsets)" }
    }

    static func close(_ value: Float, _ documented: Float) -> Bool { abs(value - documented) < 0.0015 }

    @Test("TaggingResult: 'leave St. Louis tomorrow' gives fromloc.city_name 'St. Louis' 6..<15 with two tokens")
    func stLouis() throws {
        let tagger = try #require(Self.tagger)
        let result = tagger.tag("leave St. Louis tomorrow")
        #expect(Self.slots(result) == ["fromloc.city_name St. Louis 6..<15", "depart_date.today_relative tomorrow 16..<24"])
        #expect(Self.close(result.slots[0].confidence, 0.9679))
        #expect(Self.close(result.slots[1].confidence, 0.9790))
        #expect(result.tokens(of: result.slots[0]).map(\.label) == ["B-fromloc.city_name", "I-fromloc.city_name"])
        #expect(result.intent?.label == "atis_flight")
        #expect(Self.close(try #require(result.intent?.confidence), 0.8838))
        #expect(result.intentRanking.prefix(2).map(\.label) == ["atis_flight", "atis_airport"])
    }

    @Test("GettingStarted: a flight from St. Louis to Zürich tomorrow")
    func gettingStarted() throws {
        let tagger = try #require(Self.tagger)
        let result = tagger.tag("I'd like to fly from St. Louis to Zürich tomorrow")
        #expect(result.intent?.label == "atis_flight")
        #expect((result.intent?.confidence ?? 0) > 0.5)
        #expect(result.slots.map { "\($0.label) \($0.text)" }
            == ["fromloc.city_name St. Louis", "toloc.city_name Zürich", "depart_date.today_relative tomorrow"])
        for (slot, documented) in zip(result.slots, [Float(0.9998), 0.9859, 0.9955]) {
            #expect(Self.close(slot.confidence, documented), "\(slot.label): \(slot.confidence)")
        }
    }

    @Test("GettingStarted: an utterance from another domain falls back, and the ranking keeps the model's guess")
    func fallback() throws {
        var tagger = try #require(Self.tagger)
        tagger.intentFallback = IntentFallback()
        #expect(IntentFallback.defaultThreshold == 0.89)
        let result = tagger.tag("play some jazz by Miles Davis")
        #expect(result.intent?.label == "nlu_fallback")
        #expect(result.isFallback)
        let guess = try #require(result.intentRanking.first)
        #expect(guess.label == "atis_city")
        #expect(Self.close(guess.confidence, 0.4622))
    }

    @Test("Tagger and README: 'leave Beijing on November 2nd' is a flight from Beijing")
    func beijing() throws {
        let tagger = try #require(Self.tagger)
        let result = tagger.tag("leave Beijing on November 2nd")
        #expect(result.slot("fromloc.city_name")?.text == "Beijing")
        #expect(result.intent?.label == "atis_flight")
    }
}

@Suite("Abbreviations the vocabulary knows stay one token")
struct AbbreviationTests {
    static func texts(_ tokens: [Token]) -> [String] { tokens.map { "\($0.text)@\($0.scalarOffsets)" } }

    @Test("With the ATIS vocabulary (which holds 'st.'): 'St.' is one token with exact offsets; other periods stay apart")
    func atis() throws {
        let tagger = try #require(DocumentedExamplesTests.tagger)
        #expect(Self.texts(tagger.tokenize("leave St. Louis tomorrow"))
            == ["leave@0..<5", "St.@6..<9", "Louis@10..<15", "tomorrow@16..<24"])
        #expect(Self.texts(tagger.tokenize("from ST. louis to Boston."))
            == ["from@0..<4", "ST.@5..<8", "louis@9..<14", "to@15..<17", "Boston@18..<24", ".@24..<25"])
        #expect(Self.texts(tagger.tokenize("the st . louis")) == ["the@0..<3", "st@4..<6", ".@7..<8", "louis@9..<14"])
        let merged = try #require(tagger.tokenize("é St. Louis").dropFirst().first)
        #expect(merged.utf8Offsets == 3..<6 && merged.utf16Offsets == 2..<5)
    }

    @Test("On the sample sentences, which hold no known abbreviation, the tokens are the ICU tokenizer's")
    func samples() throws {
        let tagger = try #require(DocumentedExamplesTests.tagger)
        let path = URL(fileURLWithPath: ShippedModelTests.modelDirectory).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpora/samples/sentences.txt").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count >= 20)
        for line in lines { #expect(tagger.tokenize(line) == tagger.tokenizer.tokenize(line)) }
    }

    @Test("A vocabulary without abbreviations leaves the tokenizer's tokens alone")
    func noAbbreviations() {
        let tagger = TestTaggers.small()
        #expect(tagger.tokenize("leave St. Louis") == tagger.tokenizer.tokenize("leave St. Louis"))
    }
}
