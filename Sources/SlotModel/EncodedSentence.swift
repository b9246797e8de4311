/// A sentence turned into the ids the network reads: word ids, each word's
/// character ids, and (for training) label and intent ids.
package struct EncodedSentence: Hashable, Sendable {
    /// One word id per token.
    package var wordIds: [Int]
    /// One non-empty list of character ids per token.
    package var characterIds: [[Int]]
    /// One label id per token, when known.
    package var labelIds: [Int]?
    /// The intent id, when known.
    package var intentId: Int?

    /// Creates an encoded sentence.
    package init(wordIds: [Int], characterIds: [[Int]], labelIds: [Int]? = nil, intentId: Int? = nil) {
        precondition(wordIds.count == characterIds.count, "one character list per word")
        self.wordIds = wordIds
        self.characterIds = characterIds
        self.labelIds = labelIds
        self.intentId = intentId
    }

    /// The number of tokens.
    package var count: Int { wordIds.count }
}
