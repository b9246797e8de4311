import SlotMath

/// Groups sentences into mini-batches of similar length, so that the packed
/// recurrent loop of a batch wastes little work, and shuffles them.
///
/// Sentences are shuffled, cut into chunks of `bucketFactor × batchSize`,
/// each chunk is sorted by length and cut into batches, and the batches are
/// shuffled again: every epoch sees a different grouping, yet each batch holds
/// sentences of nearly equal length.
package struct Batching: Hashable, Sendable, Codable {
    /// The number of sentences per batch.
    package var batchSize: Int
    /// How many batches' worth of sentences are sorted together.
    package var bucketFactor: Int

    /// Creates a batching rule.
    package init(batchSize: Int, bucketFactor: Int = 50) {
        precondition(batchSize > 0 && bucketFactor > 0, "batch size and bucket factor must be positive")
        self.batchSize = batchSize
        self.bucketFactor = bucketFactor
    }

    /// The batches of one epoch, as lists of indices into `lengths`.
    package func batches(lengths: [Int], using generator: inout SplitMix64) -> [[Int]] {
        var indices = Array(lengths.indices)
        generator.shuffle(&indices)
        var batches: [[Int]] = []
        let chunkSize = batchSize * bucketFactor
        var start = 0
        while start < indices.count {
            let chunk = indices[start ..< min(start + chunkSize, indices.count)]
                .sorted { lengths[$0] != lengths[$1] ? lengths[$0] < lengths[$1] : $0 < $1 }
            var batchStart = 0
            while batchStart < chunk.count {
                batches.append(Array(chunk[batchStart ..< min(batchStart + batchSize, chunk.count)]))
                batchStart += batchSize
            }
            start += chunkSize
        }
        generator.shuffle(&batches)
        return batches
    }
}
