/// Splits text into tokens with ICU's boundary rules, keeping every token's
/// exact place in the original string.
///
/// In ``Mode/words`` mode a token is an ICU word-break segment: words, numbers
/// (`3.5kg`), dictionary words in scripts written without spaces (北京, เชียงใหม่)
/// and single punctuation marks and symbols. In ``Mode/graphemes`` mode a token
/// is one user-perceived character (👍🏽 is one token). In both modes separators
/// (see ``isSeparator(_:)``) never belong to a token: a segment of separators
/// only gives no token, and separators at a segment's edges are left out of it.
/// Everything else is kept, punctuation included, so the tokens and the
/// dropped separators together give back the input exactly.
///
/// ```swift
/// let tokens = Tokenizer().tokenize("leave Beijing on November 2nd")
/// tokens.map(\.text)          // ["leave", "Beijing", "on", "November", "2nd"]
/// tokens[1].scalarOffsets     // 6..<13
/// ```
///
/// `Tokenizer` is a value with no shared mutable state: every call opens its
/// own ICU iterator, so one tokenizer can serve any number of threads at once.
/// Tokenizing costs one pass of ICU over the UTF-8 bytes plus one pass that
/// counts scalars and UTF-16 units; no string is allocated per token.
public struct Tokenizer: Sendable, Hashable, Codable {
    /// How the tokenizer segments text: ICU words or grapheme clusters.
    public var mode: Mode

    /// Creates a tokenizer.
    ///
    /// - Parameter mode: Word segmentation (the default) or one token per
    ///   grapheme cluster.
    public init(mode: Mode = .words) {
        self.mode = mode
    }

    /// Splits `text` into tokens.
    ///
    /// - Parameter text: Any string; its length must stay below 2 GiB of UTF-8.
    /// - Returns: The tokens in text order, non-overlapping, each with its
    ///   range in `text`, its offsets in Unicode scalars, UTF-16 units and UTF-8
    ///   bytes, and its category (``TokenCategory/other`` in grapheme mode).
    ///
    /// - Precondition: ICU's break rules load (they are part of libicu's data;
    ///   a broken ICU installation stops the process with ICU's error name).
    public func tokenize(_ text: String) -> [Token] {
        let kind: ICUBreakIterator.Kind = mode == .words ? .word : .character
        let tokens = text.utf8.withContiguousStorageIfAvailable { bytes in
            Self.tokens(of: text, bytes: bytes, kind: kind)
        }
        if let tokens { return tokens }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Self.tokens(of: text, bytes: $0, kind: kind) }
    }

    /// Splits already tokenized text at separators (see ``isSeparator(_:)``),
    /// without ICU: every maximal run of non-separators is one token.
    ///
    /// This serves input whose tokens were chosen elsewhere (the corpora's
    /// space-separated `seq.in` lines, `tagger tag --pretokenized`). Offsets
    /// are exact as in ``tokenize(_:)``; the category is derived from the
    /// token's first scalar (see ``TokenCategory/init(firstScalarOf:)``).
    ///
    /// - Parameter text: Tokens separated by whitespace.
    /// - Returns: The tokens in text order.
    public static func splitAtSeparators(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var builder = TokenBuilder(text: text)
        var start: TextPosition?
        var position = TextPosition()
        for scalar in text.unicodeScalars {
            let next = position.advanced(over: scalar)
            if isSeparator(scalar) {
                if let tokenStart = start {
                    tokens.append(builder.token(from: tokenStart, to: position, category: nil))
                    start = nil
                }
            } else if start == nil {
                start = position
            }
            position = next
        }
        if let tokenStart = start {
            tokens.append(builder.token(from: tokenStart, to: position, category: nil))
        }
        return tokens
    }

    /// Whether `scalar` separates tokens and is never part of one.
    ///
    /// Separators are the Unicode `White_Space` characters (space, tab, line
    /// and paragraph breaks including CR and LF, NBSP U+00A0, the typographic
    /// spaces U+2000–U+200A, U+202F, U+205F, U+3000, ...) and three invisible
    /// characters that only mark word edges: ZERO WIDTH SPACE U+200B, WORD
    /// JOINER U+2060 and ZERO WIDTH NO-BREAK SPACE (byte order mark) U+FEFF.
    /// NUL and other control characters are not separators: they become tokens.
    ///
    /// - Parameter scalar: Any Unicode scalar.
    /// - Returns: `true` for the characters listed above.
    package static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        isSeparator(value: scalar.value)
    }

    @inline(__always)
    static func isSeparator(value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
             0x2060, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// Tokenizes `text`, whose UTF-8 bytes are `bytes`.
    private static func tokens(of text: String, bytes: UnsafeBufferPointer<UInt8>, kind: ICUBreakIterator.Kind) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 6 + 1)
        var builder = TokenBuilder(text: text)
        var position = TextPosition()
        ICUBreakIterator.forEachSegment(kind, in: bytes) { end, ruleStatus in
            var tokenStart: TextPosition?
            var tokenEnd = position
            while position.utf8 < end {
                let lead = bytes[position.utf8]
                let separator: Bool
                let next: TextPosition
                if lead < 0x80 {
                    separator = lead == 0x20 || (lead >= 0x09 && lead <= 0x0D)
                    next = TextPosition(utf8: position.utf8 + 1, scalar: position.scalar + 1, utf16: position.utf16 + 1)
                } else {
                    let (value, length) = UTF8Decoding.scalar(in: bytes, at: position.utf8, lead: lead)
                    separator = isSeparator(value: value)
                    next = TextPosition(
                        utf8: position.utf8 + length,
                        scalar: position.scalar + 1,
                        utf16: position.utf16 + (length == 4 ? 2 : 1)
                    )
                }
                if !separator {
                    if tokenStart == nil { tokenStart = position }
                    tokenEnd = next
                }
                position = next
            }
            if let tokenStart {
                let category = kind == .word ? TokenCategory(ruleStatus: ruleStatus) : .other
                tokens.append(builder.token(from: tokenStart, to: tokenEnd, category: category))
            }
        }
        return tokens
    }
}
