import SlotText

/// A sentence's original text with its tokens, whose offsets point into it.
package struct SentenceText: Hashable, Sendable {
    /// The text exactly as it was given.
    package var text: String
    /// The tokens of `text`, in order, with ranges and offsets into `text`.
    package var tokens: [Token]

    /// Creates a text with its tokens.
    ///
    /// - Parameters:
    ///   - text: The original text.
    ///   - tokens: Tokens whose ranges lie in `text`, in order.
    package init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
    }
}
