import SlotMath
import SlotLayers

/// The network's answer for one sentence.
public struct Prediction: Hashable, Sendable {
    /// One label id per token.
    public var labelIds: [Int]
    /// The probability of each token's label (the CRF's marginal), when asked for.
    public var confidences: [Float]
    /// The most probable intent's id, when the network has an intent head.
    public var intentId: Int?
    /// The probability of every intent, in id order (empty without an intent head).
    public var intentProbabilities: [Float]
}

extension TaggingNetwork {
    /// Labels a batch of sentences: Viterbi decoding under `constraints` (or
    /// per-token argmax for a softmax output), the intent, and optionally
    /// per-token confidences from forward-backward marginals.
    public func predict(
        _ batch: [EncodedSentence], constraints: TransitionConstraints?, confidences: Bool
    ) -> [Prediction] {
        guard !batch.isEmpty else { return [] }
        var generator = SplitMix64(seed: 0)
        let pass = forward(batch, dropout: 0, using: &generator)
        let intentProbabilities = intent?.probabilities(features: pass.features, layout: pass.layout)
        var predictions: [Prediction] = []
        predictions.reserveCapacity(batch.count)
        for index in batch.indices {
            let rows = pass.layout.offsets[index] ..< pass.layout.offsets[index] + batch[index].count
            var labels: [Int]
            var tokenConfidences: [Float] = []
            if let crf {
                labels = crf.decode(emissions: pass.emissions, rows: rows, constraints: constraints).labels
                if confidences {
                    let marginals = crf.marginals(emissions: pass.emissions, rows: rows, constraints: constraints)
                    tokenConfidences = labels.enumerated().map { marginals[$0.offset, $0.element] }
                }
            } else {
                let output = SoftmaxOutput.decode(emissions: pass.emissions, rows: rows, constraints: constraints)
                labels = output.labels
                tokenConfidences = confidences ? output.confidences : []
            }
            var intentId: Int?
            var probabilities: [Float] = []
            if let intentProbabilities {
                probabilities = intentProbabilities.row(index)
                intentId = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
            }
            predictions.append(Prediction(
                labelIds: labels, confidences: tokenConfidences, intentId: intentId,
                intentProbabilities: probabilities))
        }
        return predictions
    }
}
