import SlotMath
import SlotLayers

extension TaggingNetwork {
    /// Everything a forward pass over a batch computed and the backward pass needs.
    package struct Pass: Sendable {
        /// The batch's sequence layout (one sequence per sentence).
        package let layout: SequenceLayout
        /// The word ids of the whole batch, sentence after sentence.
        package let wordIds: [Int]
        /// The character encoder's cache.
        let characterCache: CharacterFeatures.Cache?
        /// Dropout mask on the word features.
        let featureMask: Matrix?
        /// Each encoder layer's cache.
        let encoderCaches: [EncoderLayer.Cache]
        /// Dropout masks between and after encoder layers (one per layer).
        let encoderMasks: [Matrix?]
        /// The last encoder layer's outputs after dropout, `N × 2H`.
        package let features: Matrix
        /// Emission scores, `N × labels`.
        package let emissions: Matrix
    }

    /// Runs the encoder and the emission layer over a batch.
    /// - Parameters:
    ///   - batch: the sentences.
    ///   - dropout: the dropout rate (0 for inference).
    ///   - generator: the source of dropout masks.
    ///   - characterTable: character features computed beforehand for known
    ///     words (see ``CharacterFeatureTable``); the pass then keeps no
    ///     character cache, so it is for inference only.
    ///   - strategy: how the encoder's and emission layer's matrix products are
    ///     computed (``GEMM/Strategy``): BLAS in training, the direct kernel
    ///     at inference.
    package func forward(
        _ batch: [EncodedSentence], dropout: Float, using generator: inout SplitMix64,
        characterTable: CharacterFeatureTable? = nil, strategy: GEMM.Strategy = .blas
    ) -> Pass {
        let layout = SequenceLayout(lengths: batch.map(\.count))
        let wordIds = batch.flatMap(\.wordIds)
        var (features, characterCache) = tokenFeatures(
            wordIds: wordIds, pretrainedRows: batch.flatMap(\.pretrainedRows),
            characterIds: batch.flatMap(\.characterIds), characterTable: characterTable)
        if let context {
            features = Matrix.concatenatingColumns(features, context(batch))
        }
        let drop = Dropout(rate: dropout)
        let featureMask = drop.apply(&features, using: &generator)
        var caches: [EncoderLayer.Cache] = []
        var masks: [Matrix?] = []
        for layer in encoder {
            var (output, cache) = layer.forward(features, layout: layout, strategy: strategy)
            masks.append(drop.apply(&output, using: &generator))
            caches.append(cache)
            features = output
        }
        let scores = emissions(features, strategy: strategy)
        return Pass(
            layout: layout, wordIds: wordIds, characterCache: characterCache, featureMask: featureMask,
            encoderCaches: caches, encoderMasks: masks, features: features, emissions: scores)
    }

    /// What each token brings to the first encoder layer by itself, one row
    /// per token: its word vector, then its fixed pretrained row (a model whose
    /// encoder reads pretrained rows), then its character features; the context features,
    /// which depend on neighbours, are not among them.
    /// - Parameters:
    ///   - wordIds: the tokens' word-vector rows.
    ///   - pretrainedRows: the tokens' pretrained rows (read only when the encoder reads them).
    ///   - characterIds: the tokens' character ids.
    ///   - characterTable: character features computed beforehand (inference only).
    /// - Returns: the features, and the character encoder's cache when it ran without a table.
    func tokenFeatures(
        wordIds: [Int], pretrainedRows: [Int?], characterIds: [[Int]], characterTable: CharacterFeatureTable?
    ) -> (features: Matrix, characterCache: CharacterFeatures.Cache?) {
        var features = words(wordIds)
        if let pretrained, architecture.pretrainedInput == .encoder {
            precondition(pretrainedRows.count == wordIds.count, "a sentence needs one pretrained row per token")
            features = Matrix.concatenatingColumns(features, pretrained.rows(pretrainedRows))
        }
        if let characters, let characterTable {
            return (Matrix.concatenatingColumns(features, characterTable.features(of: characterIds, encoder: characters)), nil)
        } else if let characters {
            let (encoded, cache) = characters.forward(characterIds)
            return (Matrix.concatenatingColumns(features, encoded), cache)
        }
        return (features, nil)
    }

    /// The summed loss of a batch and its gradient: the CRF's (or softmax's)
    /// negative log-likelihood of the gold labels plus `intentWeight` times the
    /// intent cross-entropy (label-smoothed by `intentSmoothing`; that of
    /// ``vectorIntent`` too when there is one), summed over sentences.
    /// - Parameters:
    ///   - batch: sentences with `labelIds` (and `intentId` when the network has an intent head).
    ///   - dropout: the dropout rate.
    ///   - intentWeight: the weight of the intent loss.
    ///   - intentSmoothing: the label smoothing `ε` of the intent loss (see
    ///     ``SoftmaxOutput/smoothedCrossEntropy(logits:labels:smoothing:logitGradient:scale:)``).
    ///   - generator: the source of dropout masks.
    /// - Returns: the summed loss and the gradient of that sum.
    package func lossAndGradient(
        _ batch: [EncodedSentence], dropout: Float, intentWeight: Float, intentSmoothing: Float = 0,
        using generator: inout SplitMix64
    ) -> (loss: Double, gradient: TaggingNetwork) {
        var (loss, gradient, wordGradient) = lossAndSparseGradient(
            batch, dropout: dropout, intentWeight: intentWeight, intentSmoothing: intentSmoothing, using: &generator)
        gradient.words = Embedding(table: wordGradient.dense)
        return (loss, gradient)
    }

