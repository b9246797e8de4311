import SlotMath
import SlotLayers
import SlotText

extension Tagger {
    /// The `k` most probable labellings of one utterance, best first.
    ///
    /// - Parameters:
    ///   - text: the utterance, tokenized with ``tokenize(_:)``.
    ///   - k: how many labellings to return, at least 1.
    /// - Returns: up to `k` distinct valid labellings with their probabilities
    ///   (fewer when fewer exist); the first is the labelling ``tag(_:)``
    ///   gives. An utterance without tokens gives one empty labelling of
    ///   probability 1.
    public func nBest(_ text: String, k: Int) -> [TaggingAlternative] {
        nBest(tokens: tokenize(text), in: text, k: k)
    }

    /// The `k` most probable labellings of an already-tokenized utterance, best first.
    ///
    /// The list comes from exact list Viterbi over the CRF (for a softmax
    /// output, over its per-token log-probabilities) under the BIO constraints,
    /// with the scores divided by the model's slot temperature
    /// (``Calibration/slotTemperature``), so that the probabilities are calibrated.
    ///
    /// - Parameters:
    ///   - tokens: tokens of `text`, in order.
    ///   - text: the text the tokens' ranges point into.
    ///   - k: how many labellings to return, at least 1.
    /// - Returns: up to `k` labellings with their probabilities, best first.
    public func nBest(tokens: [Token], in text: String, k: Int) -> [TaggingAlternative] {
        precondition(k > 0, "an n-best list needs k ≥ 1, got \(k)")
        guard !tokens.isEmpty else { return [TaggingAlternative(probability: 1, tokens: [], slots: [])] }
        let encoded = configuration.featurizer.encode(tokens: tokens.map(\.text))
        let pass = network.encode(
            [encoded], characterTable: characterTable, projectionTable: projectionTable, strategy: .direct)
        let rows = pass.layout.offsets[0] ..< pass.layout.offsets[0] + tokens.count
        let decoder: CRFDecoder
        var emissions = pass.emissions
        if calibration.slotTemperature != 1 { emissions.scale(by: 1 / calibration.slotTemperature) }
        if let crfDecoder = calibratedDecoder ?? self.decoder {
            decoder = crfDecoder
        } else {
            decoder = CRFDecoder(CRF(labelCount: labels.count), constraints: constraints)
            emissions = Self.logSoftmax(emissions)
        }
        let posterior = decoder.posterior(emissions: emissions, rows: rows)
        return decoder.nBest(emissions: emissions, rows: rows, k: k).map { path in
            let tagged = taggedTokens(tokens, labelIds: path.labels, posterior: posterior)
            let slots = SlotAssembler.slots(text: text, tokens: tagged) {
                chunkConfidence($0, labelIds: path.labels, posterior: posterior)
            }
            return TaggingAlternative(probability: path.probability, tokens: tagged, slots: slots)
        }
    }

    /// Each row's log-softmax: a softmax output's scores as a CRF with zero
    /// transitions sees them.
    private static func logSoftmax(_ logits: Matrix) -> Matrix {
        var result = logits
        let columns = logits.columns
        result.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<logits.rows {
                let values = base + row * columns
                let normaliser = Kernels.logSumExp(count: columns, values)
                for column in 0..<columns { values[column] -= normaliser }
            }
        }
        return result
    }
}
