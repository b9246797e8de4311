import SlotTagger

/// Turns the tokens of an annotated sentence (a CoNLL file's first column)
/// into an utterance to tag: the tokens joined by single spaces, each with
/// its exact range and offsets in that text.
package enum JoinedTokens {
    /// The text and tokens for a token list.
    ///
    /// - Parameter words: the tokens, in order (they may hold spaces).
    /// - Returns: the joined text and one token per word, category `other`
    ///   (the tagger reads only the tokens' text).
    package static func utterance(_ words: [String]) -> (text: String, tokens: [Token]) {
        let text = words.joined(separator: " ")
        var tokens: [Token] = []
        tokens.reserveCapacity(words.count)
        var scalars = 0, utf16 = 0, utf8 = 0
        for word in words {
            let start = text.utf8.index(text.startIndex, offsetBy: utf8)
            let end = text.utf8.index(start, offsetBy: word.utf8.count)
            let scalarCount = word.unicodeScalars.count, utf16Count = word.utf16.count, utf8Count = word.utf8.count
            tokens.append(Token(
                text: text[start..<end], range: start..<end,
                scalarOffsets: scalars ..< scalars + scalarCount, utf16Offsets: utf16 ..< utf16 + utf16Count,
                utf8Offsets: utf8 ..< utf8 + utf8Count, category: .other))
            scalars += scalarCount + 1
            utf16 += utf16Count + 1
            utf8 += utf8Count + 1
        }
        return (text, tokens)
    }
}