    /// ``lossAndGradient(_:dropout:intentWeight:intentSmoothing:using:)`` for large
    /// vocabularies: the word table's gradient comes as sparse rows (the rows of
    /// the batch's words), and the network gradient holds an empty `0 × D` word
    /// table in its place, so that no table-sized gradient is allocated. The
    /// numbers are the same bits.
    /// - Parameters:
    ///   - batch: sentences with `labelIds` (and `intentId` when the network has an intent head).
    ///   - dropout: the dropout rate.
    ///   - intentWeight: the weight of the intent loss.
    ///   - intentSmoothing: the label smoothing `ε` of the intent loss.
    ///   - generator: the source of dropout masks.
    /// - Returns: the summed loss, the gradient of every parameter but the word
    ///   table, and the word table's gradient.
    package func lossAndSparseGradient(
        _ batch: [EncodedSentence], dropout: Float, intentWeight: Float, intentSmoothing: Float = 0,
        using generator: inout SplitMix64
    ) -> (loss: Double, gradient: TaggingNetwork, wordGradient: SparseRows) {
        let pass = forward(batch, dropout: dropout, using: &generator)
        var withoutWords = self
        withoutWords.words = Embedding(table: Matrix(rows: 0, columns: words.dimension))
        var gradient = withoutWords.zeroed
        let sentences = (0..<batch.count).map { pass.layout.offsets[$0] ..< pass.layout.offsets[$0] + batch[$0].count }
        let labels = batch.flatMap { sentence -> [Int] in
            guard let labels = sentence.labelIds else { preconditionFailure("training sentences need labels") }
            return labels
        }
        var emissionGradient = Matrix(rows: pass.layout.tokenCount, columns: labelCount)
        var loss: Double
        if let crf {
            loss = crf.negativeLogLikelihood(
                emissions: pass.emissions, sentences: sentences, labels: labels,
                gradient: &gradient.crf!, emissionGradient: &emissionGradient)
        } else {
            loss = SoftmaxOutput(labelCount: labelCount).crossEntropy(
                logits: pass.emissions, labels: labels, logitGradient: &emissionGradient)
        }
        var featureGradient = Matrix(rows: pass.features.rows, columns: pass.features.columns)
        emissions.backward(
            emissionGradient, input: pass.features, addingTo: &gradient.emissions, inputGradient: &featureGradient)
        if let intent {
            let intents = batch.map { sentence -> Int in
                guard let id = sentence.intentId else { preconditionFailure("training sentences need intents") }
                return id
            }
            let (logits, cache) = intent.forward(pass.features, sentences: sentences)
            var logitGradient = Matrix(rows: logits.rows, columns: logits.columns)
            loss += Double(intentWeight) * SoftmaxOutput(labelCount: intent.intentCount).smoothedCrossEntropy(
                logits: logits, labels: intents, smoothing: intentSmoothing, logitGradient: &logitGradient,
                scale: intentWeight)
            intent.backward(logitGradient, cache: cache, outputGradient: &featureGradient, addingTo: &gradient.intent!)
            if let vectorIntent {
                let (logits, cache) = vectorIntent.forward(
                    pass.features, sentences: sentences, sentenceFeatures: intentSentenceFeatures(batch))
                var logitGradient = Matrix(rows: logits.rows, columns: logits.columns)
                loss += Double(intentWeight) * SoftmaxOutput(labelCount: vectorIntent.intentCount).smoothedCrossEntropy(
                    logits: logits, labels: intents, smoothing: intentSmoothing, logitGradient: &logitGradient,
                    scale: intentWeight)
                // The gradient stops at the encoder outputs: the encoder trains as without this head.
                var discarded = Matrix(rows: pass.features.rows, columns: pass.features.columns)
                vectorIntent.backward(logitGradient, cache: cache, outputGradient: &discarded, addingTo: &gradient.vectorIntent!)
            }
        }
        let drop = Dropout(rate: dropout)
        for index in encoder.indices.reversed() {
            drop.backward(&featureGradient, mask: pass.encoderMasks[index])
            let (inputGradient, layerGradient) = encoder[index].backward(
                outputGradient: featureGradient, cache: pass.encoderCaches[index])
            gradient.encoder[index] = layerGradient
            featureGradient = inputGradient
        }
        drop.backward(&featureGradient, mask: pass.featureMask)
        let wordColumns = words.dimension
        let wordGradient = words.sparseGradient(
            ids: pass.wordIds, outputGradient: featureGradient.columns(0 ..< wordColumns))
        // The pretrained columns that follow the word vectors are fixed: no gradient.
        let characterStart = wordColumns + architecture.encoderPretrainedDimension
        let characterColumns = characterStart + (characters?.outputSize ?? 0)
        if let characters, let cache = pass.characterCache {
            gradient.characters = characters.backward(
                featureGradient.columns(characterStart ..< characterColumns), cache: cache)
        }
        if let context {
            gradient.context = context.backward(
                featureGradient.columns(characterColumns ..< featureGradient.columns), batch: batch)
        }
        return (loss, gradient, wordGradient)
    }
}
