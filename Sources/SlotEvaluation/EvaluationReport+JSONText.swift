import SlotIO

extension EvaluationReport {
    /// The report as JSON text: the keys of its `Codable` form in a fixed
    /// order (scores, counts, `labels` by support, the confusions, then what
    /// was measured: the vocabulary split, calibration, out-of-domain), with
    /// every percentage rounded to two decimals the way conlleval prints them
    /// (`95.12`, `33.33`, `100`), and `"intentAccuracy": null` without intents.
    ///
    /// One key per line; each label and each confusion fits on one line.
    /// Strings are escaped as JSON requires; non-ASCII text is kept as UTF-8.
    ///
    /// - Returns: The JSON text, ending with a newline.
    public func jsonText() -> String {
        typealias Key = CodingKeys
        var fields: [(Key, String)] = [
            (.precision, Self.jsonNumber(precision)),
            (.recall, Self.jsonNumber(recall)),
            (.f1, Self.jsonNumber(f1)),
            (.tokenAccuracy, Self.jsonNumber(tokenAccuracy)),
            (.intentAccuracy, intentAccuracy.map(Self.jsonNumber) ?? "null"),
        ]
        let counts: [(Key, Int)] = [
            (.tokens, tokens), (.sentences, sentences), (.goldChunks, goldChunks), (.foundChunks, foundChunks),
            (.correctChunks, correctChunks), (.correctTokens, correctTokens),
            (.intentSentences, intentSentences), (.correctIntents, correctIntents),
        ]
        fields += counts.map { ($0.0, String($0.1)) }
        let labelLines = labels.map { "\(JSONEscaping.quoted($0.label)): \(Self.jsonObject($0))" }
        fields.append((.labels, Self.block(labelLines, open: "{", close: "}")))
        fields.append((.confusions, Self.block(confusions.map(Self.jsonObject), open: "[", close: "]")))
        fields.append((.intentConfusions, Self.block(intentConfusions.map(Self.jsonObject), open: "[", close: "]")))
        if let vocabularySplit {
            let classes: [(VocabularySplit.CodingKeys, LabelScore)] = [
                (.inVocabulary, vocabularySplit.inVocabulary), (.outOfVocabulary, vocabularySplit.outOfVocabulary),
            ]
            let lines = classes.map { "\(JSONEscaping.quoted($0.0.stringValue)): \(Self.jsonObject($0.1))" }
            fields.append((.vocabularySplit, Self.block(lines, open: "{", close: "}")))
        }
        if let calibration {
            var members: [String] = []
            if let intents = calibration.intents { members.append("\"intents\": \(Self.jsonObject(intents))") }
            members.append("\"chunks\": \(Self.jsonObject(calibration.chunks))")
            fields.append((.calibration, Self.block(members, open: "{", close: "}")))
        }
        if let outOfDomain { fields.append((.outOfDomain, Self.jsonObject(outOfDomain))) }
        let body = fields.map { "  \(JSONEscaping.quoted($0.0.stringValue)): \($0.1)" }.joined(separator: ",\n")
        return "{\n\(body)\n}\n"
    }

    /// A JSON object or array whose members are `lines`, one per line, indented under a top-level key.
    private static func block(_ lines: [String], open: String, close: String) -> String {
        lines.isEmpty ? open + close : open + "\n    " + lines.joined(separator: ",\n    ") + "\n  " + close
    }

    /// A chunk type's or class's scores as a one-line JSON object, its members in
    /// ``LabelScore/CodingKeys`` order (the label is the key it is stored under).
    private static func jsonObject(_ score: LabelScore) -> String {
        let members: [(LabelScore.CodingKeys, String)] = [
            (.precision, jsonNumber(score.precision)), (.recall, jsonNumber(score.recall)),
            (.f1, jsonNumber(score.f1)), (.support, String(score.support)),
            (.found, String(score.found)), (.correct, String(score.correct)),
        ]
        return "{" + members.map { "\(JSONEscaping.quoted($0.0.stringValue)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// One confusion cell as a one-line JSON object.
    private static func jsonObject(_ confusion: LabelConfusion) -> String {
        "{\"gold\": \(JSONEscaping.quoted(confusion.gold)), \"predicted\": \(JSONEscaping.quoted(confusion.predicted)), "
            + "\"count\": \(confusion.count)}"
    }

    /// A reliability summary on one line: ECE and means as percentages rounded
    /// to two decimals, then every bin (`lower`, `upper`, `count`, `confidence`
    /// and `accuracy` as fractions rounded to four decimals).
    private static func jsonObject(_ reliability: Reliability) -> String {
        let bins = reliability.bins.map { bin in
            "{\"lower\": \(fraction(bin.lower)), \"upper\": \(fraction(bin.upper)), \"count\": \(bin.count), "
                + "\"confidence\": \(fraction(bin.confidence)), \"accuracy\": \(fraction(bin.accuracy))}"
        }
        return "{\"expectedCalibrationError\": \(jsonNumber(reliability.expectedCalibrationError)), "
            + "\"count\": \(reliability.count), \"meanConfidence\": \(fraction(reliability.meanConfidence)), "
            + "\"accuracy\": \(fraction(reliability.accuracy)), \"bins\": [\(bins.joined(separator: ", "))]}"
    }

    /// The out-of-domain separation on one line: AUROC and thresholds as
    /// fractions rounded to four decimals, rates as percentages to two.
    private static func jsonObject(_ separation: OutOfDomainSeparation) -> String {
        "{\"areaUnderROC\": \(fraction(separation.areaUnderROC)), \"inDomainCount\": \(separation.inDomainCount), "
            + "\"outOfDomainCount\": \(separation.outOfDomainCount), \"threshold\": \(fraction(separation.threshold)), "
            + "\"inDomainFallbackRate\": \(jsonNumber(separation.inDomainFallbackRate)), "
            + "\"outOfDomainFallbackRate\": \(jsonNumber(separation.outOfDomainFallbackRate)), "
            + "\"bestThreshold\": \(fraction(separation.bestThreshold)), "
            + "\"bestBalancedAccuracy\": \(jsonNumber(separation.bestBalancedAccuracy))}"
    }

    /// A fraction rounded to four decimals, without trailing zeros: `0.9712`, `0.5`, `1`.
    static func fraction(_ value: Double) -> String {
        trimmed(FixedPoint.format(value, fractionDigits: 4))
    }

    /// A percentage rounded to two decimals, without trailing zeros: `95.1`, `33.33`, `100`.
    static func jsonNumber(_ value: Double) -> String {
        trimmed(FixedPoint.format(value, fractionDigits: 2))
    }

    /// Fixed-point text without trailing zeros after the point, and `0` for `-0`.
    private static func trimmed(_ fixed: String) -> String {
        var text = fixed
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
