import Foundation
import SlotCorpus
import SlotModel
import SlotTestSupport
import Testing

/// The shipped ATIS model on `corpora/atis-unseen-cities/test.conll`: 150 utterances in
/// 30 phrasings taken from ATIS's training split ("i want to fly from X to Y", "what
/// flights leave X for Y", destination first in "i'm traveling to Y from X", one city in
/// "what airlines fly into Y"), filled with 92 world cities none of whose words occur
/// anywhere in ATIS ("buenos aires", "kuala lumpur", "reykjavik").
///
/// An utterance is right when its origin and destination slots (`fromloc.city_name`,
/// `toloc.city_name`) are exactly the gold ones: same roles, same text, same character
/// offsets, none missing and none extra. Measured with `models/atis-en` as shipped:
/// 140 of 150 utterances right (93.3%; the model before it, without vectors for its
/// intents, 128). Of the 10 wrong, 7 miss a city altogether ("hong kong to berlin
/// friday", "american flights to Y from X") and 3 cut or split a name of several words
/// ("[ho chi]" for "ho chi minh", "rio de janeiro"); none gives a city the opposite role.
/// The test asserts a floor of 82% as a regression guard, not a target: the recipe's
/// seeds differ by several utterances here.
@Suite("Shipped ATIS model on cities ATIS never contains", .tags(.slow), .skippedWhenFast)
struct UnseenCityTests {
    /// The test set, next to the ATIS corpus it was made from.
    static let corpusPath = URL(fileURLWithPath: ShippedModelTests.modelDirectory)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpora/atis-unseen-cities/test.conll").path

    /// The share of utterances whose city slots must all be right.
    static let floor = 0.82

    /// An origin or destination slot: its label, text and offsets in Unicode scalars.
    struct CitySlot: Hashable, CustomStringConvertible {
        /// `fromloc.city_name` or `toloc.city_name`.
        let label: String
        /// The city as it appears in the utterance.
        let text: String
        /// Where it is in the utterance, in Unicode scalars, end exclusive.
        let offsets: Range<Int>

        /// The slot as `[text]{label}@start..<end`, for failure messages.
        var description: String { "[\(text)]{\(label)}@\(offsets)" }
    }

    /// One utterance of the test set tagged by the model.
    struct Outcome {
        /// The utterance: the file's tokens joined by single spaces.
        let text: String
        /// The city slots the file gives it.
        let expected: [CitySlot]
        /// The city slots the model found.
        let found: [CitySlot]

        /// Whether the model found exactly the expected city slots.
        var isRight: Bool { found == expected }
    }

    /// The slot labels this test checks.
    static let cityLabels: Set<String> = ["fromloc.city_name", "toloc.city_name"]

    /// Every utterance of the test set tagged by the shipped model through ``Tagger/tag(_:)``.
    static func outcomes() throws -> [Outcome] {
        let tagger = try Tagger(contentsOf: ShippedModelTests.modelDirectory)
        return try Corpus(contentsOf: corpusPath).sentences.map { sentence in
            let text = sentence.tokens.joined(separator: " ")
            let found = tagger.tag(text).slots.filter { cityLabels.contains($0.label) }
                .map { CitySlot(label: $0.label, text: String($0.text), offsets: $0.scalarOffsets) }
            return Outcome(text: text, expected: expectedCities(sentence), found: found)
        }
    }

    /// The city slots of an annotated sentence, with their offsets in its tokens joined by spaces.
    static func expectedCities(_ sentence: AnnotatedSentence) -> [CitySlot] {
        var slots: [CitySlot] = []
        var start = 0
        for (token, label) in zip(sentence.tokens, sentence.labels) {
            let end = start + token.unicodeScalars.count
            let type = String(label.dropFirst(2))
            if label.hasPrefix("B-"), cityLabels.contains(type) {
                slots.append(CitySlot(label: type, text: token, offsets: start..<end))
            } else if label.hasPrefix("I-"), cityLabels.contains(type), let last = slots.popLast() {
                slots.append(CitySlot(label: type, text: last.text + " " + token, offsets: last.offsets.lowerBound..<end))
            }
            start = end + 1
        }
        return slots
    }

    @Test("The test set has at least 100 utterances, each with an origin or a destination")
    func testSetShape() throws {
        let sentences = try Corpus(contentsOf: Self.corpusPath).sentences
        #expect(sentences.count >= 100)
        #expect(sentences.allSatisfy { !Self.expectedCities($0).isEmpty })
    }

    @Test("Origin and destination are found with their exact text and offsets in at least 82% of the utterances")
    func citiesFound() throws {
        let outcomes = try Self.outcomes()
        let wrong = outcomes.filter { !$0.isRight }
        let right = outcomes.count - wrong.count
        let failures = wrong.map { "\($0.text)\n    expected \($0.expected)\n    found    \($0.found)" }.joined(separator: "\n")
        #expect(
            Double(right) >= Self.floor * Double(outcomes.count),
            "\(right) of \(outcomes.count) utterances right; the wrong ones:\n\(failures)")
    }
}
