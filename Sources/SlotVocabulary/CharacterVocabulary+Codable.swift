extension CharacterVocabulary: Codable {
    /// Decodes a vocabulary from a JSON array of its entries in id order.
    /// - Throws: the decoder's errors, or a ``VocabularyError`` (see ``init(entries:)``).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(entries: container.decode([String].self))
    }

    /// Encodes the entries in id order as one array of strings.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }
}
