import SlotMath
import SlotModel
import SlotTestSupport
import SlotVocabulary
import Testing
@testable import SlotTraining

/// Training data and steps with fixed pretrained vectors (`--pretrained-words`).
@Suite("Training with fixed pretrained vectors")
struct PretrainedTrainingTests {
    /// Vectors whose head is two words the toy corpus lacks, then two of its words, then one more.
    static let vectors = PretrainedVectors(
        words: ["oslo", "lima", "boston", "flights", "quito"],
        vectors: Matrix(rows: 5, columns: 12, scalars: (0..<60).map { Float($0 % 7) / 7 - 0.4 }))

    static func trainer(pretrainedDropout: Float) throws -> Trainer {
        var options = ToyTraining.options(epochs: 1)
        options.architecture.pretrainedDimension = 12
        options.pretrainedWords = 2
        options.pretrainedDropout = pretrainedDropout
        options.wordDropout = 0
        let data = try TrainingData(
            train: ToySlotCorpus.sentences, trainFile: "toy.conll", dev: ToySlotCorpus.sentences, devFile: "toy-dev.conll",
            options: options, vectors: vectors)
        return Trainer(options: options, data: data)
    }

    @Test("the featurizer keeps the file's head and the training words it knows, and every token gets its row")
    func data() throws {
        let trainer = try Self.trainer(pretrainedDropout: 0)
        let pretrained = try #require(trainer.data.featurizer.pretrained)
        #expect((0..<pretrained.count).map(pretrained.word(at:)) == ["boston", "flights", "lima", "oslo"])
        #expect(trainer.data.train.allSatisfy { $0.pretrainedRows.count == $0.count })
        #expect(trainer.data.train.contains { $0.pretrainedRows.contains(pretrained.row(of: "boston")) })
        #expect(trainer.initialState().network.pretrained == pretrained)
    }

    @Test("pretrained dropout hides rows with its probability and leaves the word ids alone")
    func dropout() throws {
        let sentence = try Self.trainer(pretrainedDropout: 0).data.train.first { $0.pretrainedRows.contains { $0 != nil } }!
        var generator = SplitMix64(seed: 5)
        let kept = try Self.trainer(pretrainedDropout: 0).wordDropped(sentence, using: &generator)
        #expect(kept == sentence)
        let hidden = try Self.trainer(pretrainedDropout: 1).wordDropped(sentence, using: &generator)
        #expect(hidden.pretrainedRows.allSatisfy { $0 == nil } && hidden.wordIds == sentence.wordIds)
        let trainer = try Self.trainer(pretrainedDropout: 0.5)
        var total = 0, dropped = 0
        for _ in 0..<400 {
            let copy = trainer.wordDropped(sentence, using: &generator)
            for (before, after) in zip(sentence.pretrainedRows, copy.pretrainedRows) where before != nil {
                total += 1
                if after == nil { dropped += 1 }
            }
        }
        #expect(abs(Double(dropped) / Double(total) - 0.5) < 0.05, "\(dropped) of \(total)")
    }
}
