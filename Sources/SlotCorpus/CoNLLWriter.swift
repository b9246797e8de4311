import SlotIO

/// Writes sentences in the canonical CoNLL form that ``CoNLLReader`` reads:
/// a `# intent = NAME` line when the sentence has an intent, one
/// `token<TAB>label` line per token, and a blank line after each sentence.
///
/// Reading a canonical file and writing it again gives back the same bytes.
public struct CoNLLWriter: Sendable, Hashable {
    /// Creates a writer.
    public init() {}

    /// One sentence in canonical form, ending with its blank line.
    ///
    /// - Parameter sentence: The sentence.
    /// - Returns: The sentence's lines, each ending with LF.
    /// - Throws: ``CorpusError/unwritable(line:reason:)`` for a token,
    ///   label or intent that would not read back the same (empty, or holding
    ///   a TAB or line break; labels and intents also starting or ending
    ///   with a space).
    public func format(_ sentence: AnnotatedSentence) throws -> String {
        var text = ""
        if let intent = sentence.intent {
            try check(intent, what: "intent", sentence: sentence, trimmed: true)
            text += "# intent = \(intent)\n"
        }
        for (token, label) in zip(sentence.tokens, sentence.labels) {
            try check(token, what: "token", sentence: sentence, trimmed: false)
            try check(label, what: "label", sentence: sentence, trimmed: true)
            text += token
            text += "\t"
            text += label
            text += "\n"
        }
        text += "\n"
        return text
    }

    /// Writes sentences in canonical form.
    ///
    /// - Parameters:
    ///   - sentences: The sentences, in order.
    ///   - output: Where to write; not flushed at the end.
    /// - Throws: ``CorpusError`` for an unwritable sentence, ``InputOutputError`` for a failed write.
    package func write(_ sentences: some Sequence<AnnotatedSentence>, to output: LineWriter) throws {
        for sentence in sentences { try output.write(format(sentence)) }
    }

    /// Writes sentences to a file, replacing it.
    ///
    /// - Parameters:
    ///   - sentences: The sentences, in order.
    ///   - path: The file's path, or `-` for standard output.
    /// - Throws: ``CorpusError`` for an unwritable sentence, `InputOutputError` when the
    ///   file cannot be created or written.
    public func write(_ sentences: some Sequence<AnnotatedSentence>, toFile path: String) throws {
        let output = try LineWriter(creating: path)
        try write(sentences, to: output)
        try output.flush()
    }

    private func check(_ value: String, what: String, sentence: AnnotatedSentence, trimmed: Bool) throws {
        let forbidden = value.isEmpty || value.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            || (trimmed && (value.utf8.first == 0x20 || value.utf8.last == 0x20))
        if forbidden {
            throw CorpusError.unwritable(
                line: sentence.line,
                reason: "\(what) \"\(value)\" is empty or holds a TAB, a line break\(trimmed ? " or edge spaces" : ""); clean it before writing"
            )
        }
    }
}
