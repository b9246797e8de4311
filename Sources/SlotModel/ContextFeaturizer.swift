import SlotText
import SlotVocabulary

/// The ids of a token's features that depend on its neighbours, for models of
/// languages written without spaces that read one character per token:
///
/// - **Bigrams.** The normalised texts of two neighbouring tokens, `"北 京"`,
///   with `<s>` before the first token and `</s>` after the last. A sentence of
///   `n` tokens has `n + 1` bigrams; token `i` ends bigram `i` and starts
///   bigram `i + 1` (see ``EncodedSentence/bigramIds``).
/// - **Soft words** (Zhang and Yang 2018). The position of the token inside
///   the ICU word it falls in (``WordPosition``): the tokens' texts are joined
///   without separators, as Chinese is written, and segmented by the
///   tokenizer's word mode (ICU's dictionary for Chinese, Japanese, Thai...),
///   so that a character knows whether it begins, continues or ends a word.
///
/// Both are computed from the tokens' texts alone, so training on a CoNLL
/// file of characters and tagging raw text tokenized into graphemes see the
/// same features.
package struct ContextFeaturizer: Hashable, Sendable, Codable {
    /// A token's place in the ICU word it falls in; the raw value is the row of
    /// the soft-word embedding (row 0 is padding).
    package enum WordPosition: Int, Hashable, Sendable, CaseIterable {
        /// The token begins a word of several tokens.
        case begin = 1
        /// The token is inside a word, neither first nor last.
        case middle
        /// The token ends a word of several tokens.
        case end
        /// The token is a word of its own (or holds several words).
        case single
    }

    /// The rows of the soft-word embedding: padding and the four positions.
    package static let wordPositionRows = WordPosition.allCases.count + 1
    /// The text standing for the position before the first token.
    package static let sentenceStart = "<s>"
    /// The text standing for the position after the last token.
    package static let sentenceEnd = "</s>"

    /// The bigram vocabulary, or `nil` when the model reads no bigrams.
    package let bigrams: Vocabulary?
    /// Whether the model reads soft-word positions.
    package let softwords: Bool

    /// Creates the context features a model reads.
    /// - Parameters:
    ///   - bigrams: the bigram vocabulary (keys from ``bigramKeys(of:)``), or `nil` for none.
    ///   - softwords: whether to compute soft-word positions.
    package init(bigrams: Vocabulary? = nil, softwords: Bool = false) {
        self.bigrams = bigrams
        self.softwords = softwords
    }

    /// Whether the model reads no context features at all (every model trained
    /// before they existed).
    package var isEmpty: Bool { bigrams == nil && !softwords }

    /// The `n + 1` bigram keys of `n` normalised token texts: `"<s> a"`, `"a b"`, …, `"z </s>"`.
    package static func bigramKeys(of normalized: [String]) -> [String] {
        guard !normalized.isEmpty else { return [] }
        let padded = [sentenceStart] + normalized + [sentenceEnd]
        return (0..<normalized.count + 1).map { padded[$0] + " " + padded[$0 + 1] }
    }

    /// The bigram ids of `n` normalised token texts (`n + 1` ids, unknown
    /// bigrams mapping to ``Vocabulary/unknownID``), or none without a bigram vocabulary.
    package func bigramIds(of normalized: [String]) -> [Int] {
        guard let bigrams else { return [] }
        return Self.bigramKeys(of: normalized).map { bigrams.id(of: $0) }
    }

    /// The soft-word ids (``WordPosition`` raw values) of tokens, or none when
    /// the model reads no soft words.
    package func softwordIds(of tokens: [String]) -> [Int] {
        softwords ? Self.wordPositions(of: tokens).map(\.rawValue) : []
    }

    /// Each token's place in the ICU words of the tokens' texts joined without
    /// separators.
    ///
    /// A token that starts where a word starts and ends where a word ends is
    /// ``WordPosition/single`` (also when it holds several words, as a
    /// word-mode token can); one that only starts a word is
    /// ``WordPosition/begin``, one that only ends a word ``WordPosition/end``,
    /// and the others ``WordPosition/middle``.
    ///
    /// ```
    /// 我 想 从 北 京 飞    ICU: 我想 | 从 | 北京 | 飞
    /// B  E  S  B  E  S
    /// ```
    package static func wordPositions(of tokens: [String]) -> [WordPosition] {
        var starts = Set<Int>(), ends = Set<Int>()
        for word in Tokenizer(mode: .words).tokenize(tokens.joined()) {
            starts.insert(word.scalarOffsets.lowerBound)
            ends.insert(word.scalarOffsets.upperBound)
        }
        var offset = 0
        return tokens.map { token in
            let start = offset
            offset += token.unicodeScalars.count
            switch (starts.contains(start), ends.contains(offset)) {
            case (true, true): return .single
            case (true, false): return .begin
            case (false, true): return .end
            case (false, false): return .middle
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case bigrams, softwords
    }

    /// Decodes the context features; absent keys mean none.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bigrams = try container.decodeIfPresent(Vocabulary.self, forKey: .bigrams)
        softwords = try container.decodeIfPresent(Bool.self, forKey: .softwords) ?? false
    }

    /// Encodes the context features (the bigram vocabulary only when there is one).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(bigrams, forKey: .bigrams)
        try container.encode(softwords, forKey: .softwords)
    }
}
