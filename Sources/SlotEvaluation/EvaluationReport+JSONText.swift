import SlotIO

extension EvaluationReport {
    /// The report as JSON text: the keys of its `Codable` form in a fixed
    /// order (scores, counts, `labels` by support, then the confusions), with
    /// every percentage rounded to two decimals the way conlleval prints them
    /// (`95.12`, `33.33`, `100`), and `"intentAccuracy": null` without intents.
    ///
    /// One key per line; each label and each confusion fits on one line.
    /// Strings are escaped as JSON requires; non-ASCII text is kept as UTF-8.
    ///
    /// - Returns: The JSON text, ending with a newline.
    public func jsonText() -> String {
        typealias Key = CodingKeys
        typealias LabelKey = LabelCodingKeys
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
        let labelLines = labels.map { score in
            let members: [(LabelKey, String)] = [
                (.precision, Self.jsonNumber(score.precision)), (.recall, Self.jsonNumber(score.recall)),
                (.f1, Self.jsonNumber(score.f1)), (.support, String(score.support)),
                (.found, String(score.found)), (.correct, String(score.correct)),
            ]
            let object = members.map { "\(JSONEscaping.quoted($0.0.stringValue)): \($0.1)" }.joined(separator: ", ")
            return "\(JSONEscaping.quoted(score.label)): {\(object)}"
        }
        fields.append((.labels, Self.block(labelLines, open: "{", close: "}")))
        fields.append((.confusions, Self.block(confusions.map(Self.jsonObject), open: "[", close: "]")))
        fields.append((.intentConfusions, Self.block(intentConfusions.map(Self.jsonObject), open: "[", close: "]")))
        let body = fields.map { "  \(JSONEscaping.quoted($0.0.stringValue)): \($0.1)" }.joined(separator: ",\n")
        return "{\n\(body)\n}\n"
    }

    /// A JSON object or array whose members are `lines`, one per line, indented under a top-level key.
    private static func block(_ lines: [String], open: String, close: String) -> String {
        lines.isEmpty ? open + close : open + "\n    " + lines.joined(separator: ",\n    ") + "\n  " + close
    }

    /// One confusion cell as a one-line JSON object.
    private static func jsonObject(_ confusion: LabelConfusion) -> String {
        "{\"gold\": \(JSONEscaping.quoted(confusion.gold)), \"predicted\": \(JSONEscaping.quoted(confusion.predicted)), "
            + "\"count\": \(confusion.count)}"
    }

    /// A percentage rounded to two decimals, without trailing zeros: `95.1`, `33.33`, `100`.
    static func jsonNumber(_ value: Double) -> String {
        var text = FixedPoint.format(value, fractionDigits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
