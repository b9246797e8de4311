/// The characters a model knows, as Unicode scalars with dense ids; unknown
/// scalars map to ``Vocabulary/unknownId``.
public struct CharacterVocabulary: Hashable, Sendable, Codable {
    /// The id of a scalar the vocabulary does not hold.
    public static let unknownId = Vocabulary.unknownId
    /// The underlying vocabulary, one entry per scalar.
    public let vocabulary: Vocabulary

    /// Wraps a vocabulary whose entries are single Unicode scalars.
    public init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// Builds the vocabulary of every scalar of `tokens` seen at least `minimumCount` times.
    public init<Tokens: Sequence>(tokens: Tokens, minimumCount: Int = 1) where Tokens.Element: StringProtocol {
        var builder = VocabularyBuilder()
        for token in tokens {
            for scalar in token.unicodeScalars { builder.add(String(scalar)) }
        }
        vocabulary = builder.build(minimumCount: minimumCount)
    }

    /// The number of ids, special entries included.
    public var count: Int { vocabulary.count }

    /// One id per Unicode scalar of `token`.
    public func ids(of token: some StringProtocol) -> [Int] {
        token.unicodeScalars.map { vocabulary.id(of: String($0)) }
    }

    /// Decodes from the wrapped vocabulary's form.
    public init(from decoder: any Decoder) throws {
        vocabulary = try Vocabulary(from: decoder)
    }

    /// Encodes in the wrapped vocabulary's form.
    public func encode(to encoder: any Encoder) throws {
        try vocabulary.encode(to: encoder)
    }
}
