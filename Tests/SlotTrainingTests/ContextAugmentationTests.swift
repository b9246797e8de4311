import Testing
import SlotCorpus
import SlotMath
import SlotModel
import SlotTraining
import SlotVocabulary

/// Augmentation and word dropout keep a sentence's bigram and soft-word ids in
/// step with its tokens.
@Suite("Augmenting sentences with bigram and soft-word ids")
struct ContextAugmentationTests {
    static func data(punctuationRate: Float, slotDropout: Float) throws -> TrainingData {
        var options = ToyTraining.options(epochs: 1)
        options.architecture.bigramDimension = 4
        options.architecture.softwordDimension = 2
        options.punctuationRate = punctuationRate
        options.slotDropout = slotDropout
        options.slotSpellingNoise = 0
        let sentence = AnnotatedSentence(
            tokens: ["从", "北", "京", "飞"], labels: ["O", "B-from", "I-from", "O"], intent: "flight")
        return try TrainingData(train: [sentence], trainFile: "zh.conll", dev: [sentence], devFile: "zh.conll", options: options)
    }

    @Test("training sentences get n + 1 bigram ids and n soft-word ids from the training vocabulary")
    func encoding() throws {
        let data = try Self.data(punctuationRate: 0, slotDropout: 0)
        let sentence = data.train[0]
        let bigrams = try #require(data.featurizer.context.bigrams)
        #expect(sentence.bigramIds == ["<s> 从", "从 北", "北 京", "京 飞", "飞 </s>"].map { bigrams.id(of: $0) })
        #expect(!sentence.bigramIds.contains(Vocabulary.unknownID))
        #expect(sentence.softwordIds.count == 4)
        #expect(data.rareBigrams.count == bigrams.count)
    }

    @Test("a dropped slot's bigrams become unknown; an inserted mark gets unknown bigrams and is a word of its own")
    func augmentation() throws {
        let data = try Self.data(punctuationRate: 1, slotDropout: 1)
        let original = data.train[0]
        let augmenter = SentenceAugmenter(featurizer: data.featurizer, punctuationRate: 1, slotDropout: 1, slotSpellingNoise: 0)
        var generator = SplitMix64(seed: 3)
        let augmented = augmenter.augment(original, using: &generator)
        // One comma and one final mark: 6 tokens, 7 bigrams, 6 soft words.
        #expect(augmented.count == 6)
        #expect(augmented.bigramIds.count == 7 && augmented.softwordIds.count == 6)
        let unknown = Vocabulary.unknownID
        // The final mark's two bigrams are unknown and it is a single-token word.
        #expect(augmented.bigramIds[5] == unknown && augmented.bigramIds[6] == unknown)
        #expect(augmented.softwordIds[5] == ContextFeaturizer.WordPosition.single.rawValue)
        // The slot 北京 (wherever the comma went) has unknown words and unknown bigrams on both sides.
        let begin = try #require(data.featurizer.labelId("B-from"))
        let slot = try #require(augmented.labelIds?.firstIndex(of: begin))
        #expect(augmented.wordIds[slot] == unknown && augmented.wordIds[slot + 1] == unknown)
        #expect(augmented.bigramIds[slot ... slot + 2].allSatisfy { $0 == unknown })
        // The first bigram, "<s> 从", touches neither the slot nor a mark and survives.
        #expect(augmented.bigramIds[0] == original.bigramIds[0])
    }
}
