import SlotText
import Testing

@Suite("Pre-tokenized input split at separators")
struct SplitAtSeparatorsTests {
    @Test("Runs of non-separators are tokens, with exact offsets and first-scalar categories")
    func split() {
        let tokens = Tokenizer.splitAtSeparators("  i'd fly to 北京\t on nov. 2nd 👍🏽 ")
        #expect(describe(tokens) == [
            "i'd s2-5 u2-5 b2-5 letter",
            "fly s6-9 u6-9 b6-9 letter",
            "to s10-12 u10-12 b10-12 letter",
            "北京 s13-15 u13-15 b13-19 ideographic",
            "on s17-19 u17-19 b21-23 letter",
            "nov. s20-24 u20-24 b24-28 letter",
            "2nd s25-28 u25-28 b29-32 number",
            "👍🏽 s29-31 u29-33 b33-41 other",
        ])
    }

    @Test("Separator-only input gives no tokens")
    func empty() {
        #expect(Tokenizer.splitAtSeparators("").isEmpty)
        #expect(Tokenizer.splitAtSeparators(" \u{A0}\r\n").isEmpty)
    }

    @Test("Categories from the first scalar cover kana and other scripts")
    func categories() {
        #expect(TokenCategory(firstScalarOf: "から") == .kana)
        #expect(TokenCategory(firstScalarOf: "٣") == .number)
        #expect(TokenCategory(firstScalarOf: "-") == .other)
        #expect(TokenCategory(firstScalarOf: "") == .other)
    }

    @Test("ICU rule statuses map to categories by hundreds")
    func ruleStatus() {
        #expect([0, 99, 100, 199, 200, 299, 300, 399, 400, 499, 500].map(TokenCategory.init(ruleStatus:)) == [
            .other, .other, .number, .number, .letter, .letter, .kana, .kana, .ideographic, .ideographic, .other,
        ])
    }
}
