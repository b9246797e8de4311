import SlotText
import Testing

@Suite("Tokenizer, word mode: pinned tokens and offsets per script")
struct TokenizerWordTests {
    let tokenizer = Tokenizer()

    @Test("English: contractions, ordinals, punctuation kept, hyphens and abbreviations split as ICU does")
    func english() {
        let tokens = tokenizer.tokenize("I'd like e-mail from the U.S.A. on Nov 2nd, 3.5kg!")
        #expect(describe(tokens) == [
            "I'd s0-3 u0-3 b0-3 letter",
            "like s4-8 u4-8 b4-8 letter",
            "e s9-10 u9-10 b9-10 letter",
            "- s10-11 u10-11 b10-11 other",
            "mail s11-15 u11-15 b11-15 letter",
            "from s16-20 u16-20 b16-20 letter",
            "the s21-24 u21-24 b21-24 letter",
            "U.S.A s25-30 u25-30 b25-30 letter",
            ". s30-31 u30-31 b30-31 other",
            "on s32-34 u32-34 b32-34 letter",
            "Nov s35-38 u35-38 b35-38 letter",
            "2nd s39-42 u39-42 b39-42 letter",
            ", s42-43 u42-43 b42-43 other",
            "3.5kg s44-49 u44-49 b44-49 letter",
            "! s49-50 u49-50 b49-50 other",
        ])
    }

    @Test("Numbers with separators are one number token; currency signs are their own tokens")
    func numbers() {
        let tokens = tokenizer.tokenize("1,000.50 $5 €3")
        #expect(describe(tokens) == [
            "1,000.50 s0-8 u0-8 b0-8 number",
            "$ s9-10 u9-10 b9-10 other",
            "5 s10-11 u10-11 b10-11 number",
            "€ s12-13 u12-13 b12-15 other",
            "3 s13-14 u13-14 b15-16 number",
        ])
    }

    @Test("Chinese is segmented with ICU's dictionary; each ideograph is 3 UTF-8 bytes")
    func chinese() {
        let tokens = tokenizer.tokenize("我想明天从北京飞往上海")
        #expect(describe(tokens) == [
            "我想 s0-2 u0-2 b0-6 ideographic",
            "明天 s2-4 u2-4 b6-12 ideographic",
            "从 s4-5 u4-5 b12-15 ideographic",
            "北京 s5-7 u5-7 b15-21 ideographic",
            "飞 s7-8 u7-8 b21-24 ideographic",
            "往 s8-9 u8-9 b24-27 ideographic",
            "上海 s9-11 u9-11 b27-33 ideographic",
        ])
    }

    @Test("Japanese mixes kanji and kana; ICU's dictionary reports both as ideographic")
    func japanese() {
        let tokens = tokenizer.tokenize("東京から大阪まで")
        #expect(describe(tokens) == [
            "東京 s0-2 u0-2 b0-6 ideographic",
            "から s2-4 u2-4 b6-12 ideographic",
            "大阪 s4-6 u4-6 b12-18 ideographic",
            "まで s6-8 u6-8 b18-24 ideographic",
        ])
    }

    @Test("Thai is written without spaces and segmented with ICU's dictionary")
    func thai() {
        let tokens = tokenizer.tokenize("ฉันอยากไปเชียงใหม่")
        #expect(describe(tokens) == [
            "ฉัน s0-3 u0-3 b0-9 letter",
            "อยาก s3-7 u3-7 b9-21 letter",
            "ไป s7-9 u7-9 b21-27 letter",
            "เชียงใหม่ s9-18 u9-18 b27-54 letter",
        ])
    }

    @Test("Emoji with a skin tone or ZWJ sequence is one token; astral scalars count 2 UTF-16 units")
    func emoji() {
        let tokens = tokenizer.tokenize("👍🏽 ok 👨‍👩‍👧!")
        #expect(describe(tokens) == [
            "👍🏽 s0-2 u0-4 b0-8 other",
            "ok s3-5 u5-7 b9-11 letter",
            "👨‍👩‍👧 s6-11 u8-16 b12-30 other",
            "! s11-12 u16-17 b30-31 other",
        ])
    }

    @Test("Combining marks stay with their base; a mark after a space is a token of its own")
    func combiningMarks() {
        let text = "cafe\u{301} a \u{308}b"
        let tokens = tokenizer.tokenize(text)
        #expect(describe(tokens) == [
            "cafe\u{301} s0-5 u0-5 b0-6 letter",
            "a s6-7 u6-7 b7-8 letter",
            "\u{308} s8-9 u8-9 b9-11 other",
            "b s9-10 u9-10 b11-12 letter",
        ])
        #expect(scalarValues(tokens)[0] == [0x63, 0x61, 0x66, 0x65, 0x301])
        #expect(scalarValues(tokens)[2] == [0x308])
    }

    @Test("Arabic and Hebrew keep logical order and their punctuation")
    func rightToLeft() {
        #expect(describe(tokenizer.tokenize("مرحبا بالعالم!")) == [
            "مرحبا s0-5 u0-5 b0-10 letter",
            "بالعالم s6-13 u6-13 b11-25 letter",
            "! s13-14 u13-14 b25-26 other",
        ])
        #expect(describe(tokenizer.tokenize("שלום, עולם")) == [
            "שלום s0-4 u0-4 b0-8 letter",
            ", s4-5 u4-5 b8-9 other",
            "עולם s6-10 u6-10 b10-18 letter",
        ])
    }

    @Test("CRLF, tabs, NBSP and zero-width space separate tokens and are dropped")
    func separators() {
        let tokens = tokenizer.tokenize("a\r\nb\tc\u{A0}d\u{200B}e\r\n")
        #expect(describe(tokens) == [
            "a s0-1 u0-1 b0-1 letter",
            "b s3-4 u3-4 b3-4 letter",
            "c s5-6 u5-6 b5-6 letter",
            "d s7-8 u7-8 b8-9 letter",
            "e s9-10 u9-10 b12-13 letter",
        ])
    }

    @Test("NUL is a token, not a separator")
    func nul() {
        #expect(describe(tokenizer.tokenize("a\0b \0")) == [
            "a s0-1 u0-1 b0-1 letter",
            "\0 s1-2 u1-2 b1-2 other",
            "b s2-3 u2-3 b2-3 letter",
            "\0 s4-5 u4-5 b4-5 other",
        ])
    }

    @Test("Empty and separator-only texts give no tokens")
    func empty() {
        #expect(tokenizer.tokenize("").isEmpty)
        #expect(tokenizer.tokenize(" \t\r\n\u{3000}").isEmpty)
    }

    @Test("A 1 MB line is tokenized completely with exact offsets at its end")
    func megabyteLine() throws {
        let word = "flight 北京 "
        let count = 1_048_576 / word.utf8.count + 1
        let text = String(repeating: word, count: count)
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.count == 2 * count)
        let last = try #require(tokens.last)
        #expect(last.text == "北京")
        #expect(last.scalarOffsets == (10 * count - 3)..<(10 * count - 1))
        #expect(last.utf16Offsets == (10 * count - 3)..<(10 * count - 1))
        #expect(last.utf8Offsets == (14 * count - 7)..<(14 * count - 1))
    }

    @Test("A token's range slices the original string and its Substring shares it")
    func ranges() {
        let text = "leave Beijing on November 2nd"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map { String(text[$0.range]) } == ["leave", "Beijing", "on", "November", "2nd"])
        #expect(tokens[1].scalarOffsets == 6..<13)
        #expect(tokens.allSatisfy { $0.text.base == text })
    }
}
