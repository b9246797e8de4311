extension Token {
    /// The token of `text` between two Unicode scalar offsets, with its other
    /// offsets and its category worked out: how a token read back from JSON
    /// (which records scalar offsets only) finds its place in its text again.
    ///
    /// - Parameters:
    ///   - text: the text the offsets count in.
    ///   - scalarOffsets: the token's offsets in Unicode scalars, end exclusive.
    /// - Returns: the token, or `nil` when the offsets do not lie within `text`
    ///   or do not fall on character boundaries.
    package init?(in text: String, scalarOffsets: Range<Int>) {
        let scalars = text.unicodeScalars
        guard scalarOffsets.lowerBound >= 0,
              let lower = scalars.index(scalars.startIndex, offsetBy: scalarOffsets.lowerBound, limitedBy: scalars.endIndex),
              let upper = scalars.index(lower, offsetBy: scalarOffsets.count, limitedBy: scalars.endIndex),
              lower.samePosition(in: text) != nil, upper.samePosition(in: text) != nil
        else { return nil }
        let slice = text[lower..<upper]
        let utf16Start = text.utf16.distance(from: text.startIndex, to: lower)
        let utf8Start = text.utf8.distance(from: text.startIndex, to: lower)
        self.init(
            text: slice, range: lower..<upper, scalarOffsets: scalarOffsets,
            utf16Offsets: utf16Start ..< utf16Start + slice.utf16.count,
            utf8Offsets: utf8Start ..< utf8Start + slice.utf8.count,
            category: TokenCategory(firstScalarOf: slice))
    }
}
