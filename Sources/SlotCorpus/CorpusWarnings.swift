/// Legal but suspicious things found while reading a corpus, counted rather
/// than printed; a tool decides whether to show them.
public struct CorpusWarnings: Sendable, Hashable, CustomStringConvertible {
    /// The file the warnings are about.
    public var file: String
    /// How many chunks start with an `I-` tag (after conversion to BIO).
    /// They are read as chunk starts, as conlleval does.
    public var chunksStartingWithInside: Int
    /// How many sentences hold at least one such chunk.
    public var sentencesWithInsideStarts: Int
    /// The start lines of the first few sentences with such a chunk (at most ``exampleLimit``).
    public var exampleLines: [Int]

    /// How many example lines are kept.
    package static let exampleLimit = 5

    /// Creates an empty summary for `file`.
    package init(file: String) {
        self.file = file
        self.chunksStartingWithInside = 0
        self.sentencesWithInsideStarts = 0
        self.exampleLines = []
    }

    /// Whether there is nothing to report.
    public var isEmpty: Bool { chunksStartingWithInside == 0 }

    /// Counts the chunks of one BIO sentence that start with `I-`.
    ///
    /// - Parameter sentence: A sentence whose labels are BIO or plain tags.
    package mutating func inspect(_ sentence: AnnotatedSentence) {
        var previous = ChunkLabel.outside
        var found = false
        for label in sentence.labels {
            let current = ChunkLabel(label)
            if case let .chunk(prefix, type) = current, prefix == "I", previous.type != type {
                chunksStartingWithInside += 1
                found = true
            }
            previous = current
        }
        guard found else { return }
        sentencesWithInsideStarts += 1
        if exampleLines.count < Self.exampleLimit { exampleLines.append(sentence.line) }
    }

    /// One line, such as `train.conll: 3 chunks start with I- (sentences at lines 5, 9, 20); read as chunk starts`.
    public var description: String {
        if isEmpty { return "\(file): no warnings" }
        let lines = exampleLines.map(String.init).joined(separator: ", ")
        let more = sentencesWithInsideStarts > exampleLines.count ? ", ..." : ""
        let noun = chunksStartingWithInside == 1 ? "chunk starts" : "chunks start"
        return "\(file): \(chunksStartingWithInside) \(noun) with I- (sentences at lines \(lines)\(more)); read as chunk starts, as conlleval does"
    }
}
