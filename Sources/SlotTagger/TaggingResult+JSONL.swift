extension TaggingResult {
    /// How many intents a JSONL record's `intent_ranking` lists unless told
    /// otherwise: 10, the length of Rasa's `intent_ranking`, which holds every
    /// SNIPS intent and the 10 likeliest of ATIS's 21.
    public static let defaultIntentRankingLength = 10

    /// The result as one line of JSON, the record `tagger tag --format jsonl` writes:
    ///
    /// ```json
    /// {"text": "leave Beijing on November 2nd",
    ///  "tokens": [{"text": "Beijing", "start": 6, "end": 13, "label": "B-fromloc.city_name", "confidence": 0.97}, …],
    ///  "slots": [{"label": "fromloc.city_name", "text": "Beijing", "start": 6, "end": 13, "confidence": 0.97}, …],
    ///  "intent": {"label": "atis_flight", "confidence": 0.99}}
    /// ```
    /// `start` and `end` count Unicode scalars of `text`, end exclusive (so
    /// Python's `text[start:end]` is the exact original text); confidences
    /// are rounded to 4 decimals. `intent` is `null` when the result has none
    /// (and `nlu_fallback` when the tagger's fallback replaced an uncertain
    /// intent). `"intent_ranking": [{"name", "confidence"}, …]` follows it: the
    /// best ``intentRankingLength`` intents of ``intentRanking``, best first
    /// (empty when there is no intent). With alternatives, an `"nbest"` array follows: each entry has the
    /// labelling's `probability`, its `labels` (one per token) and its `slots`.
    ///
    /// - Parameters:
    ///   - alternatives: the n-best labellings to add, or `nil` for none.
    ///   - intentRankingLength: how many intents `intent_ranking` lists, or
    ///     `nil` to leave the field out.
    /// - Returns: the record, without a line break.
    public func jsonRecord(
        alternatives: [TaggingAlternative]? = nil, intentRankingLength: Int? = TaggingResult.defaultIntentRankingLength
    ) -> String {
        var record = "{\"text\": "
        JSONEscaping.appendQuoted(text, to: &record)
        record += ", \"tokens\": ["
        for (index, token) in tokens.enumerated() {
            record += index == 0 ? "{\"text\": " : ", {\"text\": "
            JSONEscaping.appendQuoted(token.token.text, to: &record)
            record += ", \"start\": \(token.token.scalarOffsets.lowerBound), \"end\": \(token.token.scalarOffsets.upperBound)"
            record += ", \"label\": "
            JSONEscaping.appendQuoted(token.label, to: &record)
            record += ", \"confidence\": \(Probability.text(Double(token.confidence), decimals: 4))}"
        }
        record += "], \"slots\": "
        Self.appendSlots(slots, to: &record)
        record += ", \"intent\": "
        if let intent {
            record += "{\"label\": "
            JSONEscaping.appendQuoted(intent.label, to: &record)
            record += ", \"confidence\": \(Probability.text(Double(intent.confidence), decimals: 4))}"
        } else {
            record += "null"
        }
        if let intentRankingLength {
            record += ", \"intent_ranking\": ["
            for (index, ranked) in intentRanking.prefix(intentRankingLength).enumerated() {
                record += index == 0 ? "{\"name\": " : ", {\"name\": "
                JSONEscaping.appendQuoted(ranked.label, to: &record)
                record += ", \"confidence\": \(Probability.text(Double(ranked.confidence), decimals: 4))}"
            }
            record += "]"
        }
        if let alternatives {
            record += ", \"nbest\": ["
            for (index, alternative) in alternatives.enumerated() {
                record += index == 0 ? "{" : ", {"
                record += "\"probability\": \(Probability.text(alternative.probability, decimals: 4)), \"labels\": ["
                for (labelIndex, label) in alternative.labels.enumerated() {
                    if labelIndex > 0 { record += ", " }
                    JSONEscaping.appendQuoted(label, to: &record)
                }
                record += "], \"slots\": "
                Self.appendSlots(alternative.slots, to: &record)
                record += "}"
            }
            record += "]"
        }
        record += "}"
        return record
    }

    /// Appends `[{"label": …, "text": …, "start": …, "end": …, "confidence": …}, …]`.
    private static func appendSlots(_ slots: [Slot], to record: inout String) {
        record += "["
        for (index, slot) in slots.enumerated() {
            record += index == 0 ? "{\"label\": " : ", {\"label\": "
            JSONEscaping.appendQuoted(slot.label, to: &record)
            record += ", \"text\": "
            JSONEscaping.appendQuoted(slot.text, to: &record)
            record += ", \"start\": \(slot.scalarOffsets.lowerBound), \"end\": \(slot.scalarOffsets.upperBound)"
            record += ", \"confidence\": \(Probability.text(Double(slot.confidence), decimals: 4))}"
        }
        record += "]"
    }
}
