/// One token of a text, with its exact place in the original string.
///
/// Offsets are given in three units so that every consumer can slice the
/// original text without re-counting: Unicode scalars (what Python's `str`
/// indexes), UTF-16 code units (what ICU, JavaScript and `NSString` index) and
/// UTF-8 bytes (what files and Rust's `str` index). All ranges are half-open.
public struct Token: Hashable, Sendable {
    /// The token's text exactly as it appears in the original string.
    public var text: Substring
    /// The token's range in the original `String`.
    public var range: Range<String.Index>
    /// The token's offsets counted in Unicode scalars.
    public var scalarOffsets: Range<Int>
    /// The token's offsets counted in UTF-16 code units.
    public var utf16Offsets: Range<Int>
    /// The token's offsets counted in UTF-8 bytes.
    public var utf8Offsets: Range<Int>
    /// What kind of text the token holds, from ICU's rule status.
    public var category: TokenCategory

    /// Creates a token from its text, range, offsets and category.
    package init(
        text: Substring,
        range: Range<String.Index>,
        scalarOffsets: Range<Int>,
        utf16Offsets: Range<Int>,
        utf8Offsets: Range<Int>,
        category: TokenCategory
    ) {
        self.text = text
        self.range = range
        self.scalarOffsets = scalarOffsets
        self.utf16Offsets = utf16Offsets
        self.utf8Offsets = utf8Offsets
        self.category = category
    }
}

/// The kind of a token, from the rule status of ICU's word break iterator.
///
/// ICU reports 100–199 for numbers, 200–299 for letters, 300–399 for kana,
/// 400–499 for ideographs and 0–99 for anything else (punctuation, symbols,
/// emoji). Grapheme tokens carry ``other``.
public enum TokenCategory: String, Hashable, Sendable, Codable, CaseIterable {
    /// A number, such as `3.5` or `1000`.
    case number
    /// A word of letters, such as `Beijing` or `clásicos`.
    case letter
    /// A word written in kana.
    case kana
    /// A word written in ideographs, such as `北京`.
    case ideographic
    /// Anything else: punctuation, symbols, emoji.
    case other
}
