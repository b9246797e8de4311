extension Tokenizer {
    /// How a ``Tokenizer`` segments text. The raw value is the name used in
    /// model bundles and on the command line.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// ICU word boundaries: words, numbers, punctuation marks, symbols.
        case words
        /// ICU extended grapheme clusters: one token per user-perceived character.
        case graphemes
    }
}
