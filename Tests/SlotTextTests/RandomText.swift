/// A seeded generator of awkward Unicode text for property tests.
struct RandomText {
    /// SplitMix64: small, fast and fully determined by its seed.
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// Fragments drawn from the scripts and characters that break tokenizers.
    private static let fragments: [String] = [
        "flight", "Boston", "I'd", "e-mail", "U.S.A.", "3.5kg", "2nd", "1,000", "$", "?", "!", "...", "#",
        "caf\u{E9}", "cafe\u{301}", "\u{301}", "\u{308}", "\u{E1}", "\u{F1}", "Stra\u{DF}e",
        "北京", "我想", "飞往", "東京", "から", "ฉัน", "เชียงใหม่", "ไป",
        "مرحبا", "שלום", "👍🏽", "👨‍👩‍👧", "\u{200D}", "🇫🇷", "😀",
        " ", "  ", "\t", "\r\n", "\n", "\r", "\u{A0}", "\u{3000}", "\u{200B}", "\u{2028}", "\0", "\u{1}", "\u{FEFF}",
    ]

    /// A string of up to `maximum` fragments and random scalars.
    mutating func string(maximum: Int = 24) -> String {
        var text = ""
        for _ in 0..<below(maximum + 1) {
            if below(4) == 0 {
                text.unicodeScalars.append(randomScalar())
            } else {
                text += Self.fragments[below(Self.fragments.count)]
            }
        }
        return text
    }

    /// A scalar from a few interesting ranges, or anywhere in the code space.
    private mutating func randomScalar() -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xC0...0x24F, 0x300...0x36F, 0x4E00...0x9FFF, 0xE00...0xE7F, 0x600...0x6FF,
            0x1F300...0x1F6FF, 0x1F3FB...0x1F3FF, 0x0...0x10FFFF,
        ]
        let range = ranges[below(ranges.count)]
        while true {
            let value = range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }
}
