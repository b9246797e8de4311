import SlotText

/// The sentences of one corpus file, read into BIO form, with what was learnt
/// while reading it.
///
/// ```swift
/// let corpus = try Corpus(contentsOf: "corpora/atis/train.conll")
/// corpus.sentences.count          // 4478
/// corpus.warnings.isEmpty         // true: every I- tag continues a chunk
/// ```
public struct Corpus: Sendable, Hashable {
    /// The file the sentences came from.
    public var file: String
    /// The file's format.
    public var format: CorpusFormat
    /// The tag scheme of the file's labels before conversion; the labels in
    /// ``sentences`` are BIO (or plain tags).
    public var scheme: TagScheme
    /// The sentences, in file order.
    public var sentences: [AnnotatedSentence]
    /// Legal but suspicious things found while reading.
    public var warnings: CorpusWarnings

    /// Creates a corpus from parts already read.
    public init(file: String, format: CorpusFormat, scheme: TagScheme, sentences: [AnnotatedSentence], warnings: CorpusWarnings) {
        self.file = file
        self.format = format
        self.scheme = scheme
        self.sentences = sentences
        self.warnings = warnings
    }

    /// Reads a CoNLL or JSONL corpus file.
    ///
    /// - Parameters:
    ///   - path: The file's path.
    ///   - format: The format, or `nil` to detect it (see ``CorpusFormat/detect(contentsOf:)``).
    ///   - tokenizer: Tokenizes JSONL texts; unused for CoNLL.
    ///   - scheme: The CoNLL labels' tag scheme, or `nil` to detect it.
    /// - Throws: ``CorpusError`` naming the file and line of the first problem, or
    ///   `InputOutputError` when the file cannot be opened or read or a line is not UTF-8.
    public init(contentsOf path: String, format: CorpusFormat? = nil, tokenizer: Tokenizer = Tokenizer(), scheme: TagScheme? = nil) throws {
        switch try format ?? CorpusFormat.detect(contentsOf: path) {
        case .conll:
            self = try CoNLLReader(scheme: scheme).read(contentsOf: path)
        case .jsonl:
            self = try JSONLReader(tokenizer: tokenizer).read(contentsOf: path)
        }
    }
}
