import SlotIO

/// Reads annotated corpora in CoNLL form.
///
/// The format, one token per line:
/// ```
/// # intent = atis_flight
/// leave<TAB>O
/// Beijing<TAB>B-fromloc.city_name
///
/// ```
/// - A blank line (or one of spaces and TABs) ends a sentence.
/// - A line that starts with `# intent = ` and holds no TAB gives the intent of
///   the sentence that follows it directly.
/// - Other lines that start with `# ` and hold no TAB are comments. A line
///   `#<TAB>SYM` is a token line (the token `#`).
/// - In a token line the first column is the token and the last the label;
///   columns are split at TABs when the line holds one (so tokens may hold
///   spaces), else at runs of spaces (space-separated and multi-column
///   CoNLL-2003 files). Trailing spaces, TABs and CRs are ignored.
/// - CoNLL-2003 document markers (`-DOCSTART- -X- -X- O`) are skipped.
/// - Labels are chunk labels (`B-X`, `I-X`, `O`; a chunk label is one ASCII
///   letter, `-`, and a type) or plain tags (`NOUN`). IOB1 and BIOES labels are
///   converted to BIO (see ``TagScheme``).
///
/// Lines are read as bytes and split without building a string per line;
/// invalid UTF-8 is an error naming its line. Reading ATIS or SNIPS training
/// files takes a few tens of milliseconds in release builds.
public struct CoNLLReader: Sendable, Hashable {
    /// The labels' tag scheme, or `nil` to detect it from the whole file
    /// (see ``TagScheme/detect(in:)``).
    public var scheme: TagScheme?

    /// Creates a reader.
    ///
    /// - Parameter scheme: The labels' tag scheme, or `nil` to detect it.
    public init(scheme: TagScheme? = nil) {
        self.scheme = scheme
    }

    /// Reads a whole file.
    ///
    /// - Parameter path: The file's path, or `-` for standard input.
    /// - Returns: The sentences in BIO form with the warning summary.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem, or
    ///   `InputOutputError` when the file cannot be opened or read or a line is not UTF-8.
    public func read(contentsOf path: String) throws -> Corpus {
        try read(from: LineReader(contentsOf: path))
    }

    /// Reads all lines of a reader.
    ///
    /// - Parameter lines: The input.
    /// - Returns: The sentences in BIO form with the warning summary.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem, or
    ///   ``InputOutputError`` when reading fails or a line is not UTF-8.
    package func read(from lines: LineReader) throws -> Corpus {
        var parser = CoNLLParser(file: lines.name, scheme: scheme)
        var sentences: [AnnotatedSentence] = []
        while let line = try lines.nextLine() {
            if let sentence = try parser.consume(line) { sentences.append(sentence) }
        }
        if let sentence = try parser.finish() { sentences.append(sentence) }
        let detected = scheme ?? TagScheme.detect(in: sentences.lazy.map(\.labels))
        if scheme == nil, detected != .bio {
            for index in sentences.indices {
                sentences[index].labels = detected.convertToBIO(sentences[index].labels)
            }
        }
        var warnings = CorpusWarnings(file: lines.name)
        for sentence in sentences { warnings.inspect(sentence) }
        return Corpus(file: lines.name, format: .conll, scheme: detected, sentences: sentences, warnings: warnings)
    }

    /// Reads sentences one at a time, handing each to `body` as soon as its
    /// blank line arrives, without keeping them.
    ///
    /// Streaming cannot look ahead, so the scheme must be given.
    ///
    /// - Parameters:
    ///   - lines: The input.
    ///   - scheme: The labels' tag scheme.
    ///   - body: Receives each sentence in BIO form.
    /// - Returns: The warning summary.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem,
    ///   ``InputOutputError`` when reading fails or a line is not UTF-8, or
    ///   whatever `body` throws.
    package static func forEachSentence(
        in lines: LineReader,
        scheme: TagScheme,
        _ body: (AnnotatedSentence) throws -> Void
    ) throws -> CorpusWarnings {
        var parser = CoNLLParser(file: lines.name, scheme: scheme)
        var warnings = CorpusWarnings(file: lines.name)
        while let line = try lines.nextLine() {
            if let sentence = try parser.consume(line) {
                warnings.inspect(sentence)
                try body(sentence)
            }
        }
        if let sentence = try parser.finish() {
            warnings.inspect(sentence)
            try body(sentence)
        }
        return warnings
    }
}
