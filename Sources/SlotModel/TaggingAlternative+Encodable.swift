/// An alternative encodes as `{"probability", "labels", "slots"}`, the entry
/// of the `nbest` array of `tagger tag --format jsonl`; the probability is
/// rounded to 4 decimals.
extension TaggingAlternative: Encodable {
    enum CodingKeys: String, CodingKey {
        case probability, labels, slots
    }

    /// Writes the alternative's record.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(TaggingResult.rounded(probability), forKey: .probability)
        try container.encode(labels, forKey: .labels)
        try container.encode(slots, forKey: .slots)
    }
}
