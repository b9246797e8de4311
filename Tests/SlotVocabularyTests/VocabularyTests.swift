import Foundation
import Testing
@testable import SlotVocabulary

@Suite("Vocabulary")
struct VocabularyTests {
    static let counts = ["the": 5, "to": 5, "boston": 2, "denver": 1, "a": 5, "flight": 3]

    @Test func specialEntriesComeFirst() {
        let vocabulary = Vocabulary(counts: [:])
        #expect(vocabulary.entries == ["<pad>", "<unk>"])
        #expect(Vocabulary.paddingID == 0 && Vocabulary.unknownID == 1)
        #expect(vocabulary.id(of: "<pad>") == 0)
        #expect(vocabulary.id(of: "<unk>") == 1)
        #expect(vocabulary.id(of: "anything") == 1)
    }

    @Test func ordersByCountThenString() {
        let vocabulary = Vocabulary(counts: Self.counts)
        #expect(vocabulary.entries == ["<pad>", "<unk>", "a", "the", "to", "flight", "boston", "denver"])
        #expect(vocabulary.count == 8)
        #expect(vocabulary.counts == [0, 0, 5, 5, 5, 3, 2, 1])
        #expect(vocabulary.count(of: vocabulary.id(of: "flight")) == 3)
    }

    @Test func minimumCount() {
        let frequent = Vocabulary(counts: Self.counts, minimumCount: 3)
        #expect(frequent.entries == ["<pad>", "<unk>", "a", "the", "to", "flight"])
        #expect(frequent.id(of: "boston") == Vocabulary.unknownID)
    }

    @Test func countedSpecialTextsAreNotDuplicated() {
        let vocabulary = Vocabulary(counts: ["<unk>": 9, "<pad>": 9, "x": 1])
        #expect(vocabulary.entries == ["<pad>", "<unk>", "x"])
    }

    @Test func lookUpsAndEntries() {
        let vocabulary = Vocabulary(counts: Self.counts)
        #expect(vocabulary.id(of: "boston") == 6)
        #expect(vocabulary.entry(at: 6) == "boston")
        #expect(vocabulary.lookUp("paris") == nil)
        #expect(vocabulary.id(of: "paris") == Vocabulary.unknownID)
        #expect(vocabulary.id(of: "Boston") == Vocabulary.unknownID)
        #expect(vocabulary.contains("denver") && !vocabulary.contains("paris"))
        for id in 0..<vocabulary.count { #expect(vocabulary.id(of: vocabulary.entry(at: id)) == id) }
    }

    @Test func builderCountsStreaming() {
        var builder = VocabularyBuilder()
        builder.add(contentsOf: ["to", "boston", "to"])
        builder.add("denver")
        #expect(builder.counts == ["to": 2, "boston": 1, "denver": 1])
        #expect(builder.total == 4)
        #expect(builder.scalarCounts["o"] == 4)
        #expect(builder.makeVocabulary().entries == ["<pad>", "<unk>", "to", "boston", "denver"])
        #expect(builder.makeVocabulary(minimumCount: 2).entries == ["<pad>", "<unk>", "to"])
    }

    @Test func appendKeepsIDs() {
        var vocabulary = Vocabulary(counts: ["to": 2])
        #expect(vocabulary.append("paris") == 3)
        #expect(vocabulary.append("to") == 2)
        #expect(vocabulary.entries == ["<pad>", "<unk>", "to", "paris"])
        #expect(vocabulary.count(of: 3) == 0)
    }

    @Test func codableRoundTripIsACompactArray() throws {
        let vocabulary = Vocabulary(counts: Self.counts)
        let data = try JSONEncoder().encode(vocabulary)
        #expect(String(decoding: data, as: UTF8.self)
            == #"["<pad>","<unk>","a","the","to","flight","boston","denver"]"#)
        let decoded = try JSONDecoder().decode(Vocabulary.self, from: data)
        #expect(decoded == vocabulary)
        #expect(decoded.id(of: "boston") == 6)
        #expect(decoded.counts == [Int](repeating: 0, count: 8))
    }

    @Test(arguments: [
        (#"[]"#, VocabularyError.missingSpecialEntry(expected: "<pad>", id: 0, found: nil)),
        (#"["<pad>"]"#, .missingSpecialEntry(expected: "<unk>", id: 1, found: nil)),
        (#"["<unk>","<pad>"]"#, .missingSpecialEntry(expected: "<pad>", id: 0, found: "<unk>")),
        (#"["<pad>","<unk>","to","a","to"]"#, .duplicateEntry("to", firstID: 2, secondID: 4)),
        (#"["<pad>","<unk>","<pad>"]"#, .duplicateEntry("<pad>", firstID: 0, secondID: 2)),
    ])
    func decodingRejectsCorruptLists(json: String, expected: VocabularyError) {
        #expect(throws: expected) { try JSONDecoder().decode(Vocabulary.self, from: Data(json.utf8)) }
    }

    @Test func decodingErrorsDescribeTheProblem() {
        #expect(VocabularyError.duplicateEntry("to", firstID: 2, secondID: 4).description
            == #"vocabulary lists "to" twice (ids 2 and 4); the vocabulary list is corrupt, rebuild it or retrain the model"#)
        #expect(VocabularyError.missingSpecialEntry(expected: "<unk>", id: 1, found: nil).description
            == #"vocabulary entry 1 must be "<unk>" but is nothing; the vocabulary list is corrupt, rebuild it or retrain the model"#)
    }
}
