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
    /// The ids of the sentence's token bigrams, `count + 1` of them (empty when
    /// the model reads no bigrams): entry `i` is the bigram that ends at token
    /// `i` (entry 0 starts at the sentence's start, entry `count` ends at its
    /// end), so token `i` starts bigram `i + 1`. See ``ContextFeaturizer``.
    package var bigramIds: [Int] = []
    /// One word-position id per token (empty when the model reads none): the
    /// token's place in the ICU word it falls in. See ``ContextFeaturizer``.
    package var softwordIds: [Int] = []
    /// One row of the model's pretrained vectors per token, `nil` for a word
    /// they lack (empty when the model reads none). See ``Featurizer/pretrained``.
    package var pretrainedRows: [Int?] = []

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
