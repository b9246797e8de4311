extension Vocabulary: Codable {
    /// Decodes a vocabulary from a JSON array of its entries in id order.
    /// - Throws: the decoder's errors, or a ``VocabularyError`` when the special
    ///   entries are missing or an entry repeats.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(entries: container.decode([String].self))
    }

    /// Encodes the entries in id order as one array of strings (no counts).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }
}
