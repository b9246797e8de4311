import Testing
import SlotCorpus
import SlotMath
import SlotModel
import SlotTestSupport
import SlotTraining
import SlotVocabulary

@Suite("SentenceAugmenter")
struct SentenceAugmenterTests {
    /// The toy corpus plus a sentence with a digit inside a slot, encoded with punctuation in the vocabulary.
    static func data(punctuationRate: Float = 0.5) throws -> TrainingData {
        var options = ToyTraining.options(epochs: 1)
        options.punctuationRate = punctuationRate
        let extra = AnnotatedSentence(
            tokens: ["flights", "at", "5pm", "from", "boston"],
            labels: ["O", "O", "B-depart_time.time", "O", "B-fromloc.city_name"], intent: "atis_flight")
        return try TrainingData(
            train: ToySlotCorpus.sentences + [extra], trainFile: "toy.conll",
            dev: ToySlotCorpus.sentences, devFile: "toy-dev.conll", options: options)
    }

    @Test("the inserted punctuation is in the vocabulary, counted as often as it is expected, and not rare")
    func vocabulary() throws {
        let data = try Self.data()
        let words = data.featurizer.words
        for token in SentenceAugmenter.insertedTokens {
            let id = try #require(words.lookUp(token), "\(token) is missing")
            #expect(words.count(of: id) == 11)
            #expect(!data.rareWords[id])
            #expect(data.featurizer.characters.id(of: token.unicodeScalars.first!) != CharacterVocabulary.unknownID)
        }
        let plain = try Self.data(punctuationRate: 0)
        #expect(SentenceAugmenter.insertedTokens.allSatisfy { plain.featurizer.words.lookUp($0) == nil })
    }

    @Test("with rate 1 every sentence ends in a mark and gets one comma, both O, never inside a slot")
    func punctuation() throws {
        let data = try Self.data()
        let featurizer = data.featurizer
        let augmenter = SentenceAugmenter(featurizer: featurizer, punctuationRate: 1, slotDropout: 0, slotSpellingNoise: 0)
        let ends = Set(SentenceAugmenter.sentenceEndMarks.map { featurizer.words.id(of: $0) })
        let comma = featurizer.words.id(of: ",")
        let outside = try #require(featurizer.labelId("O"))
        var generator = SplitMix64(seed: 3)
        var endsSeen = Set<Int>()
        for sentence in data.train {
            let augmented = augmenter.augment(sentence, using: &generator)
            let labels = try #require(augmented.labelIds)
            #expect(augmented.count == sentence.count + 2)
            #expect(ends.contains(augmented.wordIds.last!))
            endsSeen.insert(augmented.wordIds.last!)
            #expect(labels.last == outside)
            let commaAt = try #require(augmented.wordIds.firstIndex(of: comma))
            #expect(commaAt > 0 && commaAt < sentence.count)
            #expect(labels[commaAt] == outside)
            #expect(!featurizer.labels[labels[commaAt + 1]].hasPrefix("I-"))
            var kept = augmented
            kept.wordIds.remove(at: augmented.count - 1)
            kept.characterIds.remove(at: augmented.count - 1)
            kept.labelIds?.remove(at: augmented.count - 1)
            kept.wordIds.remove(at: commaAt)
            kept.characterIds.remove(at: commaAt)
            kept.labelIds?.remove(at: commaAt)
            #expect(kept == sentence)
            #expect(augmented.intentId == sentence.intentId)
        }
        #expect(endsSeen == ends)
    }

    @Test("slot dropout replaces every word of every slot by the unknown word and keeps the rest")
    func slotDropout() throws {
        let data = try Self.data()
        let augmenter = SentenceAugmenter(featurizer: data.featurizer, punctuationRate: 0, slotDropout: 1, slotSpellingNoise: 0)
        var generator = SplitMix64(seed: 4)
        for sentence in data.train {
            let augmented = augmenter.augment(sentence, using: &generator)
            #expect(augmented.characterIds == sentence.characterIds)
            #expect(augmented.labelIds == sentence.labelIds)
            for (index, label) in sentence.labelIds!.enumerated() {
                let inSlot = data.featurizer.labels[label] != "O"
                #expect(augmented.wordIds[index] == (inSlot ? Vocabulary.unknownID : sentence.wordIds[index]))
            }
        }
    }

    @Test("a dropped slot loses its pretrained vectors only when asked to; other tokens keep theirs")
    func droppedSlotVectors() throws {
        let data = try Self.data()
        for hides in [false, true] {
            let augmenter = SentenceAugmenter(
                featurizer: data.featurizer, punctuationRate: 0, slotDropout: 1, slotSpellingNoise: 0,
                hidesDroppedSlotVectors: hides)
            var generator = SplitMix64(seed: 6)
            var hidden = 0
            for var sentence in data.train {
                // Every token with a pretrained row of its own (the toy corpus has no vectors).
                sentence.pretrainedRows = Array(sentence.wordIds.indices)
                let augmented = augmenter.augment(sentence, using: &generator)
                for (index, label) in sentence.labelIds!.enumerated() {
                    let dropped = hides && data.featurizer.labels[label] != "O"
                    #expect(augmented.pretrainedRows[index] == (dropped ? nil : index))
                    if dropped { hidden += 1 }
                }
            }
            #expect(hides == (hidden > 0))
        }
    }

    @Test("spelling noise replaces the letters of dropped slots by random letters and keeps digits")
    func spellingNoise() throws {
        let data = try Self.data()
        let characters = data.featurizer.characters
        let augmenter = SentenceAugmenter(featurizer: data.featurizer, punctuationRate: 0, slotDropout: 1, slotSpellingNoise: 1)
        var generator = SplitMix64(seed: 5)
        var changed = 0, letters = 0
        for sentence in data.train {
            let augmented = augmenter.augment(sentence, using: &generator)
            for (index, label) in sentence.labelIds!.enumerated() {
                let before = sentence.characterIds[index], after = augmented.characterIds[index]
                guard data.featurizer.labels[label] != "O" else {
                    #expect(after == before)
                    continue
                }
                #expect(after.count == before.count)
                for (old, new) in zip(before, after) {
                    let oldScalar = characters.scalars[old - CharacterVocabulary.specialEntries.count]
                    let newScalar = characters.scalars[new - CharacterVocabulary.specialEntries.count]
                    if oldScalar.properties.isAlphabetic {
                        #expect(newScalar.properties.isAlphabetic)
                        letters += 1
                        if new != old { changed += 1 }
                    } else {
                        #expect(new == old, "\(oldScalar) must be kept")
                    }
                }
            }
        }
        #expect(letters > 100)
        #expect(changed * 10 > letters * 9, "\(changed) of \(letters) letters changed")
    }

    @Test("with all rates 0 a sentence comes back unchanged and no random numbers are drawn")
    func identity() throws {
        let data = try Self.data(punctuationRate: 0)
        var options = ToyTraining.options(epochs: 1)
        options.punctuationRate = 0
        options.slotDropout = 0
        options.slotSpellingNoise = 0.5
        let augmenter = SentenceAugmenter(options: options, featurizer: data.featurizer)
        #expect(augmenter.slotSpellingNoise == 0.5)
        var generator = SplitMix64(seed: 6)
        let untouched = generator
        for sentence in data.train {
            #expect(augmenter.augment(sentence, using: &generator) == sentence)
        }
        #expect(generator == untouched)
    }
}
