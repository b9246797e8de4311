/// One JSONL record as chatbot frameworks keep annotated data.
struct SpanRecord: Codable {
    /// One labelled span of the text.
    struct Slot: Codable {
        /// First scalar of the span.
        var start: Int
        /// Scalar just after the span.
        var end: Int
        /// The slot type, without a B-/I- prefix.
        var label: String
    }

    /// The utterance.
    var text: String
    /// Its intent, when there is one.
    var intent: String?
    /// Its labelled spans; missing means none.
    var slots: [Slot]?
}
