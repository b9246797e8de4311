import SlotText

/// The record `tagger tokenize --format jsonl` writes for one line:
/// `{"text": ..., "tokens": [{"text": ..., "start": ..., "end": ..., "category": ...}]}`,
/// offsets in Unicode scalars, end exclusive.
struct TokenRecord: Encodable {
    enum CodingKeys: String, CodingKey {
        case text, tokens
    }

    enum TokenKeys: String, CodingKey {
        case text, start, end, category
    }

    let text: String
    let tokens: [Token]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        var list = container.nestedUnkeyedContainer(forKey: .tokens)
        for token in tokens {
            var member = list.nestedContainer(keyedBy: TokenKeys.self)
            try member.encode(String(token.text), forKey: .text)
            try member.encode(token.scalarOffsets.lowerBound, forKey: .start)
            try member.encode(token.scalarOffsets.upperBound, forKey: .end)
            try member.encode(token.category, forKey: .category)
        }
    }
}
