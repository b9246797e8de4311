import SlotText
import Testing

@Suite("Tokenizer properties over seeded random Unicode text")
struct TokenizerPropertyTests {
    @Test("Offsets slice back to the token, tokens are ordered, and only separators are dropped", arguments: Tokenizer.Mode.allCases)
    func lossless(mode: Tokenizer.Mode) {
        var random = RandomText(seed: mode == .words ? 2024 : 4202)
        let tokenizer = Tokenizer(mode: mode)
        for _ in 0..<400 {
            let text = random.string()
            let tokens = tokenizer.tokenize(text)
            #expect(violations(of: tokens, in: text).isEmpty, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("Pre-tokenized splitting keeps the same invariants")
    func losslessSplit() {
        var random = RandomText(seed: 77)
        for _ in 0..<400 {
            let text = random.string()
            let tokens = Tokenizer.splitAtSeparators(text)
            #expect(violations(of: tokens, in: text).isEmpty, "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Every broken invariant, described; empty when the tokens are sound.
    private func violations(of tokens: [Token], in text: String) -> [String] {
        var problems: [String] = []
        let scalars = Array(text.unicodeScalars)
        let utf16 = Array(text.utf16)
        let utf8 = Array(text.utf8)
        var rebuilt: [UInt8] = []
        var previousEnd = 0
        for token in tokens {
            let expected = token.text.unicodeScalars.map(\.value)
            if expected.isEmpty { problems.append("empty token at \(token.utf8Offsets)") }
            if text[token.range].unicodeScalars.map(\.value) != expected { problems.append("range of \(expected)") }
            if scalars[token.scalarOffsets].map(\.value) != expected { problems.append("scalar offsets of \(expected)") }
            if String(decoding: utf16[token.utf16Offsets], as: UTF16.self).unicodeScalars.map(\.value) != expected {
                problems.append("UTF-16 offsets of \(expected)")
            }
            if String(decoding: utf8[token.utf8Offsets], as: UTF8.self).unicodeScalars.map(\.value) != expected {
                problems.append("UTF-8 offsets of \(expected)")
            }
            if token.utf8Offsets.lowerBound < previousEnd { problems.append("overlap at \(token.utf8Offsets)") }
            let gap = utf8[previousEnd..<max(previousEnd, token.utf8Offsets.lowerBound)]
            if !String(decoding: gap, as: UTF8.self).unicodeScalars.allSatisfy(Tokenizer.isSeparator) {
                problems.append("non-separator dropped before \(expected)")
            }
            if let first = token.text.unicodeScalars.first, let last = token.text.unicodeScalars.last,
               Tokenizer.isSeparator(first) || Tokenizer.isSeparator(last) {
                problems.append("separator at the edge of \(expected)")
            }
            rebuilt += gap
            rebuilt += utf8[token.utf8Offsets]
            previousEnd = max(previousEnd, token.utf8Offsets.upperBound)
        }
        let tail = utf8[previousEnd...]
        if !String(decoding: tail, as: UTF8.self).unicodeScalars.allSatisfy(Tokenizer.isSeparator) {
            problems.append("non-separator dropped at the end")
        }
        rebuilt += tail
        if rebuilt != utf8 { problems.append("tokens and separators do not rebuild the input") }
        return problems
    }
}
