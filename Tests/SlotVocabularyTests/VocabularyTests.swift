import Foundation
import Testing
import SlotVocabulary

@Suite("Vocabulary")
struct VocabularyTests {
    static func built(minimumCount: Int) -> Vocabulary {
        var builder = VocabularyBuilder()
        for word in "to boston to denver from boston to dallas <unk> <pad>".split(separator: " ") { builder.add(String(word)) }
        return builder.build(minimumCount: minimumCount)
    }

    @Test("reserved ids, most frequent first with ties in string order, special strings never counted")
    func ids() {
        let vocabulary = Self.built(minimumCount: 1)
        #expect(vocabulary.entries == ["<pad>", "<unk>", "to", "boston", "dallas", "denver", "from"])
        #expect(vocabulary.frequencies == [0, 0, 3, 2, 1, 1, 1])
        #expect(vocabulary.id(of: "boston") == 3)
        #expect(vocabulary.id(of: "paris") == Vocabulary.unknownId)
        #expect(vocabulary.lookup("paris") == nil)
        #expect(vocabulary.lookup("<pad>") == Vocabulary.paddingId)
        #expect(vocabulary.entry(at: 4) == "dallas" && vocabulary.frequency(of: 2) == 3)
    }

    @Test("minimum count drops rare words")
    func minimumCount() {
        #expect(Self.built(minimumCount: 2).entries == ["<pad>", "<unk>", "to", "boston"])
        #expect(Self.built(minimumCount: 4).count == 2)
    }

    @Test("duplicates and special entries are rejected")
    func duplicates() {
        #expect(throws: VocabularyError.duplicateEntry("a")) { try Vocabulary(words: ["a", "b", "a"]) }
        #expect(throws: VocabularyError.duplicateEntry("<unk>")) { try Vocabulary(words: ["<unk>"]) }
    }

    @Test("JSON round trip keeps entries and frequencies; damaged JSON is rejected")
    func codable() throws {
        let vocabulary = Self.built(minimumCount: 1)
        let data = try JSONEncoder().encode(vocabulary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["entries"] as? [String] == ["to", "boston", "dallas", "denver", "from"])
        #expect(try JSONDecoder().decode(Vocabulary.self, from: data) == vocabulary)
        for bad in [#"{"entries": ["a", "a"]}"#, #"{"entries": ["a"], "frequencies": [1, 2]}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: Data(bad.utf8)) }
        }
        let noFrequencies = try JSONDecoder().decode(Vocabulary.self, from: Data(#"{"entries": ["x"]}"#.utf8))
        #expect(noFrequencies.entries == ["<pad>", "<unk>", "x"] && noFrequencies.frequencies == [0, 0, 0])
    }

    @Test("character vocabulary: one id per Unicode scalar, unknown scalars map to the unknown id")
    func characters() throws {
        let characters = CharacterVocabulary(tokens: ["née", "ne", "e\u{301}"], minimumCount: 1)
        #expect(characters.vocabulary.entries == ["<pad>", "<unk>", "e", "n", "é", "\u{301}"])
        #expect(characters.ids(of: "ené") == [2, 3, 4])
        #expect(characters.ids(of: "x") == [CharacterVocabulary.unknownId])
        #expect(characters.ids(of: "e\u{301}") == [2, 5])
        #expect(CharacterVocabulary(tokens: ["née", "ne"], minimumCount: 2).vocabulary.entries == ["<pad>", "<unk>", "e", "n"])
        let data = try JSONEncoder().encode(characters)
        #expect(try JSONDecoder().decode(CharacterVocabulary.self, from: data) == characters)
    }
}
