import SlotIO

extension TaggingResult {
    /// The result as one line of JSON, the record `tagger tag --format jsonl`
    /// writes: the result's `Codable` form (see ``TaggingResult/encode(to:)``)
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
    /// - Parameter alternatives: the n-best labellings to add, or `nil` for none.
    /// - Returns: the record, without a line break.
    /// - Throws: `EncodingError.invalidValue` when a confidence is not a
    ///   finite number (a damaged model), since JSON has no `nan`.
    public func jsonRecord(alternatives: [TaggingAlternative]? = nil) throws -> String {
        try JSONLineEncoder().encode(Record(result: self, alternatives: alternatives))
    }

    /// A result followed by its n-best labellings, when there are any.
    private struct Record: Encodable {
        enum CodingKeys: String, CodingKey {
            case nbest
        }

        let result: TaggingResult
        let alternatives: [TaggingAlternative]?

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            if let alternatives {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(alternatives, forKey: .nbest)
            }
        }
    }
}
