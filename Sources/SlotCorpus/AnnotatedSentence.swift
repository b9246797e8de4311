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
    /// The original text and its tokens with offsets, when the sentence was
    /// read from running text (JSONL spans); `nil` for CoNLL, whose tokens
    /// are all there is.
    package var original: SentenceText?

    /// Creates a sentence; `tokens` and `labels` must have the same length.
    public init(tokens: [String], labels: [String], intent: String? = nil, line: Int = 0) {
        self.init(tokens: tokens, labels: labels, intent: intent, line: line, original: nil)
    }

    /// Creates a sentence read from running text; `tokens` and `labels` must
    /// have the same length, and so must `original`'s tokens when it is given.
    package init(tokens: [String], labels: [String], intent: String?, line: Int, original: SentenceText?) {
        precondition(tokens.count == labels.count, "a sentence needs one label per token")
        precondition(original.map { $0.tokens.count == tokens.count } ?? true, "the original text needs one token per label")
        self.tokens = tokens
        self.labels = labels
        self.intent = intent
        self.line = line
        self.original = original
    }
}
