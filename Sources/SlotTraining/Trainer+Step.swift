import SlotMath
import SlotLayers
import SlotModel
import SlotVocabulary

extension Trainer {
    /// One optimiser step on one batch; returns the batch's summed loss, or
    /// which quantity was not finite (and then changes nothing).
    ///
    /// Each worker's sentences get their word dropout from the worker's own
    /// generator, which then draws the worker's dropout masks. The workers read
    /// the batch's rows of the word table as a small table of their own (word
    /// ids renumbered in order), and return the word table's gradient as sparse
    /// rows in the whole table's numbering. Sentences are augmented (see
    /// ``SentenceAugmenter``) before word dropout.
    /// Training sentence `index`, or with probability ``TrainingOptions/numeralRate``
    /// its numeral rendering when it has one (no random number is drawn when it has none).
    func trainingSentence(_ index: Int, using generator: inout SplitMix64) -> EncodedSentence {
        if let variant = data.numeralVariants[index], generator.nextUnitFloat() < options.numeralRate { return variant }
        return data.train[index]
    }

    func step(
        _ state: inout TrainingState, words: inout ShardedWordTable, batch: [Int], batchIndex: Int, learningRate: Float
    ) -> BatchOutcome {
        let workers = max(1, min(options.threads, batch.count))
        let seed = mix(options.seed, UInt64(state.epoch), UInt64(batchIndex))
        let shares = (0..<workers).map { worker -> (generator: SplitMix64, sentences: [EncodedSentence]) in
            var generator = SplitMix64(seed: mix(seed, UInt64(worker), 0xD809))
            let sentences = stride(from: worker, to: batch.count, by: workers).map {
                wordDropped(augmenter.augment(trainingSentence(batch[$0], using: &generator), using: &generator), using: &generator)
            }
            return (generator, sentences)
        }
        let ids = Set(shares.flatMap { $0.sentences.flatMap(\.wordIds) }).sorted()
        let positions = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let network = state.network.replacingWords(with: words.rows(ids))
        let wordCount = words.rowCount
        let parts = Workers.map(count: workers) { worker -> (loss: Double, gradient: BatchGradient) in
            var generator = shares[worker].generator
            let sentences = shares[worker].sentences.map { sentence in
                var renumbered = sentence
                renumbered.wordIds = sentence.wordIds.map { id in
                    guard let position = positions[id] else { preconditionFailure("word \(id) is in the batch's table") }
                    return position
                }
                return renumbered
            }
            let (loss, gradient, batchWords) = network.lossAndSparseGradient(
                sentences, dropout: options.dropout, intentWeight: options.intentWeight,
                intentSmoothing: options.intentSmoothing, using: &generator)
            let wordGradient = SparseRows(rowCount: wordCount, ids: batchWords.ids.map { ids[$0] }, values: batchWords.values)
            return (loss, BatchGradient(network: gradient, words: wordGradient))
        }
        let loss = parts.dropFirst().reduce(parts[0].loss) { $0 + $1.loss }
        var gradient = BatchGradient.sum(parts.map(\.gradient), scaledBy: 1 / Float(batch.count), threads: options.threads)
        if options.freezeEmbeddings { gradient.words.removeAll() }
        let norm = gradient.clipNorm(to: options.clipNorm, threads: options.threads)
        // A non-finite loss or gradient would turn every parameter into NaN: stop before the update.
        guard loss.isFinite else { return .diverged("loss") }
        guard norm.isFinite else { return .diverged("gradient norm") }
        let kernel = state.optimizer.nextStep(learningRate: learningRate)
        state.optimizer.apply(kernel, to: &state.network, gradients: gradient.denseTensors)
        words.update(
            with: gradient.words, kernel: kernel, onlyListed: options.lazyWordUpdates,
            averageRate: state.average?.nextRate)
        // The word table lives in `words` during the epoch (both here and in the
        // average an empty table stands in), so this averages the other parameters.
        state.average?.update(with: state.network)
        return .loss(loss)
    }

    /// What one optimiser step gave.
    enum BatchOutcome {
        /// The batch's summed loss; the parameters moved.
        case loss(Double)
        /// The named quantity was NaN or infinite; the parameters did not move.
        case diverged(String)
    }

    /// Replaces rare words by the unknown word with probability
    /// `unknownWordDropout`, and any word with probability `wordDropout`;
    /// then the same for the sentence's bigrams, if it has any, so that the
    /// unknown bigram's vector learns to stand for bigrams never seen in training;
    /// then hides each token's fixed pretrained vector with probability
    /// `pretrainedDropout`, so that the model also labels words from their
    /// context and spelling when the vectors say little about them.
    func wordDropped(_ sentence: EncodedSentence, using generator: inout SplitMix64) -> EncodedSentence {
        var copy = sentence
        if options.unknownWordDropout > 0 || options.wordDropout > 0 {
            drop(&copy.wordIds, rare: data.rareWords, using: &generator)
            drop(&copy.bigramIds, rare: data.rareBigrams, using: &generator)
        }
        if options.pretrainedDropout > 0 {
            for index in copy.pretrainedRows.indices where generator.nextUnitFloat() < options.pretrainedDropout {
                copy.pretrainedRows[index] = nil
            }
        }
        return copy
    }

    /// Replaces ids by the unknown id: rare ones with probability
    /// `max(unknownWordDropout, wordDropout)`, the others with probability `wordDropout`.
    private func drop(_ ids: inout [Int], rare: [Bool], using generator: inout SplitMix64) {
        for index in ids.indices {
            let rate = rare[ids[index]] ? max(options.unknownWordDropout, options.wordDropout) : options.wordDropout
            if rate > 0, generator.nextUnitFloat() < rate {
                ids[index] = Vocabulary.unknownID
            }
        }
    }
}

extension TaggingNetwork {
    /// The same network over another word table.
    fileprivate func replacingWords(with table: Matrix) -> TaggingNetwork {
        var network = self
        network.words = Embedding(table: table)
        return network
    }
}
