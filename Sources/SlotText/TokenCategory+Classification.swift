extension TokenCategory {
    /// The category for an ICU word-break rule status: 100–199 number,
    /// 200–299 letter, 300–399 kana, 400–499 ideographic, anything else other.
    ///
    /// - Parameter ruleStatus: The value of `ubrk_getRuleStatus` for a segment.
    package init(ruleStatus: Int32) {
        switch ruleStatus {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideographic
        default: self = .other
        }
    }

    /// The category suggested by the first scalar of `text`, for tokens that
    /// did not come from ICU: a decimal digit gives ``number``, an ideograph
    /// ``ideographic``, hiragana or katakana ``kana``, another alphabetic
    /// scalar ``letter``, and anything else (or empty text) ``other``.
    ///
    /// This approximates ICU's status: `3.5kg` is a ``number`` here, while ICU
    /// calls it a ``letter``; kana words that ICU finds with its Chinese and
    /// Japanese dictionary (`から`) are ``ideographic`` in ICU's status.
    ///
    /// - Parameter text: The token's text.
    package init(firstScalarOf text: some StringProtocol) {
        guard let scalar = text.unicodeScalars.first else {
            self = .other
            return
        }
        let properties = scalar.properties
        if properties.numericType == .decimal {
            self = .number
        } else if properties.isIdeographic {
            self = .ideographic
        } else if Self.isKana(scalar.value) {
            self = .kana
        } else if properties.isAlphabetic {
            self = .letter
        } else {
            self = .other
        }
    }

    /// Whether `value` is in the Hiragana, Katakana, Katakana Phonetic
    /// Extensions or halfwidth katakana blocks.
    private static func isKana(_ value: UInt32) -> Bool {
        switch value {
        case 0x3041...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: true
        default: false
        }
    }
}
