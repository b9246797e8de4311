/// How chunk labels mark the tokens of a chunk.
///
/// The toolkit works in BIO internally; readers convert the other schemes.
/// - BIO: `B-X` begins every chunk, `I-X` continues it, `O` is outside.
/// - IOB1: `I-X` for every token of a chunk; `B-X` only begins a chunk that
///   directly follows another chunk of the same type (CoNLL-2003's original form).
/// - BIOES: as BIO, plus `E-X` ending a chunk of two or more tokens and `S-X`
///   for a chunk of one token.
///
/// A label is read as a chunk label when it is a single ASCII letter, a `-`
/// and a type (`B-city`); `O` is outside; anything else (`NOUN`, `-LRB-`,
/// `NP-SBJ`) is a plain tag, left alone, for corpora that are not chunked.
public enum TagScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Begin, inside, outside.
    case bio
    /// Inside, outside; begin only between touching chunks of one type.
    case iob1
    /// Begin, inside, outside, end, single.
    case bioes

    /// The prefixes a label may carry in this scheme.
    var prefixes: Set<UInt8> {
        switch self {
        case .bio, .iob1: [UInt8(ascii: "B"), UInt8(ascii: "I")]
        case .bioes: [UInt8(ascii: "B"), UInt8(ascii: "I"), UInt8(ascii: "E"), UInt8(ascii: "S")]
        }
    }

    /// Guesses the scheme of a corpus from its labels.
    ///
    /// Any `E-` or `S-` label means BIOES. Otherwise the labels are IOB1 when
    /// some chunk starts with `I-` and every `B-X` directly follows a token of
    /// type X; otherwise they are BIO (whose chunks starting with `I-` are
    /// then reported as warnings).
    ///
    /// - Parameter sentences: Each sentence's labels.
    /// - Returns: The scheme the labels follow.
    public static func detect(in sentences: some Sequence<[String]>) -> TagScheme {
        var insideStartsChunk = false
        var beginAfterOther = false
        for labels in sentences {
            var previous = ChunkLabel.outside
            for label in labels {
                let current = ChunkLabel(label)
                switch current {
                case let .chunk(prefix, type):
                    if prefix == "E" || prefix == "S" { return .bioes }
                    let continues = previous.type == type
                    if prefix == "I", !continues { insideStartsChunk = true }
                    if prefix == "B", !continues { beginAfterOther = true }
                case .outside, .plain:
                    break
                }
                previous = current
            }
        }
        return insideStartsChunk && !beginAfterOther ? .iob1 : .bio
    }

    /// Converts one sentence's labels from this scheme to BIO.
    ///
    /// - Parameter labels: Labels in this scheme.
    /// - Returns: The same chunks in BIO; plain tags and `O` are unchanged.
    public func convertToBIO(_ labels: [String]) -> [String] {
        switch self {
        case .bio:
            return labels
        case .bioes:
            return labels.map { label in
                guard case let .chunk(prefix, type) = ChunkLabel(label) else { return label }
                switch prefix {
                case "S": return "B-" + type
                case "E": return "I-" + type
                default: return label
                }
            }
        case .iob1:
            var previous = ChunkLabel.outside
            return labels.map { label in
                let current = ChunkLabel(label)
                defer { previous = current }
                guard case let .chunk(prefix, type) = current, prefix == "I", previous.type != type else { return label }
                return "B-" + type
            }
        }
    }
}
