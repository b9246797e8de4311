/// The split's JSON form: `{"inVocabulary": {...}, "outOfVocabulary": {...}}`,
/// each class an object with the members of an entry of the report's `labels`
/// (`precision`, `recall`, `f1`, `support` for the gold chunks, `found`, `correct`).
extension VocabularySplit: Codable {
    enum CodingKeys: String, CodingKey {
        case inVocabulary, outOfVocabulary
    }

    /// Encodes both classes with full-precision numbers.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, score) in [(CodingKeys.inVocabulary, inVocabulary), (.outOfVocabulary, outOfVocabulary)] {
            var entry = container.nestedContainer(keyedBy: LabelScore.CodingKeys.self, forKey: key)
            try score.encodeMembers(to: &entry)
        }
    }

    /// Decodes a split written by ``encode(to:)``.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when a class or one of its members is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func score(_ key: CodingKeys, label: String) throws -> LabelScore {
            try LabelScore(label: label, members: container.nestedContainer(keyedBy: LabelScore.CodingKeys.self, forKey: key))
        }
        self.init(
            inVocabulary: try score(.inVocabulary, label: Self.inVocabularyLabel),
            outOfVocabulary: try score(.outOfVocabulary, label: Self.outOfVocabularyLabel))
    }
}
