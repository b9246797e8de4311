import SlotIO
import SlotText

/// Writes sentences as JSONL span records, the form ``JSONLReader`` reads:
///
/// ```json
/// {"text": "leave Beijing on November 2nd", "intent": "atis_flight", "slots": [{"start": 6, "end": 13, "label": "fromloc.city_name"}]}
/// ```
///
/// The text is the sentence's original text when it has one (sentences read
/// from JSONL); otherwise its tokens joined by single spaces (sentences read
/// from CoNLL). Spans come from the BIO labels: a chunk starts at `B-X`, or at
/// `I-X` after anything but a token of type X (as conlleval reads it), and
/// continues over `I-X`. `intent` is left out when the sentence has none.
/// Reading a record written here and writing it again gives the same bytes.
public struct JSONLWriter: Sendable, Hashable {
    /// Creates a writer.
    public init() {}

    /// One sentence as a JSONL record, without the line break.
    ///
    /// - Parameter sentence: A sentence with BIO labels.
    /// - Returns: The record.
    /// - Throws: ``CorpusError/unwritable(line:reason:)`` when a label is a
    ///   plain tag (spans need chunk labels) or has a prefix other than B- or I-.
    public func record(for sentence: AnnotatedSentence) throws -> String {
        let text: String
        let offsets: [Range<Int>]
        if let original = sentence.original {
            text = original.text
            offsets = original.tokens.map(\.scalarOffsets)
        } else {
            text = sentence.tokens.joined(separator: " ")
            var position = 0
            offsets = sentence.tokens.map { token in
                let count = token.unicodeScalars.count
                defer { position += count + 1 }
                return position..<(position + count)
            }
        }
        let slots = try spans(of: sentence, offsets: offsets).map {
            SpanRecord.Slot(start: $0.range.lowerBound, end: $0.range.upperBound, label: $0.label)
        }
        return try JSONLineEncoder().encode(SpanRecord(text: text, intent: sentence.intent, slots: slots))
    }

    /// Writes sentences as JSONL records, one per line.
    ///
    /// - Parameters:
    ///   - sentences: The sentences, in order.
    ///   - output: Where to write; not flushed at the end.
    /// - Throws: ``CorpusError`` for an unwritable sentence, ``InputOutputError`` for a failed write.
    package func write(_ sentences: some Sequence<AnnotatedSentence>, to output: LineWriter) throws {
        for sentence in sentences {
            try output.write(record(for: sentence))
            try output.write("\n")
        }
    }

    /// The record `tagger tokenize --format jsonl` writes for one line:
    /// `{"text": ..., "tokens": [{"text": ..., "start": ..., "end": ..., "category": ...}]}`
    /// with offsets in Unicode scalars, end exclusive.
    ///
    /// - Parameters:
    ///   - text: The line.
    ///   - tokens: Its tokens.
    /// - Returns: The record, without the line break.
    package static func tokenRecord(text: String, tokens: [Token]) throws -> String {
        try JSONLineEncoder().encode(TokenRecord(text: text, tokens: tokens))
    }

    /// The labelled spans of a sentence, in scalar offsets.
    private func spans(of sentence: AnnotatedSentence, offsets: [Range<Int>]) throws -> [(label: String, range: Range<Int>)] {
        var spans: [(label: String, range: Range<Int>)] = []
        var open: (label: Substring, start: Int, end: Int)?
        for (index, label) in sentence.labels.enumerated() {
            switch ChunkLabel(label) {
            case .outside:
                if let chunk = open { spans.append((String(chunk.label), chunk.start..<chunk.end)) }
                open = nil
            case let .chunk(prefix, type) where prefix == "B" || prefix == "I":
                if prefix == "I", let chunk = open, chunk.label == type {
                    open?.end = offsets[index].upperBound
                } else {
                    if let chunk = open { spans.append((String(chunk.label), chunk.start..<chunk.end)) }
                    open = (type, offsets[index].lowerBound, offsets[index].upperBound)
                }
            default:
                throw CorpusError.unwritable(
                    line: sentence.line,
                    reason: "label \"\(label)\" is not B-X, I-X or O; JSONL spans need BIO labels"
                )
            }
        }
        if let chunk = open { spans.append((String(chunk.label), chunk.start..<chunk.end)) }
        return spans
    }
}
