/// One of the most probable labellings of an utterance, from ``Tagger/nBest(_:k:)``.
///
/// A chatbot can use the runners-up to ask back when the best reading is
/// uncertain ("to Boston or from Boston?").
public struct TaggingAlternative: Hashable, Sendable {
    /// The labelling's probability over all valid labellings of the utterance.
    public let probability: Double
    /// The tokens with this labelling's labels; each confidence is the
    /// marginal probability of that label at that token.
    public let tokens: [TaggedToken]
    /// The slots of this labelling; each confidence is the probability that
    /// exactly this chunk is in the utterance.
    public let slots: [Slot]

    /// Creates an alternative.
    ///
    /// - Parameters:
    ///   - probability: the labelling's probability.
    ///   - tokens: the tokens with their labels.
    ///   - slots: the slots the labels form.
    public init(probability: Double, tokens: [TaggedToken], slots: [Slot]) {
        self.probability = probability
        self.tokens = tokens
        self.slots = slots
    }

    /// The labels, one per token (`O`, `B-…`, `I-…`).
    public var labels: [String] { tokens.map(\.label) }
}
