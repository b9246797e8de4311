/// Turns a token into the key under which a vocabulary looks it up.
///
/// The steps, each switchable, run in this order:
/// 1. NFKC normalisation (compatibility forms fold together: `ｆｕｌｌ` → `full`,
///    `ﬁ` → `fi`, `①` → `1`); when case folding follows, NFKC is applied
///    again after it, so the result is always in NFKC.
/// 2. Full Unicode case folding (`Straße` → `strasse`, `ΣΑΣ` → `σασ`).
/// 3. Every decimal digit of any script becomes `0` (`2nd` → `0nd`,
///    `١٢` → `00`), so numbers of one shape share one entry.
///
/// A normaliser never changes tokens, offsets or the original text: it only
/// makes look-up keys. ASCII tokens (the common case) take a fast path with
/// no ICU call.
///
/// ```swift
/// Normalizer().normalize("November")   // "november"
/// Normalizer().normalize("2nd")        // "0nd"
/// ```
package struct Normalizer: Sendable, Hashable {
    /// Whether keys are put in Unicode Normalization Form KC.
    package var nfkc: Bool
    /// Whether keys are case-folded (full default case folding).
    package var foldCase: Bool
    /// Whether every decimal digit becomes `0`.
    package var replaceDigits: Bool

    /// Creates a normaliser; every step is on by default.
    ///
    /// - Parameters:
    ///   - nfkc: Apply NFKC normalisation.
    ///   - foldCase: Apply full case folding.
    ///   - replaceDigits: Replace each decimal digit with `0`.
    package init(nfkc: Bool = true, foldCase: Bool = true, replaceDigits: Bool = true) {
        self.nfkc = nfkc
        self.foldCase = foldCase
        self.replaceDigits = replaceDigits
    }

    /// A normaliser that changes nothing.
    package static let identity = Normalizer(nfkc: false, foldCase: false, replaceDigits: false)

    /// The look-up key for `token`.
    ///
    /// - Parameter token: A token's text.
    /// - Returns: The token after the enabled steps.
    package func normalize(_ token: some StringProtocol) -> String {
        // The ASCII check runs over the token's UTF-8 buffer, not through the
        // generic view: callers in other modules get this function unspecialized,
        // where each byte read through the protocol costs a witness call.
        if let key = token.utf8.withContiguousStorageIfAvailable(asciiKey) ?? asciiKey(Array(token.utf8)) {
            return key
        }
        var units = Array(token.utf16)
        if nfkc { units = ICUTransform.nfkc(units) }
        if foldCase {
            let folded = ICUTransform.foldCase(units)
            if folded != units {
                units = nfkc ? ICUTransform.nfkc(folded) : folded
            }
        }
        let key = String(decoding: units, as: UTF16.self)
        return replaceDigits ? Self.replacingDigits(in: key) : key
    }

    /// The key for an all-ASCII token given as UTF-8, or `nil` when the token
    /// holds other characters. NFKC changes no ASCII text, and ASCII case
    /// folding is lower-casing A–Z.
    private func asciiKey(_ utf8: some Collection<UInt8>) -> String? {
        var needsChange = false
        for byte in utf8 {
            if byte >= 0x80 { return nil }
            if (foldCase && byte >= 0x41 && byte <= 0x5A) || (replaceDigits && byte >= 0x30 && byte <= 0x39) {
                needsChange = true
            }
        }
        guard needsChange else { return String(decoding: utf8, as: UTF8.self) }
        var bytes = Array(utf8)
        for index in bytes.indices {
            let byte = bytes[index]
            if foldCase, byte >= 0x41, byte <= 0x5A {
                bytes[index] = byte | 0x20
            } else if replaceDigits, byte >= 0x30, byte <= 0x39 {
                bytes[index] = 0x30
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` with every scalar of numeric type decimal replaced by `0`.
    private static func replacingDigits(in text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.numericType == .decimal }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(scalar.properties.numericType == .decimal ? "0" : scalar)
        }
        return String(result)
    }
}
