import SlotText
import SlotValues

/// Results encode as the JSONL record of `tagger tag --format jsonl`, keys in
/// this order:
///
/// ```json
/// {"text": "leave Beijing", "tokens": [{"text": "leave", "start": 0, "end": 5, "label": "O", "confidence": 0.9998}, …],
///  "slots": [{"label": "fromloc.city_name", "text": "Beijing", "start": 6, "end": 13, "confidence": 0.97}],
///  "intent": {"label": "atis_flight", "confidence": 0.99},
///  "intent_ranking": [{"name": "atis_flight", "confidence": 0.99}, {"name": "atis_airfare", "confidence": 0.004}, …]}
/// ```
///
/// `intent_ranking` is ``TaggingResult/intentRanking`` (every intent, best
/// first; empty without an intent) with Rasa's keys `name` and `confidence`.
/// `start` and `end` count Unicode scalars of `text`, end exclusive (Python's
/// `text[start:end]`); confidences are rounded to 4 decimals; `intent` is
/// `null` when there is none. A slot that resolves has a `"value"` (a
/// ``SlotValue``: `{"type": "date", "value": "2026-11-02", "grain": "day"}`)
/// and one the model's synonym table holds a `"canonical"` form; `"values"`
/// (after `intent`, only when there are any) lists the value groups (`{"name": "depart_date", "members": [1, 2],
/// "value": {…}}`, members indexing `slots`). Decoding reads such a record
/// back and rebuilds every range and offset from `text`; records without the
/// value fields read as results without values.
extension TaggingResult: Codable {
    enum CodingKeys: String, CodingKey {
        case text, tokens, slots, intent, values
        case intentRanking = "intent_ranking"
    }

    /// One entry of `intent_ranking`: `{"name", "confidence"}`, as Rasa writes it.
    struct RankedIntent: Codable {
        enum CodingKeys: String, CodingKey {
            case name, confidence
        }

        var name: String
        var confidence: Double
    }

    /// The keys of a token or a slot in a record.
    enum MemberKeys: String, CodingKey {
        case text, start, end, label, confidence, value, canonical
    }

    /// Writes the record.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(slots, forKey: .slots)
        try container.encode(intent, forKey: .intent)
        try container.encode(
            intentRanking.map { RankedIntent(name: $0.label, confidence: Self.rounded($0.confidence)) }, forKey: .intentRanking)
        if !values.isEmpty { try container.encode(values, forKey: .values) }
    }

    /// Reads a record written by ``encode(to:)``.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: `DecodingError` when a key is missing, has the wrong type, or
    ///   an offset does not lie within `text`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        var tokenList = try container.nestedUnkeyedContainer(forKey: .tokens)
        var tokens: [TaggedToken] = []
        while !tokenList.isAtEnd {
            let member = try tokenList.nestedContainer(keyedBy: MemberKeys.self)
            let token = try Self.token(in: text, member: member)
            tokens.append(TaggedToken(
                token: token, label: try member.decode(String.self, forKey: .label),
                confidence: try member.decode(Float.self, forKey: .confidence)))
        }
        var slotList = try container.nestedUnkeyedContainer(forKey: .slots)
        var slots: [Slot] = []
        while !slotList.isAtEnd {
            let member = try slotList.nestedContainer(keyedBy: MemberKeys.self)
            let span = try Self.token(in: text, member: member)
            let covered = tokens.indices.filter { span.scalarOffsets.contains(tokens[$0].token.scalarOffsets.lowerBound) }
            slots.append(Slot(
                label: try member.decode(String.self, forKey: .label), text: span.text, range: span.range,
                scalarOffsets: span.scalarOffsets, utf16Offsets: span.utf16Offsets, utf8Offsets: span.utf8Offsets,
                tokenIndices: (covered.first ?? 0) ..< (covered.last.map { $0 + 1 } ?? 0),
                confidence: try member.decode(Float.self, forKey: .confidence),
                value: try member.decodeIfPresent(SlotValue.self, forKey: .value),
                canonical: try member.decodeIfPresent(String.self, forKey: .canonical)))
        }
        self.init(
            text: text, tokens: tokens, slots: slots,
            intent: try container.decodeIfPresent(Intent.self, forKey: .intent),
            intentRanking: (try container.decodeIfPresent([RankedIntent].self, forKey: .intentRanking) ?? []).map {
                Intent(label: $0.name, confidence: Float($0.confidence))
            },
            values: try container.decodeIfPresent([ValueGroup].self, forKey: .values) ?? [])
    }

    /// The stretch of `text` a token or slot record's `start` and `end` name.
    private static func token(in text: String, member: KeyedDecodingContainer<MemberKeys>) throws -> Token {
        let start = try member.decode(Int.self, forKey: .start), end = try member.decode(Int.self, forKey: .end)
        guard start <= end, let token = Token(in: text, scalarOffsets: start..<end) else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: member, debugDescription: "offsets \(start)..<\(end) do not lie within the text")
        }
        return token
    }

    /// How many decimals a record gives a probability.
    static let confidenceDecimals = 4

    /// `10^confidenceDecimals`.
    static let confidenceScale = 10_000.0

    /// A probability as the record writes it: rounded to ``confidenceDecimals`` decimals.
    static func rounded(_ probability: some BinaryFloatingPoint) -> Double {
        roundedUnits(probability) / confidenceScale
    }

    /// A probability rounded to a whole number of units of `1 / confidenceScale`.
    static func roundedUnits(_ probability: some BinaryFloatingPoint) -> Double {
        (Double(probability) * confidenceScale).rounded()
    }
}

/// A tagged token encodes as `{"text", "start", "end", "label", "confidence"}`
/// (see ``TaggingResult``); it is read back as part of a whole result, whose
/// text its offsets point into.
extension TaggedToken: Encodable {
    /// Writes the token's record.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TaggingResult.MemberKeys.self)
        try container.encode(String(token.text), forKey: .text)
        try container.encode(token.scalarOffsets.lowerBound, forKey: .start)
        try container.encode(token.scalarOffsets.upperBound, forKey: .end)
        try container.encode(label, forKey: .label)
        try container.encode(TaggingResult.rounded(confidence), forKey: .confidence)
    }
}

/// A slot encodes as `{"label", "text", "start", "end", "confidence"}`, then
/// `"value"` and `"canonical"` when it has them (see ``TaggingResult``); it is
/// read back as part of a whole result, whose text its offsets point into.
extension Slot: Encodable {
    /// Writes the slot's record.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TaggingResult.MemberKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(String(text), forKey: .text)
        try container.encode(scalarOffsets.lowerBound, forKey: .start)
        try container.encode(scalarOffsets.upperBound, forKey: .end)
        try container.encode(TaggingResult.rounded(confidence), forKey: .confidence)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(canonical, forKey: .canonical)
    }
}

/// An intent encodes as `{"label", "confidence"}`, the confidence rounded to 4 decimals.
extension Intent: Codable {
    enum CodingKeys: String, CodingKey {
        case label, confidence
    }

    /// Writes the intent's record.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(TaggingResult.rounded(confidence), forKey: .confidence)
    }

    /// Reads an intent's record.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: `DecodingError` when a key is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try container.decode(String.self, forKey: .label), confidence: try container.decode(Float.self, forKey: .confidence))
    }
}
