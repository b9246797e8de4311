import SlotTagger

/// Collects utterances, tags them in batches and writes their records in
/// input order.
///
/// A batch is tagged when it is full and whenever the input is about to wait
/// (``flush()`` is the reader's `beforeRead`): a file is tagged in large
/// batches with every thread, while a co-process that writes one line and
/// waits gets that line's record, flushed, before it sends the next.
final class TagPipeline {
    /// Utterances per batch when the input keeps coming.
    static let batchSize = 256

    private let tagger: Tagger
    private let format: TagFormat
    private let nBest: Int?
    private let intentRanking: Int
    private let threads: Int?
    private let resolution: ResolutionOptions
    private let output: LineWriter
    private var pending: [(text: String, tokens: [Token])] = []

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - tagger: the model.
    ///   - format: the output format.
    ///   - nBest: how many labellings to list per utterance (jsonl only), or `nil`.
    ///   - intentRanking: how many intents to rank per utterance (jsonl only).
    ///   - threads: threads per batch (`nil`: one per processor core).
    ///   - resolution: the reference moment values resolve against.
    ///   - output: where records go.
    init(
        tagger: Tagger, format: TagFormat, nBest: Int?, intentRanking: Int, threads: Int?, resolution: ResolutionOptions,
        output: LineWriter
    ) {
        self.tagger = tagger
        self.format = format
        self.nBest = nBest
        self.intentRanking = intentRanking
        self.threads = threads
        self.resolution = resolution
        self.output = output
    }

    /// Queues one utterance, tagging the queue when it is full.
    ///
    /// - Parameters:
    ///   - text: the utterance.
    ///   - tokens: its tokens.
    /// - Throws: `InputOutputError.writeFailed` when writing fails.
    func add(_ text: String, tokens: [Token]) throws {
        pending.append((text, tokens))
        if pending.count >= Self.batchSize { try tagPending() }
    }

    /// Tags and writes everything queued, then flushes the output.
    ///
    /// - Throws: `InputOutputError.writeFailed` when writing fails.
    func flush() throws {
        try tagPending()
        try output.flush()
    }

    private func tagPending() throws {
        guard !pending.isEmpty else { return }
        let results = tagger.tag(tokenized: pending, threads: threads, resolving: resolution)
        for (index, result) in results.enumerated() {
            switch format {
            case .jsonl:
                let alternatives = nBest.map { tagger.nBest(tokens: pending[index].tokens, in: pending[index].text, k: $0) }
                try output.write(result.jsonRecord(alternatives: alternatives, intentRankingLength: intentRanking))
                try output.write("\n")
            case .conll:
                try output.write(result.conllText)
            case .inline:
                try output.write(result.inlineText)
                try output.write("\n")
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
