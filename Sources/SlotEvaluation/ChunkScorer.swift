/// Scores predicted label sequences against gold ones, sentence by sentence,
/// counting chunks exactly as conlleval.pl (version 2004-01-26) does.
///
/// ```swift
/// var scorer = ChunkScorer()
/// try scorer.add(gold: ["O", "B-toloc.city_name"], predicted: ["O", "B-toloc.city_name"],
///                goldIntent: "atis_flight", predictedIntent: "atis_flight")
/// scorer.report.f1   // 100
/// ```
///
/// **Chunks.** A label is split at its first hyphen into a tag and a type
/// (`B-fromloc.city_name` → `B`, `fromloc.city_name`; a label without a hyphen,
/// such as `O` or `NOUN`, is a tag with the empty type). A chunk starts at `B`;
/// at `I` after `O`, after a chunk of another type, or at the start of a
/// sentence; it ends before `B`, before `O`, before a label of another type,
/// and at a sentence break. So `I-X` tags alone (IOB1) make chunks, `B-X I-Y`
/// is two chunks, and `B-X B-X` is two adjacent chunks. A predicted chunk is
/// correct when a gold chunk starts and ends at the same tokens with the same
/// type. Each sentence added is followed by a sentence break, as in a CoNLL
/// file whose sentences each end with a blank line.
///
/// **Other tags under conlleval's rules (``TagRules/conlleval``).** `E` is read
/// as in IOE: a chunk ends after `E` before `E`, `I` or `O`, and a chunk
/// starts at `E` after `O` or `E`. Bracket tags `[` and `]` are one-token
/// chunks. `S`, and `B` after `E`, start nothing unless the type changes, so
/// conlleval.pl merges the IOBES chunks `S-X S-X` (and `B-X E-X B-X E-X`) into
/// one; use ``TagRules/iobes`` for IOBES data. Plain tags without a hyphen
/// (POS tags such as `NOUN`) have the empty type: they start no chunk after
/// `O` or another plain tag, so a file of plain tags has no chunks and only
/// token accuracy means anything; use ``TagRules/raw`` to score each plain
/// tag as a one-token chunk, like `conlleval -r`.
///
/// **Tokens.** Token accuracy counts every token, `O` included; a token is
/// correct when its predicted tag and type equal the gold ones (the labels
/// are equal). Errors are tallied as gold/predicted label pairs.
///
/// **Intents.** Sentences added with a gold intent are scored for intent
/// accuracy (a `nil` prediction is an error); with no gold intents at all the
/// report's `intentAccuracy` is `nil`.
public struct ChunkScorer: Sendable {
    /// How labels are read into chunks.
    public enum TagRules: Sendable, Hashable {
        /// conlleval.pl's rules exactly: BIO (IOB2), IOB1, IOE and bracket tags.
        case conlleval
        /// IOBES read properly, then conlleval's rules: `S-X` is a one-token
        /// chunk, `E-X` ends its chunk, and `I-X`/`E-X` right after `E-X` or
        /// `S-X` start a new chunk. Identical to ``conlleval`` on BIO labels.
        case iobes
        /// `conlleval -r`: every label other than `O` is a one-token chunk whose
        /// type is the whole label (for POS tags and other plain tags).
        case raw
    }

    /// The rules this scorer reads labels with.
    public let rules: TagRules

    private var previousGold = ChunkTag.outside
    private var previousPredicted = ChunkTag.outside
    private var previousGoldRaw = ChunkTag.outside
    private var previousPredictedRaw = ChunkTag.outside
    /// Whether the chunk open in both gold and prediction has matched so far.
    private var inMatchingChunk = false
    private var goldChunks: [String: Int] = [:]
    private var foundChunks: [String: Int] = [:]
    private var correctChunks: [String: Int] = [:]
    private var tokens = 0
    private var correctTokens = 0
    private var sentences = 0
    private var intentSentences = 0
    private var correctIntents = 0
    private var tokenErrors: [LabelPair: Int] = [:]
    private var intentErrors: [LabelPair: Int] = [:]

    /// Creates an empty scorer.
    ///
    /// - Parameter rules: How labels are read into chunks; conlleval.pl's by default.
    public init(rules: TagRules = .conlleval) {
        self.rules = rules
    }

    /// Adds one sentence: its gold and predicted labels, and optionally intents.
    ///
    /// - Parameters:
    ///   - gold: The gold label of each token.
    ///   - predicted: The predicted label of each token, as many as `gold`.
    ///   - goldIntent: The sentence's gold intent, or `nil` when it has none.
    ///   - predictedIntent: The predicted intent; compared only when `goldIntent` is set.
    /// - Throws: ``EvaluationError/sentenceLengthMismatch(sentenceIndex:goldCount:predictedCount:)``
    ///   when the label counts differ; the scorer is then unchanged.
    public mutating func add(
        gold: [String], predicted: [String], goldIntent: String? = nil, predictedIntent: String? = nil
    ) throws(EvaluationError) {
        guard gold.count == predicted.count else {
            throw .sentenceLengthMismatch(sentenceIndex: sentences, goldCount: gold.count, predictedCount: predicted.count)
        }
        for (goldLabel, predictedLabel) in zip(gold, predicted) {
            let goldTag = ChunkTag(label: goldLabel)
            let predictedTag = ChunkTag(label: predictedLabel)
            tokens += 1
            if goldTag == predictedTag {
                correctTokens += 1
            } else {
                tokenErrors[LabelPair(gold: goldLabel, predicted: predictedLabel), default: 0] += 1
            }
            step(gold: chunkTag(goldTag, label: goldLabel, after: previousGoldRaw),
                 predicted: chunkTag(predictedTag, label: predictedLabel, after: previousPredictedRaw))
            previousGoldRaw = goldTag
            previousPredictedRaw = predictedTag
        }
        step(gold: .outside, predicted: .outside)
        previousGoldRaw = .outside
        previousPredictedRaw = .outside
        sentences += 1
        if let goldIntent {
            intentSentences += 1
            if predictedIntent == goldIntent {
                correctIntents += 1
            } else {
                intentErrors[LabelPair(gold: goldIntent, predicted: predictedIntent ?? ""), default: 0] += 1
            }
        }
    }

