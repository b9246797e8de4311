import SlotMath

extension Tagger {
    /// Labels already-tokenized sentences (for example a test corpus's tokens),
    /// in batches spread over `threads` threads; results are in input order.
    /// - Returns: for each sentence, one label per token and the intent (nil without an intent head).
    public func label(tokens sentences: [[String]], threads: Int = 2) -> [(labels: [String], intent: String?)] {
        let featurizer = configuration.featurizer
        let nonEmpty = sentences.indices.filter { !sentences[$0].isEmpty }
        let encoded = nonEmpty.map { featurizer.encode(tokens: sentences[$0]) }
        let chunks = stride(from: 0, to: encoded.count, by: 64).map { $0 ..< min($0 + 64, encoded.count) }
        let workers = max(1, min(threads, chunks.count))
        let network = self.network, constraints = self.constraints
        let parts = Workers.map(count: workers) { worker -> [Prediction] in
            stride(from: worker, to: chunks.count, by: workers).flatMap { chunk in
                network.predict(Array(encoded[chunks[chunk]]), constraints: constraints, confidences: false)
            }
        }
        var predictions = [Prediction?](repeating: nil, count: encoded.count)
        var positions = [Int](repeating: 0, count: workers)
        for chunk in chunks.indices {
            let worker = chunk % workers
            for index in chunks[chunk] {
                predictions[index] = parts[worker][positions[worker]]
                positions[worker] += 1
            }
        }
        var results: [(labels: [String], intent: String?)] = sentences.map { _ in ([], nil) }
        for (position, index) in nonEmpty.enumerated() {
            guard let prediction = predictions[position] else { continue }
            results[index] = (
                prediction.labelIds.map { featurizer.labels[$0] },
                prediction.intentId.map { featurizer.intents[$0] })
        }
        return results
    }
}
