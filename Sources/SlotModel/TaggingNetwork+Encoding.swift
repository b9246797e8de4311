import SlotMath
import SlotLayers

extension TaggingNetwork {
    /// What tagging needs of a forward pass: the batch's layout, the last
    /// encoder layer's outputs and the emission scores.
    package struct Encoding: Sendable {
        /// The batch's sequence layout (one sequence per sentence).
        package let layout: SequenceLayout
        /// The last encoder layer's outputs, `N × 2H`.
        package let features: Matrix
        /// Emission scores, `N × labels`.
        package let emissions: Matrix
    }

    /// The forward pass at inference, keeping nothing for a backward pass.
    ///
    /// With a `projectionTable` and the direct kernel (and no context
    /// features, which depend on neighbours), the first encoder layer reads
    /// its words' input projections from the table and projects only the
    /// words it lacks: the same bits as projecting every token
    /// (``InputProjectionTable``). Otherwise this is
    /// ``forward(_:dropout:using:characterTable:strategy:)`` without dropout.
    /// - Parameters:
    ///   - batch: the sentences.
    ///   - characterTable: character features computed beforehand.
    ///   - projectionTable: first-layer input projections computed beforehand.
    ///   - strategy: how the matrix products are computed (``GEMM/Strategy``).
    package func encode(
        _ batch: [EncodedSentence], characterTable: CharacterFeatureTable?, projectionTable: InputProjectionTable?,
        strategy: GEMM.Strategy
    ) -> Encoding {
        guard let projectionTable, case .direct = strategy, context == nil, let first = encoder.first else {
            var generator = SplitMix64(seed: 0)
            let pass = forward(batch, dropout: 0, using: &generator, characterTable: characterTable, strategy: strategy)
            return Encoding(layout: pass.layout, features: pass.features, emissions: pass.emissions)
        }
        let layout = SequenceLayout(lengths: batch.map(\.count))
        let words = batch.flatMap { sentence in
            sentence.wordIds.indices.map { index in
                InputProjectionTable.Word(
                    wordId: sentence.wordIds[index],
                    pretrainedRow: architecture.encoderPretrainedDimension == 0 ? nil : sentence.pretrainedRows[index],
                    characterIds: sentence.characterIds[index])
            }
        }
        let projections = projectionTable.projections(of: words) { missing in
            let (input, _) = tokenFeatures(
                wordIds: missing.map(\.wordId), pretrainedRows: missing.map(\.pretrainedRow),
                characterIds: missing.map(\.characterIds), characterTable: characterTable)
            return first.inputProjections(input, strategy: strategy)
        }
        var features = first.forward(projections: projections, layout: layout, strategy: strategy)
        for layer in encoder.dropFirst() {
            features = layer.forward(features, layout: layout, strategy: strategy).output
        }
        return Encoding(layout: layout, features: features, emissions: emissions(features, strategy: strategy))
    }
}
