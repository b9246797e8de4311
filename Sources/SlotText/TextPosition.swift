/// A position in a text counted in the three offset units a ``Token`` carries.
struct TextPosition: Hashable {
    /// Offset in UTF-8 bytes.
    var utf8 = 0
    /// Offset in Unicode scalars.
    var scalar = 0
    /// Offset in UTF-16 code units.
    var utf16 = 0

    /// The position just after `scalar`, which starts at this position.
    func advanced(over scalar: Unicode.Scalar) -> TextPosition {
        TextPosition(
            utf8: utf8 + UTF8.width(scalar),
            scalar: self.scalar + 1,
            utf16: utf16 + UTF16.width(scalar)
        )
    }
}
