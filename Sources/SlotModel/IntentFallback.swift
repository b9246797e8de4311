/// What a ``Tagger`` answers when its best intent is too uncertain: a
/// reserved intent in place of a guess, so that a chatbot can ask the user to
/// rephrase instead of acting on an utterance from another domain.
///
/// ```swift
/// var tagger = try Tagger(contentsOf: "models/atis-en")
/// tagger.intentFallback = IntentFallback()            // the default threshold
/// let result = tagger.tag("play some jazz by Miles Davis")
/// result.intent?.label       // "nlu_fallback"
/// result.intentRanking[0]    // the model's best guess, kept
/// ```
///
/// The rule, with `p₁` the probability of the best intent:
/// ```
/// intent = p₁ < threshold ? Intent(label: name, confidence: threshold) : the best intent
/// ```
/// The ranking (``TaggingResult/intentRanking``) is left as the model gave it.
public struct IntentFallback: Hashable, Sendable {
    /// The name of the reserved intent, `nlu_fallback` (as Rasa names it).
    public static let defaultName = "nlu_fallback"
    /// The threshold chosen on the dev splits, 0.89: the highest of 0.1, 0.2,
    /// …, 0.8, 0.81, …, 0.99 at which at most 5% of either shipped model's
    /// own dev utterances fall back (with their calibration), so that a chatbot
    /// refuses at most about one request in twenty of its own domain; at 0.89
    /// the ATIS model catches 94.0% of the SNIPS dev utterances and the SNIPS
    /// model 76.6% of the ATIS ones. `scripts/confidence-figures.sh` measures
    /// it and the README gives the table: a higher threshold catches more
    /// utterances from other domains and loses more of the model's own.
    public static let defaultThreshold: Float = 0.89

    /// The probability below which the best intent is replaced, in `[0, 1]`.
    public let threshold: Float
    /// The reserved intent's name.
    public let name: String

    /// Creates a fallback rule.
    ///
    /// - Parameters:
    ///   - threshold: the probability below which the best intent gives way;
    ///     0 never falls back, 1 nearly always does.
    ///   - name: the reserved intent's name.
    public init(threshold: Float = IntentFallback.defaultThreshold, name: String = IntentFallback.defaultName) {
        precondition((0...1).contains(threshold), "a fallback threshold is a probability, got \(threshold)")
        self.threshold = threshold
        self.name = name
    }

    /// The intent to report for a ranking.
    ///
    /// - Parameter ranking: every intent with its probability, best first.
    /// - Returns: the best intent, or the reserved intent with the threshold
    ///   as its confidence when the best one's probability is below the
    ///   threshold; `nil` for an empty ranking.
    public func intent(for ranking: [Intent]) -> Intent? {
        guard let best = ranking.first else { return nil }
        return best.confidence < threshold ? Intent(label: name, confidence: threshold) : best
    }
}
