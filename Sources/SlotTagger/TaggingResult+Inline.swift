extension TaggingResult {
    /// The result for people to read, as `tagger tag --format inline` writes it:
    /// the original text with each slot bracketed and followed by its type,
    /// then the intent and its probability.
    ///
    /// ```
    /// leave [Beijing]{fromloc.city_name} on [November]{depart_date.month_name} [2nd]{depart_date.day_number} => atis_flight (0.99)
    /// ```
    /// Without an intent the line ends after the text.
    ///
    /// - Returns: the line, without a line break.
    public var inlineText: String {
        var line = ""
        var position = text.startIndex
        for slot in slots {
            line += text[position ..< slot.range.lowerBound]
            line += "["
            line += slot.text
            line += "]{"
            line += slot.label
            line += "}"
            position = slot.range.upperBound
        }
        line += text[position...]
        if let intent {
            line += " => \(intent.label) (\(Probability.text(Double(intent.confidence), decimals: 2)))"
        }
        return line
    }
}
