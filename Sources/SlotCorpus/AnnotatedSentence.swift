/// One labelled sentence of an annotated corpus: tokens, one BIO label per
/// token, and optionally the intent of the whole utterance.
public struct AnnotatedSentence: Hashable, Sendable {
    /// The tokens' texts, in order.
    public var tokens: [String]
    /// One label per token, in BIO form (`B-type`, `I-type`, `O`) or a plain tag.
    public var labels: [String]
    /// The intent of the utterance, when the corpus has intents.
    public var intent: String?
    /// The 1-based line of the source file where the sentence starts (0 when unknown).
    public var line: Int

    /// Creates a sentence; `tokens` and `labels` must have the same length.
    public init(tokens: [String], labels: [String], intent: String? = nil, line: Int = 0) {
        precondition(tokens.count == labels.count, "a sentence needs one label per token")
        self.tokens = tokens
        self.labels = labels
        self.intent = intent
        self.line = line
    }
}
