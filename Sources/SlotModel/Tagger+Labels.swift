import SlotMath

extension Tagger {
    /// Labels already-tokenized sentences (for example a test corpus's tokens),
    /// in batches spread over `threads` threads; results are in input order.
    /// - Returns: for each sentence, one label per token and the intent (nil without an intent head).
    package func label(tokens sentences: [[String]], threads: Int? = nil) -> [(labels: [String], intent: String?)] {
        let featurizer = configuration.featurizer
        let nonEmpty = sentences.indices.filter { !sentences[$0].isEmpty }
        let encoded = nonEmpty.map { featurizer.encode(tokens: sentences[$0]) }
        let network = self.network, constraints = self.constraints, decoder = self.decoder
        let characterTable = self.characterTable, projectionTable = self.projectionTable
        let predictions = Workers.mapChunks(count: encoded.count, chunkSize: 64, threads: threads ?? Workers.defaultCount) { range in
            network.predict(
                Array(encoded[range]), constraints: constraints, decoder: decoder, confidences: false,
                characterTable: characterTable, projectionTable: projectionTable)
        }
        var results: [(labels: [String], intent: String?)] = sentences.map { _ in ([], nil) }
        for (position, index) in nonEmpty.enumerated() {
            let prediction = predictions[position]
            results[index] = (
                prediction.labelIds.map { featurizer.labels[$0] },
                prediction.intentId.map { featurizer.intents[$0] })
        }
        return results
    }
}
