import Foundation
import Testing
import SlotTestSupport

/// The shipped Chinese model end to end: raw text in, entities out, with
/// offsets that slice the input to the entity's text.
@Suite("tagger tag with models/resume-zh", .tags(.slow), .skippedWhenFast)
struct ChineseModelTests {
    /// Résumé sentences written for this test (not from the corpus), with a
    /// Latin name and digits among the Chinese characters.
    static let sentences = [
        "张伟先生：1972年出生，中国国籍，无境外永久居留权，硕士学历。",
        "现任北京华远地产股份有限公司董事长、总经理。",
        "李娜，女，汉族，毕业于清华大学经济管理学院，高级会计师。",
        "曾任IBM中国有限公司销售总监。",
    ]

    struct Record: Decodable {
        struct Token: Decodable { var text: String; var start: Int; var end: Int; var label: String }
        struct Slot: Decodable { var label: String; var text: String; var start: Int; var end: Int }
        var text: String
        var tokens: [Token]
        var slots: [Slot]
    }

    /// The Unicode scalars `start..<end` of `text`, as Python's `text[start:end]`.
    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: Array(text.unicodeScalars)[start..<end])
        return String(view)
    }

    @Test("every character is a token and every entity's offsets slice the input to its text")
    func offsets() throws {
        let result = try CLIRunner.run(
            "tagger", ["tag", "--model", "models/resume-zh", "--format", "jsonl"],
            input: Array((Self.sentences.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Record.self, from: Data($0.utf8))
        }
        try #require(records.count == Self.sentences.count)
        for (record, sentence) in zip(records, Self.sentences) {
            #expect(record.text == sentence)
            #expect(record.tokens.map(\.text) == sentence.map(String.init))
            for token in record.tokens { #expect(Self.slice(sentence, token.start, token.end) == token.text) }
            #expect(!record.slots.isEmpty, "\(sentence): no entity")
            for slot in record.slots {
                #expect(Self.slice(sentence, slot.start, slot.end) == slot.text, "\(sentence): \(slot)")
            }
        }
        let entities = records.flatMap { $0.slots.map { "\($0.label):\($0.text)" } }
        for expected in [
            "NAME:张伟", "CONT:中国国籍", "ORG:北京华远地产股份有限公司", "TITLE:董事长", "NAME:李娜", "RACE:汉族",
            "ORG:IBM中国有限公司",
        ] {
            #expect(entities.contains(expected), "\(entities)")
        }
    }
}
