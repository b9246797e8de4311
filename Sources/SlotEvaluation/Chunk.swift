/// A chunk of one labelled sentence: its type and the indices of its tokens.
///
/// ``chunks(of:)`` finds chunks with the rules ``ChunkScorer`` counts them
/// with by default (``ChunkScorer/TagRules/conlleval``), so that scores
/// computed from chunks, such as ``VocabularySplit``, add up to the scorer's.
struct Chunk: Hashable, Sendable {
    /// The chunk type: the label of its first token without the `B-`/`I-` tag.
    var type: Substring
    /// The indices of its tokens in the sentence.
    var tokens: Range<Int>

    /// The chunks of one sentence, in order.
    ///
    /// A chunk starts wherever ``ChunkTag/startsChunk(after:)`` says one does
    /// and lasts until ``ChunkTag/endsChunk(after:)`` ends it, the next chunk
    /// starts, or the sentence ends; the first token is read after `O`.
    ///
    /// - Parameter labels: The sentence's labels, one per token.
    /// - Returns: Its chunks, by position.
    static func chunks(of labels: [String]) -> [Chunk] {
        var chunks: [Chunk] = []
        var open: (start: Int, type: Substring)?
        var previous = ChunkTag.outside
        func close(at end: Int) {
            if let chunk = open { chunks.append(Chunk(type: chunk.type, tokens: chunk.start ..< end)) }
            open = nil
        }
        for (index, label) in labels.enumerated() {
            let tag = ChunkTag(label: label)
            if tag.endsChunk(after: previous) { close(at: index) }
            if tag.startsChunk(after: previous) {
                close(at: index)
                open = (index, tag.type)
            }
            previous = tag
        }
        close(at: labels.count)
        return chunks
    }
}
