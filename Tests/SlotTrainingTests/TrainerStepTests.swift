import Testing
import SlotMath
import SlotModel
@testable import SlotTraining

/// The trainer's step against the dense step it replaced: whole-network
/// gradients per worker, summed, scaled, clipped, a dense optimiser update and
/// a dense update of the parameter average (augmentation on, as by default).
@Suite("A training step gives the bits of the dense reference step")
struct TrainerStepTests {
    static func trainer(threads: Int, freeze: Bool, rule: TrainingOptions.OptimizerName) throws -> Trainer {
        var options = ToyTraining.options(epochs: 1, threads: threads, dropout: 0.3)
        options.unknownWordDropout = 0.3
        options.wordDropout = 0.2
        options.clipNorm = 0.5
        options.freezeEmbeddings = freeze
        options.optimizer = rule
        return Trainer(options: options, data: try ToyTraining.data(options))
    }

    /// The dense step, written as the trainer did before the word table was sharded.
    static func referenceStep(_ trainer: Trainer, state: inout TrainingState, batch: [Int], batchIndex: Int) -> Double {
        let options = trainer.options
        let workers = max(1, min(options.threads, batch.count))
        let seed = mix(options.seed, UInt64(state.epoch), UInt64(batchIndex))
        let parts = (0..<workers).map { worker in
            var generator = SplitMix64(seed: mix(seed, UInt64(worker), 0xD809))
            let sentences = stride(from: worker, to: batch.count, by: workers).map {
                trainer.wordDropped(trainer.augmenter.augment(trainer.data.train[batch[$0]], using: &generator), using: &generator)
            }
            return state.network.lossAndGradient(
                sentences, dropout: options.dropout, intentWeight: options.intentWeight,
                intentSmoothing: options.intentSmoothing, using: &generator)
        }
        var gradient = parts[0].gradient
        var loss = parts[0].loss
        for part in parts.dropFirst() {
            gradient.add(part.gradient)
            loss += part.loss
        }
        gradient.scale(by: 1 / Float(batch.count))
        if options.freezeEmbeddings { gradient.words.table.fill(0) }
        gradient.clipNorm(to: options.clipNorm)
        state.optimizer.update(&state.network, gradient: gradient, learningRate: options.learningRate)
        state.average?.update(with: state.network)
        return loss
    }

    @Test("losses, parameters and moments after a dozen steps", arguments: [
        (1, false, TrainingOptions.OptimizerName.adam), (2, false, .adam), (2, true, .adam), (2, false, .sgd), (3, false, .rmsprop),
    ])
    func sameBits(threads: Int, freeze: Bool, rule: TrainingOptions.OptimizerName) throws {
        let trainer = try Self.trainer(threads: threads, freeze: freeze, rule: rule)
        var shuffler = SplitMix64(seed: 3)
        let batches = Batching(batchSize: 4).batches(lengths: trainer.data.train.map(\.count), using: &shuffler)
        var reference = trainer.initialState(), sharded = reference
        var words = ShardedWordTable(moving: &sharded, count: threads)
        #expect(sharded.network.words.table.count == 0, "the shards hold the table")
        for step in 0..<12 {
            let batch = batches[step % batches.count]
            let expected = Self.referenceStep(trainer, state: &reference, batch: batch, batchIndex: step)
            let actual = trainer.step(&sharded, words: &words, batch: batch, batchIndex: step, learningRate: trainer.options.learningRate)
            guard case .loss(let loss) = actual else {
                Issue.record("step \(step) diverged")
                return
            }
            #expect(loss.bitPattern == expected.bitPattern)
        }
        words.restore(into: &sharded)
        #expect(ToyTraining.bits(sharded.network) == ToyTraining.bits(reference.network))
        #expect(sharded.optimizer.firstMoments == reference.optimizer.firstMoments)
        #expect(sharded.optimizer.secondMoments == reference.optimizer.secondMoments)
        #expect(sharded.optimizer.step == 12)
        let shardedAverage = try #require(sharded.average), referenceAverage = try #require(reference.average)
        #expect(ToyTraining.bits(shardedAverage.value) == ToyTraining.bits(referenceAverage.value))
        #expect(shardedAverage.updates == 12)
    }
}
