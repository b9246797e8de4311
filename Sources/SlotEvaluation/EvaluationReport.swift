/// The scores of a prediction against gold labels, as conlleval.pl computes
/// them, plus intent accuracy and the most frequent errors.
///
/// Scores are percentages (0 to 100). Chunk scores:
/// ```
/// precision = 100 × correctChunks / foundChunks   (0 when foundChunks = 0)
/// recall    = 100 × correctChunks / goldChunks    (0 when goldChunks = 0)
/// f1        = 2 × precision × recall / (precision + recall)   (0 when both are 0)
/// tokenAccuracy = 100 × correctTokens / tokens    (O tokens included)
/// ```
/// Make one with ``ChunkScorer``. Its `Codable` form is the evaluator's JSON
/// contract (`precision`, `recall`, `f1`, `tokenAccuracy`, `intentAccuracy`,
/// which is `null` without intents, and `labels` keyed by chunk type) with
/// full-precision numbers; ``jsonText()`` writes the same keys rounded to two
/// decimals, and ``text(maximumErrors:)`` renders it for people.
public struct EvaluationReport: Equatable, Sendable {
    /// Percentage of predicted chunks that match a gold chunk in start, end and type.
    public let precision: Double
    /// Percentage of gold chunks that the prediction matches.
    public let recall: Double
    /// Harmonic mean of ``precision`` and ``recall``, as a percentage (conlleval's FB1).
    public let f1: Double
    /// Percentage of tokens whose predicted label equals the gold label, `O` tokens included.
    public let tokenAccuracy: Double
    /// Percentage of sentences with a gold intent whose predicted intent equals it;
    /// `nil` when no sentence has a gold intent.
    public let intentAccuracy: Double?
    /// Per chunk type scores, by ``LabelScore/support`` (most gold chunks first), then by name.
    ///
    /// Every type that occurs in the gold or the predicted labels is listed,
    /// so a type that only the prediction uses has support 0.
    public let labels: [LabelScore]

    /// The number of tokens scored.
    public let tokens: Int
    /// The number of sentences scored.
    public let sentences: Int
    /// The number of gold chunks (conlleval's "phrases").
    public let goldChunks: Int
    /// The number of predicted chunks (conlleval's "found").
    public let foundChunks: Int
    /// The number of predicted chunks that match a gold chunk exactly (conlleval's "correct").
    public let correctChunks: Int
    /// The number of tokens whose predicted label equals the gold label.
    public let correctTokens: Int
    /// The number of sentences that have a gold intent.
    public let intentSentences: Int
    /// The number of those sentences whose predicted intent equals the gold intent.
    public let correctIntents: Int
    /// Token-level label errors, most frequent first (then by gold, then predicted label).
    public let confusions: [LabelConfusion]
    /// Intent errors, most frequent first (then by gold, then predicted intent).
    public let intentConfusions: [LabelConfusion]
    /// Chunk scores split by whether every token of a chunk is in the model's
    /// training vocabulary, when a model was scored (predictions read from a
    /// file come without the model's vocabulary).
    public var vocabularySplit: VocabularySplit?
    /// The calibration of the model's confidences, when a model was scored
    /// (predictions read from a file carry no confidences).
    public var calibration: CalibrationReport?
    /// How well the intent confidence separates the test corpus from an
    /// out-of-domain corpus, when one was given.
    public var outOfDomain: OutOfDomainSeparation?

    /// Assembles a report from its counts, computing every percentage from them.
    ///
    /// - Parameters:
    ///   - labels: Per-type scores, in any order; the report sorts them.
    ///   - tokens: Tokens scored.
    ///   - sentences: Sentences scored.
    ///   - correctTokens: Tokens with the gold label.
    ///   - intentSentences: Sentences with a gold intent.
    ///   - correctIntents: Of those, sentences with the gold intent predicted.
    ///   - confusions: Token-level errors, in any order; the report sorts them.
    ///   - intentConfusions: Intent errors, in any order; the report sorts them.
    init(
        labels: [LabelScore], tokens: Int, sentences: Int, correctTokens: Int,
        intentSentences: Int, correctIntents: Int,
        confusions: [LabelConfusion], intentConfusions: [LabelConfusion]
    ) {
        let gold = labels.reduce(0) { $0 + $1.support }
        let found = labels.reduce(0) { $0 + $1.found }
        let correct = labels.reduce(0) { $0 + $1.correct }
        precision = Percent.of(correct, in: found)
        recall = Percent.of(correct, in: gold)
        f1 = Percent.harmonicMean(precision, recall)
        tokenAccuracy = Percent.of(correctTokens, in: tokens)
        intentAccuracy = intentSentences > 0 ? Percent.of(correctIntents, in: intentSentences) : nil
        self.labels = labels.sorted(by: Self.mostSupportedFirst)
        self.tokens = tokens
        self.sentences = sentences
        goldChunks = gold
        foundChunks = found
        correctChunks = correct
        self.correctTokens = correctTokens
        self.intentSentences = intentSentences
        self.correctIntents = correctIntents
        self.confusions = confusions.sorted(by: LabelConfusion.mostFrequentFirst)
        self.intentConfusions = intentConfusions.sorted(by: LabelConfusion.mostFrequentFirst)
    }

    /// Restores a report field by field, as decoded from its JSON form.
    init(
        precision: Double, recall: Double, f1: Double, tokenAccuracy: Double, intentAccuracy: Double?,
        labels: [LabelScore], tokens: Int, sentences: Int,
        goldChunks: Int, foundChunks: Int, correctChunks: Int, correctTokens: Int,
        intentSentences: Int, correctIntents: Int,
        confusions: [LabelConfusion], intentConfusions: [LabelConfusion]
    ) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.tokenAccuracy = tokenAccuracy
        self.intentAccuracy = intentAccuracy
        self.labels = labels.sorted(by: Self.mostSupportedFirst)
        self.tokens = tokens
        self.sentences = sentences
        self.goldChunks = goldChunks
        self.foundChunks = foundChunks
        self.correctChunks = correctChunks
        self.correctTokens = correctTokens
        self.intentSentences = intentSentences
        self.correctIntents = correctIntents
        self.confusions = confusions
        self.intentConfusions = intentConfusions
    }

    /// The scores of one chunk type, or `nil` when neither gold nor prediction has it.
    ///
    /// - Parameter label: A chunk type, e.g. `toloc.city_name` (no `B-`/`I-` prefix).
    /// - Returns: The type's scores.
    public func score(for label: String) -> LabelScore? {
        labels.first { $0.label == label }
    }

    /// Orders per-type scores by support, largest first, then by name.
    static func mostSupportedFirst(_ lhs: LabelScore, _ rhs: LabelScore) -> Bool {
        lhs.support != rhs.support ? lhs.support > rhs.support : lhs.label < rhs.label
    }
}
