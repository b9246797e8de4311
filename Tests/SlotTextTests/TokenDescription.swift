import SlotText

/// One line per token: its text, its offsets in scalars, UTF-16 units and
/// UTF-8 bytes, and its category, so that pinned expectations read like a
/// table and mismatches show exactly which field differs.
func describe(_ tokens: [Token]) -> [String] {
    tokens.map { token in
        let scalars = token.scalarOffsets, utf16 = token.utf16Offsets, utf8 = token.utf8Offsets
        return "\(token.text) s\(scalars.lowerBound)-\(scalars.upperBound) u\(utf16.lowerBound)-\(utf16.upperBound) "
            + "b\(utf8.lowerBound)-\(utf8.upperBound) \(token.category)"
    }
}

/// The tokens' texts, each as its exact scalar values (canonically equivalent
/// strings compare equal in Swift, so exactness needs scalars).
func scalarValues(_ tokens: [Token]) -> [[UInt32]] {
    tokens.map { $0.text.unicodeScalars.map(\.value) }
}
