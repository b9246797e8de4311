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
    ///   - projectionTable: first-layer input projections of known words
    ///     computed beforehand (a ``Tagger`` keeps one for a model without
    ///     context features): see ``encode(_:characterTable:projectionTable:strategy:)``.
    ///   - calibration: the temperatures applied to the intent probabilities
    ///     and the slot confidences; labels and the intent id do not depend on it.
    ///   - calibratedDecoder: the CRF scaled by `1 / slotTemperature` under
    ///     `constraints`, prepared once (a ``Tagger`` keeps one); built per
    ///     call when needed and `nil`.
    ///   - strategy: how the matrix products are computed (``GEMM/Strategy``):
    ///     the direct kernel by default; the trainer's dev
    ///     evaluation asks for BLAS, so that its scores, and the epoch it keeps,
    ///     are the bits they were before the direct kernel.
    package func predict(
        _ batch: [EncodedSentence], constraints: TransitionConstraints?, decoder: CRFDecoder? = nil, confidences: Bool,
        characterTable: CharacterFeatureTable? = nil, projectionTable: InputProjectionTable? = nil,
        calibration: Calibration = .identity,
        calibratedDecoder: CRFDecoder? = nil, strategy: GEMM.Strategy = .direct
    ) -> [Prediction] {
        guard !batch.isEmpty else { return [] }
        let pass = encode(batch, characterTable: characterTable, projectionTable: projectionTable, strategy: strategy)
        let sentences = (0..<batch.count).map { pass.layout.offsets[$0] ..< pass.layout.offsets[$0] + batch[$0].count }
        var rawIntentLogits: Matrix?
        var intentProbabilities: Matrix?
        if var logits = intentLogits(pass.features, sentences: sentences, batch: batch, strategy: strategy) {
            rawIntentLogits = logits
            if calibration.intentTemperature != 1 { logits.scale(by: 1 / calibration.intentTemperature) }
            intentProbabilities = SoftmaxOutput.probabilities(logits: logits)
        }
        let decoder = decoder ?? crf.map { CRFDecoder($0, constraints: constraints) }
        let softmax = decoder == nil ? SoftmaxOutput(labelCount: labelCount, constraints: constraints) : nil
        let slotScale = 1 / calibration.slotTemperature
        var confidenceEmissions = pass.emissions
        if slotScale != 1 && confidences { confidenceEmissions.scale(by: slotScale) }
        let posteriorDecoder = slotScale == 1
            ? decoder : calibratedDecoder ?? crf.map { CRFDecoder($0.scaled(by: slotScale), constraints: constraints) }
        var predictions: [Prediction] = []
        predictions.reserveCapacity(batch.count)
        for (index, rows) in sentences.enumerated() {
            let labels: [Int]
            var posterior: CRFPosterior?
            var tokenConfidences: [Float] = []
            if let decoder {
                labels = decoder.bestLabels(emissions: pass.emissions, rows: rows)
                if confidences, let posteriorDecoder {
                    let sentencePosterior = posteriorDecoder.posterior(emissions: confidenceEmissions, rows: rows)
                    tokenConfidences = sentencePosterior.tokenConfidences(for: labels).map { Float($0) }
                    posterior = sentencePosterior
                }
            } else {
                guard let softmax else { preconditionFailure("a network without a CRF has a softmax output") }
                labels = softmax.decode(logits: pass.emissions, rows: rows).labels
                if confidences {
                    let sentencePosterior = softmax.posterior(logits: confidenceEmissions, rows: rows)
                    tokenConfidences = sentencePosterior.tokenConfidences(for: labels).map { Float($0) }
                    posterior = sentencePosterior
                }
            }
            var intentId: Int?
            var probabilities: [Float] = []
            if let intentProbabilities, let rawIntentLogits {
                probabilities = intentProbabilities.row(index)
                let logits = rawIntentLogits.row(index)
                intentId = logits.indices.max { logits[$0] < logits[$1] }
            }
            predictions.append(Prediction(
                labelIds: labels, posterior: posterior, confidences: tokenConfidences, intentId: intentId,
                intentProbabilities: probabilities))
        }
        return predictions
    }
}
