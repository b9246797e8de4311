import Foundation
import Testing
@testable import SlotVocabulary

@Suite("CharacterVocabulary")
struct CharacterVocabularyTests {
    static func make(_ words: [String], minimumCount: Int = 1) -> CharacterVocabulary {
        var builder = VocabularyBuilder()
        builder.add(contentsOf: words)
        return builder.makeCharacterVocabulary(minimumCount: minimumCount)
    }

    @Test func specialIDsAndOrder() {
        let vocabulary = Self.make(["abba", "cab"])
        #expect(vocabulary.entries == ["<pad>", "<unk>", "<w>", "</w>", "a", "b", "c"])
        #expect(vocabulary.count == 7)
        #expect(vocabulary.ids(of: "cab") == [6, 4, 5])
        #expect(vocabulary.ids(of: "cab", markingBoundaries: true) == [2, 6, 4, 5, 3])
        #expect(vocabulary.ids(of: "") == [])
        #expect(vocabulary.ids(of: "", markingBoundaries: true) == [2, 3])
        #expect(vocabulary.ids(of: "xa") == [1, 4])
        #expect(vocabulary.entry(at: 1) == "<unk>" && vocabulary.entry(at: 6) == "c")
    }

    @Test func minimumCount() {
        let vocabulary = Self.make(["abba", "cab"], minimumCount: 2)
        #expect(vocabulary.entries == ["<pad>", "<unk>", "<w>", "</w>", "a", "b"])
        #expect(vocabulary.ids(of: "cab") == [1, 4, 5])
    }

    @Test func accentsEmojiAndCJKAreReadScalarByScalar() {
        let precomposed = "caf\u{E9}"          // é as one scalar
        let decomposed = "cafe\u{301}"         // e + combining acute
        let thumbs = "\u{1F44D}\u{1F3FD}"      // 👍🏽: two scalars, one grapheme
        let city = "北京"
        let vocabulary = Self.make([precomposed, decomposed, thumbs, city])
        #expect(vocabulary.ids(of: precomposed).count == 4)
        #expect(vocabulary.ids(of: decomposed).count == 5)
        #expect(vocabulary.ids(of: decomposed).last == vocabulary.id(of: "\u{301}"))
        #expect(vocabulary.ids(of: thumbs) == [vocabulary.id(of: "\u{1F44D}"), vocabulary.id(of: "\u{1F3FD}")])
        #expect(vocabulary.ids(of: city) == [vocabulary.id(of: "北"), vocabulary.id(of: "京")])
        #expect(vocabulary.ids(of: "上海") == [CharacterVocabulary.unknownID, CharacterVocabulary.unknownID])
        let all = Set(([precomposed, decomposed, thumbs, city]).flatMap { vocabulary.ids(of: $0) })
        #expect(all.allSatisfy { $0 >= 4 && $0 < vocabulary.count })
        #expect(all.count == vocabulary.count - 4)
    }

    @Test func appendIDsReusesOneArray() {
        let vocabulary = Self.make(["ab"])
        var ids: [Int] = []
        vocabulary.appendIDs(of: "ab", to: &ids)
        vocabulary.appendIDs(of: "ba", markingBoundaries: true, to: &ids)
        #expect(ids == [4, 5, 2, 5, 4, 3])
    }

    @Test func codableRoundTrip() throws {
        let vocabulary = Self.make(["café", "北京", "👍🏽"])
        let data = try JSONEncoder().encode(vocabulary)
        let decoded = try JSONDecoder().decode(CharacterVocabulary.self, from: data)
        #expect(decoded == vocabulary)
        #expect(decoded.ids(of: "北京") == vocabulary.ids(of: "北京"))
        #expect(decoded.ids(of: "café") == vocabulary.ids(of: "café"))
    }

    @Test(arguments: [
        (#"["<pad>","<unk>","<w>"]"#, VocabularyError.missingSpecialEntry(expected: "</w>", id: 3, found: nil)),
        (#"["<pad>","<unk>","</w>","<w>"]"#, .missingSpecialEntry(expected: "<w>", id: 2, found: "</w>")),
        (#"["<pad>","<unk>","<w>","</w>","a","ab"]"#, .notASingleScalar("ab", id: 5)),
        (#"["<pad>","<unk>","<w>","</w>","a",""]"#, .notASingleScalar("", id: 5)),
        (#"["<pad>","<unk>","<w>","</w>","a","b","a"]"#, .duplicateEntry("a", firstID: 4, secondID: 6)),
    ])
    func decodingRejectsCorruptLists(json: String, expected: VocabularyError) {
        #expect(throws: expected) { try JSONDecoder().decode(CharacterVocabulary.self, from: Data(json.utf8)) }
    }
}
