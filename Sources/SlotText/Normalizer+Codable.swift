extension Normalizer: Codable {
    private enum CodingKeys: String, CodingKey {
        case nfkc, foldCase, replaceDigits
    }

    /// Decodes a normaliser; a missing key takes its default (`true`), so
    /// settings written by an older version keep their meaning.
    ///
    /// - Throws: `DecodingError` when a key holds something other than a Boolean.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            nfkc: try container.decodeIfPresent(Bool.self, forKey: .nfkc) ?? true,
            foldCase: try container.decodeIfPresent(Bool.self, forKey: .foldCase) ?? true,
            replaceDigits: try container.decodeIfPresent(Bool.self, forKey: .replaceDigits) ?? true
        )
    }

    /// Encodes the three switches as `nfkc`, `foldCase` and `replaceDigits`.
    ///
    /// - Throws: Whatever the encoder throws.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nfkc, forKey: .nfkc)
        try container.encode(foldCase, forKey: .foldCase)
        try container.encode(replaceDigits, forKey: .replaceDigits)
    }
}
