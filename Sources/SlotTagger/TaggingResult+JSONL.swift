import SlotIO

extension TaggingResult {
    /// How many intents a JSONL record's `intent_ranking` lists unless told
    /// otherwise: 10, the length of Rasa's `intent_ranking`, which holds every
    /// SNIPS intent and the 10 likeliest of ATIS's 21.
    public static let defaultIntentRankingLength = 10

    /// The result as one line of JSON, the record `tagger tag --format jsonl`
    /// writes: the result's `Codable` form (see `TaggingResult.encode(to:)`)
    /// with its keys in the documented order,
    ///
    /// ```json
    /// {"text": "leave Beijing on November 2nd",
    ///  "tokens": [{"text": "Beijing", "start": 6, "end": 13, "label": "B-fromloc.city_name", "confidence": 0.97}, …],
    ///  "slots": [{"label": "fromloc.city_name", "text": "Beijing", "start": 6, "end": 13, "confidence": 0.97}, …],
    ///  "intent": {"label": "atis_flight", "confidence": 0.99}}
    /// ```
    /// and, with alternatives, an `"nbest"` array: each entry has the
    /// labelling's `probability`, its `labels` (one per token) and its `slots`.
    ///
    /// `intent_ranking` lists the best `intentRankingLength` intents. (The
    /// record is written member by member, not through `Encodable`, which
    /// costs several times more; the bytes are the same.)
    ///
    /// - Parameters:
    ///   - alternatives: the n-best labellings to add, or `nil` for none.
    ///   - intentRankingLength: how many intents `intent_ranking` lists (0: an empty list).
    /// - Returns: the record, without a line break.
    /// - Throws: `EncodingError.invalidValue` when a confidence is not a
    ///   finite number (a damaged model), since JSON has no `nan`.
    public func jsonRecord(
        alternatives: [TaggingAlternative]? = nil, intentRankingLength: Int = TaggingResult.defaultIntentRankingLength
    ) throws -> String {
        var writer = JSONWriter()
        try beginRecord(in: &writer, intentRankingLength: intentRankingLength)
        if let alternatives {
            writer.key("nbest")
            writer.json(try JSONLineEncoder().encode(alternatives))
        }
        writer.endObject()
        return writer.text
    }
}
