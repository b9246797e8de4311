#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SlotIO
import SlotText

/// Reads annotated corpora kept as JSONL spans, one record per line:
///
/// ```json
/// {"text": "leave Beijing on November 2nd", "intent": "atis_flight",
///  "slots": [{"start": 6, "end": 13, "label": "fromloc.city_name"}]}
/// ```
///
/// `start` and `end` count Unicode scalars of `text` (what Python's `str`
/// indexes), end exclusive. `intent` and `slots` may be missing or `null`.
/// Blank lines are skipped. Each text is tokenized with the reader's
/// tokenizer and the spans are projected onto BIO labels (`B-label` on a
/// span's first token, `I-label` on the others, `O` elsewhere). The sentence
/// keeps its original text and tokens in ``AnnotatedSentence/original``.
///
/// A span must start at the start of a token and end at the end of a token,
/// lie inside the text, be non-empty and overlap no other span; anything else
/// is an error naming the file and line.
public struct JSONLReader: Sendable, Hashable {
    /// Tokenizes each record's text.
    public var tokenizer: Tokenizer

    /// Creates a reader.
    ///
    /// - Parameter tokenizer: Tokenizes each record's text.
    public init(tokenizer: Tokenizer = Tokenizer()) {
        self.tokenizer = tokenizer
    }

    /// Reads a whole file.
    ///
    /// - Parameter path: The file's path, or `-` for standard input.
    /// - Returns: The sentences with BIO labels.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem, or
    ///   `InputOutputError` when the file cannot be opened or read or a line is not UTF-8.
    public func read(contentsOf path: String) throws -> Corpus {
        try read(from: LineReader(contentsOf: path))
    }

    /// Reads all lines of a reader.
    ///
    /// - Parameter lines: The input.
    /// - Returns: The sentences with BIO labels.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem, or
    ///   ``InputOutputError`` when reading fails or a line is not UTF-8.
    package func read(from lines: LineReader) throws -> Corpus {
        var sentences: [AnnotatedSentence] = []
        while let line = try lines.nextLine() {
            if let sentence = try sentence(from: line) { sentences.append(sentence) }
        }
        return Corpus(file: lines.name, format: .jsonl, scheme: .bio, sentences: sentences, warnings: CorpusWarnings(file: lines.name))
    }

    /// Reads one JSONL line.
    ///
    /// - Parameter line: The line.
    /// - Returns: The sentence, or `nil` for a blank line.
    /// - Throws: ``CorpusError`` naming the line, or ``InputOutputError/invalidUTF8(file:line:)``.
    package func sentence(from line: InputLine) throws -> AnnotatedSentence? {
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        _ = try line.string()
        let record: SpanRecord
        do {
            record = try JSONDecoder().decode(SpanRecord.self, from: Data(line.bytes))
        } catch {
            throw CorpusError.invalidJSON(file: line.file, line: line.number, reason: Self.reason(for: error))
        }
        let tokens = tokenizer.tokenize(record.text)
        let labels = try project(record.slots ?? [], onto: tokens, text: record.text, line: line)
        return AnnotatedSentence(
            tokens: tokens.map { String($0.text) },
            labels: labels,
            intent: record.intent,
            line: line.number,
            original: SentenceText(text: record.text, tokens: tokens)
        )
    }

    /// BIO labels for `tokens` from character-offset spans.
    private func project(_ slots: [SpanRecord.Slot], onto tokens: [Token], text: String, line: InputLine) throws -> [String] {
        var labels = [String](repeating: "O", count: tokens.count)
        guard !slots.isEmpty else { return labels }
        let length = text.unicodeScalars.count
        var tokenStarting: [Int: Int] = [:]
        var tokenEnding: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() {
            tokenStarting[token.scalarOffsets.lowerBound] = index
            tokenEnding[token.scalarOffsets.upperBound] = index
        }
        var previous: Range<Int>?
        for slot in slots.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            guard slot.start >= 0, slot.start < slot.end, slot.end <= length else {
                throw CorpusError.spanOutOfRange(file: line.file, line: line.number, start: slot.start, end: slot.end, length: length)
            }
            if let previous, slot.start < previous.upperBound {
                throw CorpusError.overlappingSpans(file: line.file, line: line.number, first: previous, second: slot.start..<slot.end)
            }
            guard let first = tokenStarting[slot.start], let last = tokenEnding[slot.end] else {
                throw CorpusError.spanNotOnTokenBoundary(file: line.file, line: line.number, start: slot.start, end: slot.end, label: slot.label)
            }
            if slot.label.isEmpty || slot.label.contains(where: \.isWhitespace) {
                throw CorpusError.invalidJSON(
                    file: line.file, line: line.number,
                    reason: "span \(slot.start)..<\(slot.end) has the label \"\(slot.label)\", which is empty or holds spaces"
                )
            }
            if let type = ChunkLabel(slot.label).type {
                throw CorpusError.invalidJSON(
                    file: line.file, line: line.number,
                    reason: "span \(slot.start)..<\(slot.end) has the label \"\(slot.label)\", a tagged label; spans take the slot name (\"\(type)\"), the reader adds B- and I-"
                )
            }
            labels[first] = "B-" + slot.label
            for index in first..<last {
                labels[index + 1] = "I-" + slot.label
            }
            previous = slot.start..<slot.end
        }
        return labels
    }

    /// A short reason for a decoding failure.
    private static func reason(for error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return keys.isEmpty ? "the record" : String(keys.dropFirst(keys.first == "." ? 1 : 0))
        }
        guard let error = error as? DecodingError else { return "not a JSON object" }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key \"\(key.stringValue)\"" + (context.codingPath.isEmpty ? "" : " in \(path(context))")
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(path(context)) is not \(type == String.self ? "a string" : type == Int.self ? "an integer" : "of the expected type")"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)) is malformed"
        @unknown default:
            return "not a valid record"
        }
    }
}