    /// Scores whole data sets at once.
    ///
    /// - Parameters:
    ///   - gold: The gold labels, one array per sentence.
    ///   - predicted: The predicted labels, one array per gold sentence.
    ///   - goldIntents: One gold intent per sentence, or empty when the data has no intents.
    ///   - predictedIntents: One predicted intent per sentence, or empty.
    ///   - rules: How labels are read into chunks.
    /// - Returns: The report.
    /// - Throws: ``EvaluationError/sentenceCountMismatch(what:expected:actual:)`` when a
    ///   non-empty list does not have one entry per gold sentence, and
    ///   ``EvaluationError/sentenceLengthMismatch(sentenceIndex:goldCount:predictedCount:)``
    ///   for the first sentence whose label counts differ.
    public static func score(
        gold: [[String]], predicted: [[String]],
        goldIntents: [String?] = [], predictedIntents: [String?] = [],
        rules: TagRules = .conlleval
    ) throws(EvaluationError) -> EvaluationReport {
        if predicted.count != gold.count {
            throw .sentenceCountMismatch(what: "predicted sentences", expected: gold.count, actual: predicted.count)
        }
        if !goldIntents.isEmpty && goldIntents.count != gold.count {
            throw .sentenceCountMismatch(what: "gold intents", expected: gold.count, actual: goldIntents.count)
        }
        if !predictedIntents.isEmpty && predictedIntents.count != gold.count {
            throw .sentenceCountMismatch(what: "predicted intents", expected: gold.count, actual: predictedIntents.count)
        }
        var scorer = ChunkScorer(rules: rules)
        for index in gold.indices {
            try scorer.add(
                gold: gold[index], predicted: predicted[index],
                goldIntent: goldIntents.isEmpty ? nil : goldIntents[index],
                predictedIntent: predictedIntents.isEmpty ? nil : predictedIntents[index]
            )
        }
        return scorer.report
    }

    /// The scores of everything added so far.
    public var report: EvaluationReport {
        var correct = correctChunks
        if inMatchingChunk {
            // conlleval counts a chunk still matching at the end of the input.
            correct[String(previousGold.type), default: 0] += 1
        }
        let types = Set(goldChunks.keys).union(foundChunks.keys)
        let labels = types.map { type in
            LabelScore(label: type, support: goldChunks[type, default: 0],
                       found: foundChunks[type, default: 0], correct: correct[type, default: 0])
        }
        return EvaluationReport(
            labels: labels, tokens: tokens, sentences: sentences, correctTokens: correctTokens,
            intentSentences: intentSentences, correctIntents: correctIntents,
            confusions: tokenErrors.map { LabelConfusion(gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value) },
            intentConfusions: intentErrors.map {
                LabelConfusion(gold: $0.key.gold, predicted: $0.key.predicted, count: $0.value)
            }
        )
    }

    /// The tag that chunk counting sees for a token, under this scorer's rules.
    ///
    /// - Parameters:
    ///   - tag: The token's label, split at its first hyphen.
    ///   - label: The token's label as given.
    ///   - previous: The previous token's label split the same way (`O` at a sentence start).
    private func chunkTag(_ tag: ChunkTag, label: String, after previous: ChunkTag) -> ChunkTag {
        switch rules {
        case .conlleval:
            return tag
        case .raw:
            return label == "O" ? .outside : ChunkTag(tag: "B", type: label[...])
        case .iobes:
            switch tag.tag {
            case "S":
                return ChunkTag(tag: "B", type: tag.type)
            case "I", "E":
                let afterChunkEnd = (previous.tag == "E" || previous.tag == "S") && previous.type == tag.type
                return ChunkTag(tag: afterChunkEnd ? "B" : "I", type: tag.type)
            default:
                return tag
            }
        }
    }

    /// Advances conlleval's chunk counting by one token (or a sentence break, as `O`/`O`).
    private mutating func step(gold: ChunkTag, predicted: ChunkTag) {
        let goldEnds = gold.endsChunk(after: previousGold)
        let predictedEnds = predicted.endsChunk(after: previousPredicted)
        let goldStarts = gold.startsChunk(after: previousGold)
        let predictedStarts = predicted.startsChunk(after: previousPredicted)
        if inMatchingChunk {
            if goldEnds && predictedEnds && previousGold.type == previousPredicted.type {
                inMatchingChunk = false
                correctChunks[String(previousGold.type), default: 0] += 1
            } else if goldEnds != predictedEnds || gold.type != predicted.type {
                inMatchingChunk = false
            }
        }
        if goldStarts && predictedStarts && gold.type == predicted.type {
            inMatchingChunk = true
        }
        if goldStarts { goldChunks[String(gold.type), default: 0] += 1 }
        if predictedStarts { foundChunks[String(predicted.type), default: 0] += 1 }
        previousGold = gold
        previousPredicted = predicted
    }
}

/// A gold label and the label predicted instead, as a dictionary key.
private struct LabelPair: Hashable, Sendable {
    var gold: String
    var predicted: String
}
