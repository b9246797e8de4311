/// Makes tokens of one text from positions given in increasing order,
/// turning UTF-8 offsets into `String.Index` values in constant time each.
struct TokenBuilder {
    /// The text the tokens come from.
    let text: String
    /// The last index made, and its UTF-8 offset.
    private var index: String.Index
    private var indexOffset = 0

    /// Creates a builder for tokens of `text`.
    init(text: String) {
        self.text = text
        self.index = text.startIndex
    }

    /// The token between `start` and `end`, which must not lie before the end
    /// of the previous token made.
    ///
    /// - Parameter category: The token's category; `nil` derives it from the
    ///   token's first scalar.
    mutating func token(from start: TextPosition, to end: TextPosition, category: TokenCategory?) -> Token {
        let lower = self.index(atUTF8Offset: start.utf8)
        let upper = self.index(atUTF8Offset: end.utf8)
        let slice = text[lower..<upper]
        return Token(
            text: slice,
            range: lower..<upper,
            scalarOffsets: start.scalar..<end.scalar,
            utf16Offsets: start.utf16..<end.utf16,
            utf8Offsets: start.utf8..<end.utf8,
            category: category ?? TokenCategory(firstScalarOf: slice)
        )
    }

    private mutating func index(atUTF8Offset offset: Int) -> String.Index {
        index = text.utf8.index(index, offsetBy: offset - indexOffset)
        indexOffset = offset
        return index
    }
}
