/// A label split the way conlleval.pl (2004-01-26) splits it: the part before
/// the first hyphen is the chunk tag (`B`, `I`, `O`, `E`, `S`, `[`, `]`, ...),
/// the rest is the chunk type. A label without a hyphen is all tag, with an
/// empty type: `O` is tag `O`, and a plain tag such as `NOUN` is tag `NOUN`
/// with type `""`. Hyphens inside the type are kept: `B-I-PER` has type `I-PER`.
struct ChunkTag: Hashable, Sendable {
    /// The chunk tag: the label's text before its first hyphen, or the whole label.
    var tag: Substring
    /// The chunk type: the label's text after its first hyphen, or `""`.
    var type: Substring

    /// The outside tag, and what a sentence break counts as.
    static let outside = ChunkTag(tag: "O", type: "")

    /// Creates a tag from its two parts.
    init(tag: Substring, type: Substring) {
        self.tag = tag
        self.type = type
    }

    /// Splits `label` at its first hyphen.
    init(label: String) {
        if let hyphen = label.firstIndex(of: "-") {
            tag = label[..<hyphen]
            type = label[label.index(after: hyphen)...]
        } else {
            tag = label[...]
            type = ""
        }
    }

    /// Whether a chunk ends between a token tagged `previous` and one tagged `self`.
    ///
    /// A chunk ends before `B` or `O` after `B` or `I`; after `E` before `E`,
    /// `I` or `O`; before any label of another type unless the previous tag is
    /// `O` or `.`; and always after a bracket tag `[` or `]`. Every other pair
    /// continues the chunk. This is conlleval's rule set, which reads IOB1,
    /// IOB2 (BIO), IOE and bracket annotations; `S` and IOBES-style `E` tags
    /// end a chunk only through a change of type (see ``ChunkScorer``).
    func endsChunk(after previous: ChunkTag) -> Bool {
        switch (previous.tag, tag) {
        case ("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"),
             ("E", "E"), ("E", "I"), ("E", "O"):
            return true
        default:
            break
        }
        if previous.tag != "O", previous.tag != ".", previous.type != type { return true }
        return previous.tag == "[" || previous.tag == "]"
    }

    /// Whether a chunk starts at a token tagged `self` that follows one tagged `previous`.
    ///
    /// A chunk starts at `B` after `B`, `I` or `O`; at `I` after `O` or `E`; at
    /// `E` after `O` or `E`; at any tag but `O` and `.` whose type differs from
    /// the previous token's; and always at a bracket tag `[` or `]`.
    func startsChunk(after previous: ChunkTag) -> Bool {
        switch (previous.tag, tag) {
        case ("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"),
             ("E", "E"), ("E", "I"), ("O", "E"):
            return true
        default:
            break
        }
        if tag != "O", tag != ".", previous.type != type { return true }
        return tag == "[" || tag == "]"
    }
}
