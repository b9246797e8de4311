import SlotMath
import SlotLayers
import SlotModel
import SlotVocabulary
import SlotEvaluation

/// The training loop: mini-batches split over worker threads, gradient
/// clipping, the optimiser, a moving average of the parameters, learning-rate
/// decay, dev evaluation (of the average) after every epoch, early stopping,
/// and the best network by ``TrainingOptions/selection`` kept.
///
/// Every random choice (shuffling, dropout, augmentation, unknown-word dropout) comes from a
/// generator seeded by `(seed, epoch, batch, worker)`, so a run interrupted at
/// any batch and resumed from its state ends with exactly the model of an
/// uninterrupted run, and a single-threaded run is reproducible to the byte.
package struct Trainer: Sendable {
    /// The hyperparameters.
    package let options: TrainingOptions
    /// The encoded data and featurizer.
    package let data: TrainingData
    /// The BIO constraints used when decoding the dev set.
    package let constraints: TransitionConstraints
    /// The random changes made to training sentences.
    package let augmenter: SentenceAugmenter

    /// Creates a trainer.
    package init(options: TrainingOptions, data: TrainingData) {
        self.options = options
        self.data = data
        constraints = TransitionConstraints(bioLabels: data.featurizer.labels)
        augmenter = SentenceAugmenter(options: options, featurizer: data.featurizer)
    }

    /// A fresh network and optimiser, initialised from the seed (and from
    /// `wordVectors` when pretrained vectors are given).
    package func initialState(wordVectors: Matrix? = nil) -> TrainingState {
        var generator = SplitMix64(seed: options.seed)
        let featurizer = data.featurizer
        let network = TaggingNetwork(
            architecture: options.architecture, wordCount: featurizer.words.count,
            characterCount: featurizer.characters.count, labelCount: featurizer.labels.count,
            intentCount: featurizer.intents.count, wordVectors: wordVectors,
            bigramCount: featurizer.context.bigrams?.count ?? 0, pretrained: featurizer.pretrained, using: &generator)
        let rule: Optimizer.Rule = switch options.optimizer {
        case .sgd: .sgd(momentum: options.momentum)
        case .adam: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        case .rmsprop: .rmsprop(decay: 0.9, epsilon: 1e-8)
        }
        return TrainingState(network: network, optimizer: Optimizer(rule: rule), averagingDecay: options.averagingDecay)
    }

    /// Trains until the epochs run out, early stopping, the time limit, `shouldStop`, or a
    /// non-finite loss or gradient norm (checked every batch; then `state` is left at the
    /// diverging batch, its epoch and batch naming where).
    /// - Parameters:
    ///   - state: where to start; on return, where training stopped.
    ///   - events: called after every batch and epoch.
    ///   - shouldStop: polled between batches; returning `true` interrupts.
    /// - Returns: why training stopped.
    package func run(
        _ state: inout TrainingState, events: (TrainingEvent) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) -> StopReason {
        let clock = ContinuousClock()
        let started = clock.now
        while state.epoch < options.maxEpochs {
            if state.epochsWithoutImprovement >= options.patience { return .earlyStopping }
            let epochStarted = clock.now
            var shuffler = SplitMix64(seed: mix(options.seed, UInt64(state.epoch), 0x5EED))
            let batches = Batching(batchSize: options.batchSize).batches(lengths: data.train.map(\.count), using: &shuffler)
            let learningRate = options.learningRate / (1 + options.learningRateDecay * Float(state.epoch))
            var sentencesDone = batches[..<state.nextBatch].reduce(0) { $0 + $1.count }
            do {
                var words = ShardedWordTable(moving: &state, count: options.threads)
                defer { words.restore(into: &state) }
                while state.nextBatch < batches.count {
                    if shouldStop() {
                        state.epochSeconds += seconds(clock.now - epochStarted)
                        return .interrupted
                    }
                    if let limit = options.timeLimit, seconds(clock.now - started) >= limit {
                        return .timeLimit
                    }
                    let batch = batches[state.nextBatch]
                    switch step(&state, words: &words, batch: batch, batchIndex: state.nextBatch, learningRate: learningRate) {
                    case .loss(let loss): state.epochLoss += loss
                    case .diverged(let quantity): return quantity == "loss" ? .lossDiverged : .gradientDiverged
                    }
                    state.nextBatch += 1
                    sentencesDone += batch.count
                    let elapsed = state.epochSeconds + seconds(clock.now - epochStarted)
                    let speed = Double(sentencesDone) / max(elapsed, 1e-9)
                    events(.batch(BatchProgress(
                        epoch: state.epoch + 1, batchesDone: state.nextBatch, batchCount: batches.count,
                        loss: state.epochLoss / Double(max(sentencesDone, 1)), sentencesPerSecond: speed,
                        secondsLeft: Double(data.train.count - sentencesDone) / max(speed, 1e-9))))
                }
            }
            let candidate = state.average?.value ?? state.network
            let report = evaluate(candidate)
            let score = options.selection.score(report)
            let improved = score > state.bestScore
            if improved {
                state.best = candidate
                state.bestScore = score
                state.epochsWithoutImprovement = 0
            } else {
                state.epochsWithoutImprovement += 1
            }
            let record = EpochRecord(
                epoch: state.epoch + 1, trainLoss: state.epochLoss / Double(max(data.train.count, 1)),
                devPrecision: report.precision, devRecall: report.recall, devF1: report.f1,
                devIntentAccuracy: report.intentAccuracy, learningRate: learningRate,
                seconds: state.epochSeconds + seconds(clock.now - epochStarted), improved: improved)
            state.history.append(record)
            state.epoch += 1
            state.nextBatch = 0
            state.epochLoss = 0
            state.epochSeconds = 0
            events(.epoch(record))
        }
        return .maxEpochs
    }

    /// Scores `network` on the dev set with conlleval's rules.
    package func evaluate(_ network: TaggingNetwork) -> EvaluationReport {
        let predictions = Trainer.predict(
            network, sentences: data.dev, constraints: constraints, threads: options.threads)
        let featurizer = data.featurizer
        let gold = data.devSentences.map(\.labels)
        let predicted = predictions.map { $0.labelIds.map { featurizer.labels[$0] } }
        let goldIntents = featurizer.intents.isEmpty ? [] : data.devSentences.map(\.intent)
        let predictedIntents: [String?] = featurizer.intents.isEmpty
            ? [] : predictions.map { $0.intentId.map { featurizer.intents[$0] } }
        do {
            return try ChunkScorer.score(
                gold: gold, predicted: predicted, goldIntents: goldIntents, predictedIntents: predictedIntents)
        } catch {
            preconditionFailure("predictions have one label per dev token: \(error)")
        }
    }

    /// Predicts many sentences in batches of 64 spread over `threads` workers, in input order.
    package static func predict(
        _ network: TaggingNetwork, sentences: [EncodedSentence], constraints: TransitionConstraints?,
        threads: Int, confidences: Bool = false
    ) -> [Prediction] {
        Workers.mapChunks(count: sentences.count, chunkSize: 64, threads: threads) { range in
            network.predict(Array(sentences[range]), constraints: constraints, confidences: confidences, strategy: .blas)
        }
    }
}

/// Mixes three numbers into one seed (SplitMix64's finaliser over a combination).
func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    var generator = SplitMix64(seed: a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c)
    return generator.next()
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
}
