/// The evaluator's JSON contract: `intentAccuracy` is always present (`null`
/// without intents) and `labels` is an object keyed by chunk type;
/// `vocabularySplit`, `calibration` and `outOfDomain` appear only when measured.
extension EvaluationReport: Codable {
    enum CodingKeys: String, CodingKey {
        case precision, recall, f1, tokenAccuracy, intentAccuracy
        case tokens, sentences, goldChunks, foundChunks, correctChunks, correctTokens
        case intentSentences, correctIntents
        case labels, confusions, intentConfusions
        case vocabularySplit, calibration, outOfDomain
    }

    /// A chunk type used as a key of the `labels` object.
    struct LabelKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the report with full-precision numbers and `null` for a missing intent accuracy.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(tokenAccuracy, forKey: .tokenAccuracy)
        if let intentAccuracy {
            try container.encode(intentAccuracy, forKey: .intentAccuracy)
        } else {
            try container.encodeNil(forKey: .intentAccuracy)
        }
        try container.encode(tokens, forKey: .tokens)
        try container.encode(sentences, forKey: .sentences)
        try container.encode(goldChunks, forKey: .goldChunks)
        try container.encode(foundChunks, forKey: .foundChunks)
        try container.encode(correctChunks, forKey: .correctChunks)
        try container.encode(correctTokens, forKey: .correctTokens)
        try container.encode(intentSentences, forKey: .intentSentences)
        try container.encode(correctIntents, forKey: .correctIntents)
        var labelsContainer = container.nestedContainer(keyedBy: LabelKey.self, forKey: .labels)
        for score in labels {
            var entry = labelsContainer.nestedContainer(keyedBy: LabelScore.CodingKeys.self, forKey: LabelKey(stringValue: score.label))
            try score.encodeMembers(to: &entry)
        }
        try container.encode(confusions, forKey: .confusions)
        try container.encode(intentConfusions, forKey: .intentConfusions)
        try container.encodeIfPresent(vocabularySplit, forKey: .vocabularySplit)
        try container.encodeIfPresent(calibration, forKey: .calibration)
        try container.encodeIfPresent(outOfDomain, forKey: .outOfDomain)
    }

    /// Decodes a report written by ``encode(to:)`` or ``jsonText()``.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when a key is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let labelsContainer = try container.nestedContainer(keyedBy: LabelKey.self, forKey: .labels)
        var labels: [LabelScore] = []
        for key in labelsContainer.allKeys {
            let entry = try labelsContainer.nestedContainer(keyedBy: LabelScore.CodingKeys.self, forKey: key)
            labels.append(try LabelScore(label: key.stringValue, members: entry))
        }
        var report = Self(
            precision: try container.decode(Double.self, forKey: .precision),
            recall: try container.decode(Double.self, forKey: .recall),
            f1: try container.decode(Double.self, forKey: .f1),
            tokenAccuracy: try container.decode(Double.self, forKey: .tokenAccuracy),
            intentAccuracy: try container.decodeIfPresent(Double.self, forKey: .intentAccuracy),
            labels: labels,
            tokens: try container.decode(Int.self, forKey: .tokens),
            sentences: try container.decode(Int.self, forKey: .sentences),
            goldChunks: try container.decode(Int.self, forKey: .goldChunks),
            foundChunks: try container.decode(Int.self, forKey: .foundChunks),
            correctChunks: try container.decode(Int.self, forKey: .correctChunks),
            correctTokens: try container.decode(Int.self, forKey: .correctTokens),
            intentSentences: try container.decode(Int.self, forKey: .intentSentences),
            correctIntents: try container.decode(Int.self, forKey: .correctIntents),
            confusions: try container.decode([LabelConfusion].self, forKey: .confusions),
            intentConfusions: try container.decode([LabelConfusion].self, forKey: .intentConfusions)
        )
        report.vocabularySplit = try container.decodeIfPresent(VocabularySplit.self, forKey: .vocabularySplit)
        report.calibration = try container.decodeIfPresent(CalibrationReport.self, forKey: .calibration)
        report.outOfDomain = try container.decodeIfPresent(OutOfDomainSeparation.self, forKey: .outOfDomain)
        self = report
    }
}
