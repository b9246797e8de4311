extension TaggingResult {
    /// The result in the CoNLL form `evaluator --predicted` reads, as
    /// `tagger tag --format conll` writes it: a `# intent = NAME` line when
    /// there is an intent, one `token<TAB>label` line per token, and a blank
    /// line. A result without tokens is the blank line alone.
    ///
    /// - Returns: the lines, each ending with a line break.
    public var conllText: String {
        var lines = ""
        if let intent { lines += "# intent = \(intent.label)\n" }
        for token in tokens {
            lines += token.token.text
            lines += "\t"
            lines += token.label
            lines += "\n"
        }
        lines += "\n"
        return lines
    }
}
