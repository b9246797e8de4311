/// Chunk scores split by whether a chunk's words are known: how well a model
/// finds slots made of words it saw in training against slots with a word it
/// never saw.
///
/// A chunk is **in-vocabulary** when `isKnown` holds for every one of its
/// tokens, and **out-of-vocabulary** otherwise. Gold chunks are classified by
/// their tokens, and so are predicted chunks; a correct predicted chunk has
/// the same tokens as its gold chunk, so both fall in the same class. For
/// each class, as ``LabelScore`` computes them:
/// ```
/// precision = 100 × correct / found     (0 when found = 0)
/// recall    = 100 × correct / gold      (0 when gold = 0)
/// f1        = 2 × precision × recall / (precision + recall)   (0 when both are 0)
/// ```
/// A class without chunks scores 0, never not-a-number.
///
/// Chunks are read with conlleval's rules (``ChunkScorer/TagRules/conlleval``)
/// and a predicted chunk is correct when a gold chunk has its tokens and type.
/// So the gold and predicted chunks of the two classes always add up to
/// ``ChunkScorer``'s counts, and the correct ones do whenever every label is
/// `O` or has a chunk type (BIO, IOB1, IOE, `S-`), as models and the corpus
/// readers produce. Only with plain tags such as POS tags or `.`, whose
/// chunks of the empty type conlleval.pl lets run on across `O`, can its
/// count of correct chunks differ from exact matches.
public struct VocabularySplit: Hashable, Sendable {
    /// The scores of the chunks whose tokens are all known (label `in-vocabulary`).
    public let inVocabulary: LabelScore
    /// The scores of the chunks with at least one unknown token (label `out-of-vocabulary`).
    public let outOfVocabulary: LabelScore

    /// The label of ``inVocabulary``.
    static let inVocabularyLabel = "in-vocabulary"
    /// The label of ``outOfVocabulary``.
    static let outOfVocabularyLabel = "out-of-vocabulary"

    /// Splits the chunks of whole data sets.
    ///
    /// - Parameters:
    ///   - tokens: The tokens of each sentence.
    ///   - gold: The gold labels, one array per sentence, one label per token.
    ///   - predicted: The predicted labels, one array per sentence, one label per token.
    ///   - isKnown: Whether a token is in the vocabulary; for a model, whether
    ///     its normalised form has a vector from training.
    /// - Precondition: The three lists have one entry per sentence and each
    ///   sentence as many labels as tokens (``ChunkScorer/score(gold:predicted:goldIntents:predictedIntents:rules:)``
    ///   checks this for predictions that come from outside).
    public init(tokens: [[String]], gold: [[String]], predicted: [[String]], isKnown: (String) -> Bool) {
        precondition(gold.count == tokens.count && predicted.count == tokens.count,
                     "\(tokens.count) token lists, \(gold.count) gold and \(predicted.count) predicted label lists")
        var counts: [Bool: Counts] = [:]  // keyed by whether the chunk is in the vocabulary
        for (sentence, (goldLabels, predictedLabels)) in zip(tokens, zip(gold, predicted)) {
            precondition(goldLabels.count == sentence.count && predictedLabels.count == sentence.count,
                         "\(sentence.count) tokens, \(goldLabels.count) gold and \(predictedLabels.count) predicted labels")
            func isKnownChunk(_ chunk: Chunk) -> Bool { sentence[chunk.tokens].allSatisfy(isKnown) }
            let goldChunks = Set(Chunk.chunks(of: goldLabels))
            for chunk in goldChunks {
                counts[isKnownChunk(chunk), default: Counts()].gold += 1
            }
            for chunk in Chunk.chunks(of: predictedLabels) {
                let known = isKnownChunk(chunk)
                counts[known, default: Counts()].found += 1
                if goldChunks.contains(chunk) { counts[known, default: Counts()].correct += 1 }
            }
        }
        inVocabulary = counts[true, default: Counts()].score(label: Self.inVocabularyLabel)
        outOfVocabulary = counts[false, default: Counts()].score(label: Self.outOfVocabularyLabel)
    }

    /// Restores a split from its two scores, as decoded from a report.
    init(inVocabulary: LabelScore, outOfVocabulary: LabelScore) {
        self.inVocabulary = inVocabulary
        self.outOfVocabulary = outOfVocabulary
    }
}

/// The chunk counts of one class while a ``VocabularySplit`` is computed.
private struct Counts {
    var gold = 0
    var found = 0
    var correct = 0

    /// The class's scores under `label`.
    func score(label: String) -> LabelScore {
        LabelScore(label: label, support: gold, found: found, correct: correct)
    }
}
