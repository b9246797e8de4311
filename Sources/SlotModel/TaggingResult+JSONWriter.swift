import SlotIO

extension TaggingResult {
    /// Writes the record that ``encode(to:)`` encodes (the same keys, in the
    /// same order, to the same bytes under `JSONLineEncoder`) straight into
    /// `writer`, leaving the object open for members after it.
    ///
    /// Tokens, slots and intents, the bulk of every record, are written here
    /// member by member; a slot's `value` and the `values` groups, which few
    /// records have, go through their `Encodable` forms.
    ///
    /// - Parameters:
    ///   - writer: the writer, at the place of a value.
    ///   - intentRankingLength: how many intents `intent_ranking` lists.
    /// - Throws: `EncodingError.invalidValue` when a confidence is not a finite number.
    package func beginRecord(in writer: inout JSONWriter, intentRankingLength: Int) throws {
        writer.beginObject()
        writer.key(CodingKeys.text.stringValue)
        writer.string(text)
        writer.key(CodingKeys.tokens.stringValue)
        writer.beginArray()
        for token in tokens { try token.write(to: &writer) }
        writer.endArray()
        writer.key(CodingKeys.slots.stringValue)
        writer.beginArray()
        for slot in slots { try slot.write(to: &writer) }
        writer.endArray()
        writer.key(CodingKeys.intent.stringValue)
        if let intent {
            try intent.write(to: &writer, keys: (Intent.CodingKeys.label.stringValue, Intent.CodingKeys.confidence.stringValue))
        } else {
            writer.null()
        }
        writer.key(CodingKeys.intentRanking.stringValue)
        writer.beginArray()
        for ranked in intentRanking.prefix(max(0, intentRankingLength)) {
            try ranked.write(
                to: &writer, keys: (RankedIntent.CodingKeys.name.stringValue, RankedIntent.CodingKeys.confidence.stringValue))
        }
        writer.endArray()
        if !values.isEmpty {
            writer.key(CodingKeys.values.stringValue)
            writer.json(try JSONLineEncoder().encode(values))
        }
    }
}

extension JSONWriter {
    /// Writes a probability rounded as records round it (``TaggingResult/rounded(_:)``).
    ///
    /// - Parameter probability: the probability.
    /// - Throws: `EncodingError.invalidValue` when it is not a finite number.
    mutating func confidence(_ probability: Float) throws {
        let units = TaggingResult.roundedUnits(probability)
        if units.magnitude < 1e15 {
            decimal(units: Int(units), decimals: TaggingResult.confidenceDecimals)
        } else if !number(units / TaggingResult.confidenceScale) {
            throw EncodingError.invalidValue(
                probability, EncodingError.Context(codingPath: [], debugDescription: "\(probability) is not a JSON number"))
        }
    }
}

extension TaggedToken {
    /// Writes the record ``encode(to:)`` encodes.
    fileprivate func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key(TaggingResult.MemberKeys.text.stringValue)
        writer.string(token.text)
        writer.key(TaggingResult.MemberKeys.start.stringValue)
        writer.integer(token.scalarOffsets.lowerBound)
        writer.key(TaggingResult.MemberKeys.end.stringValue)
        writer.integer(token.scalarOffsets.upperBound)
        writer.key(TaggingResult.MemberKeys.label.stringValue)
        writer.string(label)
        writer.key(TaggingResult.MemberKeys.confidence.stringValue)
        try writer.confidence(confidence)
        writer.endObject()
    }
}

extension Slot {
    /// Writes the record ``encode(to:)`` encodes.
    fileprivate func write(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key(TaggingResult.MemberKeys.label.stringValue)
        writer.string(label)
        writer.key(TaggingResult.MemberKeys.text.stringValue)
        writer.string(text)
        writer.key(TaggingResult.MemberKeys.start.stringValue)
        writer.integer(scalarOffsets.lowerBound)
        writer.key(TaggingResult.MemberKeys.end.stringValue)
        writer.integer(scalarOffsets.upperBound)
        writer.key(TaggingResult.MemberKeys.confidence.stringValue)
        try writer.confidence(confidence)
        if let value {
            writer.key(TaggingResult.MemberKeys.value.stringValue)
            writer.json(try JSONLineEncoder().encode(value))
        }
        if let canonical {
            writer.key(TaggingResult.MemberKeys.canonical.stringValue)
            writer.string(canonical)
        }
        writer.endObject()
    }
}

extension Intent {
    /// Writes `{"label", "confidence"}` as ``encode(to:)`` does, or with
    /// `intent_ranking`'s keys, `{"name", "confidence"}`.
    fileprivate func write(to writer: inout JSONWriter, keys: (label: String, confidence: String)) throws {
        writer.beginObject()
        writer.key(keys.label)
        writer.string(label)
        writer.key(keys.confidence)
        try writer.confidence(confidence)
        writer.endObject()
    }
}
