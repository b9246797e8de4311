/// A label taken apart: outside, a chunk label with its prefix and type, or a plain tag.
enum ChunkLabel: Equatable {
    /// `O`.
    case outside
    /// A one-letter prefix, `-`, and a type, such as `B-city` (prefix `B`, type `city`).
    case chunk(prefix: Character, type: Substring)
    /// Anything else, such as `NOUN`.
    case plain

    /// Takes `label` apart by the rule in ``TagScheme``'s documentation.
    init(_ label: String) {
        if label == "O" {
            self = .outside
            return
        }
        let utf8 = label.utf8
        guard utf8.count >= 2 else {
            self = .plain
            return
        }
        let first = utf8[utf8.startIndex]
        let second = utf8[utf8.index(after: utf8.startIndex)]
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        guard isLetter, second == UInt8(ascii: "-") else {
            self = .plain
            return
        }
        self = .chunk(prefix: Character(Unicode.Scalar(first)), type: label.dropFirst(2))
    }

    /// The chunk type, or `nil` outside chunks and for plain tags.
    var type: Substring? {
        if case let .chunk(_, type) = self { return type }
        return nil
    }
}
