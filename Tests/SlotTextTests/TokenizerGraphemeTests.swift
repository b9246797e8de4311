import SlotText
import Testing

@Suite("Tokenizer, grapheme mode")
struct TokenizerGraphemeTests {
    let tokenizer = Tokenizer(mode: .graphemes)

    @Test("One token per user-perceived character; emoji sequences and combining marks stay whole")
    func clusters() {
        let tokens = tokenizer.tokenize("👍🏽e\u{301} 北京\r\n👨‍👩‍👧")
        #expect(describe(tokens) == [
            "👍🏽 s0-2 u0-4 b0-8 other",
            "e\u{301} s2-4 u4-6 b8-11 other",
            "北 s5-6 u7-8 b12-15 other",
            "京 s6-7 u8-9 b15-18 other",
            "👨‍👩‍👧 s9-14 u11-19 b20-38 other",
        ])
    }

    @Test("Thai vowel signs and tone marks join their consonant")
    func thai() {
        let tokens = tokenizer.tokenize("ใหม่ฉัน")
        #expect(tokens.map { String($0.text) } == ["ใ", "ห", "ม่", "ฉั", "น"])
        #expect(tokens.map(\.scalarOffsets) == [0..<1, 1..<2, 2..<4, 4..<6, 6..<7])
    }

    @Test("Mode names are the raw values stored in model bundles")
    func modeNames() {
        #expect(Tokenizer.Mode.allCases.map(\.rawValue) == ["words", "graphemes"])
        #expect(Tokenizer.Mode(rawValue: "graphemes") == .graphemes)
    }
}
