import SlotMath
import SlotLayers

/// The network's answer for one sentence.
package struct Prediction: Sendable {
    /// One label id per token.
    package var labelIds: [Int]
    /// The posterior over label sequences (marginals, span probabilities),
    /// when confidences were asked for: the CRF's, or for a softmax output
    /// the product of its per-token distributions (see ``SoftmaxOutput/posterior(logits:rows:)``).
    package var posterior: CRFPosterior?
    /// The probability of each token's label, when confidences were asked for.
    package var confidences: [Float]
    /// The most probable intent's id, when the network has an intent head.
    package var intentId: Int?
    /// The probability of every intent, in id order (empty without an intent head).
    package var intentProbabilities: [Float]
}

extension TaggingNetwork {
    /// Labels a batch of sentences: Viterbi decoding under `constraints` (or
    /// per-token argmax for a softmax output), the intent, and optionally
    /// per-token confidences from forward-backward marginals.
    ///
    /// - Parameters:
    ///   - batch: the sentences.
    ///   - constraints: the BIO constraints for decoding, or `nil` for none.
    ///   - decoder: a decoder prepared once for this network's CRF and these
    ///     constraints (a ``Tagger`` keeps one); built per call when `nil`.
    ///   - confidences: whether to compute posteriors and per-token confidences.
    ///   - characterTable: character features of known words computed
    ///     beforehand (a ``Tagger`` keeps one); without it every word goes
    ///     through the character encoder.
    package func predict(
        _ batch: [EncodedSentence], constraints: TransitionConstraints?, decoder: CRFDecoder? = nil, confidences: Bool,
        characterTable: CharacterFeatureTable? = nil
    ) -> [Prediction] {
        guard !batch.isEmpty else { return [] }
        var generator = SplitMix64(seed: 0)
        let pass = forward(batch, dropout: 0, using: &generator, characterTable: characterTable)
        let sentences = (0..<batch.count).map { pass.layout.offsets[$0] ..< pass.layout.offsets[$0] + batch[$0].count }
        var intentProbabilities: Matrix?
        if let intent {
            let logits = intent(pass.features, sentences: sentences)
            intentProbabilities = SoftmaxOutput(labelCount: intent.intentCount).probabilities(logits: logits)
        }
        let decoder = decoder ?? crf.map { CRFDecoder($0, constraints: constraints) }
        let softmax = decoder == nil ? SoftmaxOutput(labelCount: labelCount, constraints: constraints) : nil
        var predictions: [Prediction] = []
        predictions.reserveCapacity(batch.count)
        for (index, rows) in sentences.enumerated() {
            let labels: [Int]
            var posterior: CRFPosterior?
            var tokenConfidences: [Float] = []
            if let decoder {
                labels = decoder.bestLabels(emissions: pass.emissions, rows: rows)
                if confidences {
                    let sentencePosterior = decoder.posterior(emissions: pass.emissions, rows: rows)
                    tokenConfidences = sentencePosterior.tokenConfidences(for: labels).map { Float($0) }
                    posterior = sentencePosterior
                }
            } else {
                guard let softmax else { preconditionFailure("a network without a CRF has a softmax output") }
                labels = softmax.decode(logits: pass.emissions, rows: rows).labels
                if confidences {
                    let sentencePosterior = softmax.posterior(logits: pass.emissions, rows: rows)
                    tokenConfidences = sentencePosterior.tokenConfidences(for: labels).map { Float($0) }
                    posterior = sentencePosterior
                }
            }
            var intentId: Int?
            var probabilities: [Float] = []
            if let intentProbabilities {
                probabilities = intentProbabilities.row(index)
                intentId = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
            }
            predictions.append(Prediction(
                labelIds: labels, posterior: posterior, confidences: tokenConfidences, intentId: intentId,
                intentProbabilities: probabilities))
        }
        return predictions
    }
}
