import SlotMath
import SlotModel
import SlotVocabulary

/// Random changes to training sentences that teach the model what real user
/// text has and a corpus such as ATIS lacks, drawn afresh for every sentence
/// in every epoch:
///
/// - **Punctuation.** With probability ``punctuationRate`` a sentence-final
///   mark (`.`, `?` or `!`) is appended, and with the same probability a comma
///   is inserted between two tokens that are not inside one slot; both are
///   labelled `O`. Users type "on November 2nd." and the tokenizer splits
///   the full stop off; a model that never saw one pulls it into the slot.
/// - **Slot-value dropout.** With probability ``slotDropout`` every token of
///   a slot (a whole chunk, e.g. both words of "new york") is replaced by the
///   unknown word, and with probability ``slotSpellingNoise`` of those also
///   spelt with random letters (digits and other characters are kept), so
///   that the words around a slot, not its value, decide its role: "leave
///   Beijing" makes an unseen city the origin even when its spelling looks
///   like "evening". With ``hidesDroppedSlotVectors`` a dropped slot's tokens
///   also lose their fixed pretrained vectors (``EncodedSentence/pretrainedRows``),
///   so that it reads exactly like a word with no vector: otherwise the model
///   learns that a familiar city's vector, not the context, marks a city.
///
/// Sentences keep their intent. With all rates 0 a sentence is returned
/// unchanged and no random numbers are drawn. In a sentence with bigram ids
/// (``EncodedSentence/bigramIds``) the bigrams that touch a dropped slot or an
/// inserted mark become unknown, and an inserted mark is a soft word of its own.
package struct SentenceAugmenter: Sendable {
    /// The sentence-final marks, one of which is appended.
    package static let sentenceEndMarks = [".", "?", "!"]
    /// The marks inserted between tokens.
    package static let innerMarks = [","]
    /// Every token the augmenter inserts; the training vocabulary must contain them.
    package static var insertedTokens: [String] { sentenceEndMarks + innerMarks }

    /// The probability of appending a sentence-final mark, and separately of inserting a comma.
    package let punctuationRate: Float
    /// The probability of replacing a slot's words by the unknown word.
    package let slotDropout: Float
    /// The probability that a dropped slot is also spelt with random letters.
    package let slotSpellingNoise: Float
    /// Whether a dropped slot's tokens also lose their pretrained vectors.
    package let hidesDroppedSlotVectors: Bool

    private let endMarks: [EncodedSentence]
    private let commas: [EncodedSentence]
    private let outsideLabel: Int?
    private let insideLabels: [Bool]
    private let beginLabels: [Bool]
    private let letters: Set<Int>
    private let letterIds: [Int]

    /// Creates an augmenter for sentences encoded by `featurizer`.
    ///
    /// Punctuation is only inserted when the label set has `O`; spelling noise
    /// only when the character vocabulary has letters.
    /// - Parameters:
    ///   - featurizer: the featurizer that encoded the training sentences (it
    ///     should know ``insertedTokens`` when `punctuationRate` is positive).
    ///   - punctuationRate: the probability of each punctuation insertion.
    ///   - slotDropout: the probability of dropping a slot's words.
    ///   - slotSpellingNoise: the probability of respelling a dropped slot.
    ///   - hidesDroppedSlotVectors: whether a dropped slot's tokens also lose their pretrained vectors.
    package init(
        featurizer: Featurizer, punctuationRate: Float, slotDropout: Float, slotSpellingNoise: Float,
        hidesDroppedSlotVectors: Bool = false
    ) {
        self.punctuationRate = punctuationRate
        self.slotDropout = slotDropout
        self.slotSpellingNoise = slotSpellingNoise
        self.hidesDroppedSlotVectors = hidesDroppedSlotVectors
        outsideLabel = featurizer.labelId("O")
        endMarks = Self.sentenceEndMarks.map { featurizer.encode(tokens: [$0]) }
        commas = Self.innerMarks.map { featurizer.encode(tokens: [$0]) }
        beginLabels = featurizer.labels.map { $0.hasPrefix("B-") }
        insideLabels = featurizer.labels.map { $0.hasPrefix("I-") }
        let specials = CharacterVocabulary.specialEntries.count
        letterIds = featurizer.characters.scalars.indices
            .filter { featurizer.characters.scalars[$0].properties.isAlphabetic }
            .map { $0 + specials }
        letters = Set(letterIds)
    }

    /// Creates the augmenter that `options` ask for.
    ///
    /// - Parameters:
    ///   - options: the training options (``TrainingOptions/punctuationRate``,
    ///     ``TrainingOptions/slotDropout``, ``TrainingOptions/slotSpellingNoise``,
    ///     ``TrainingOptions/hideDroppedSlotVectors``).
    ///   - featurizer: the featurizer that encoded the training sentences.
    package init(options: TrainingOptions, featurizer: Featurizer) {
        self.init(
            featurizer: featurizer, punctuationRate: options.punctuationRate, slotDropout: options.slotDropout,
            slotSpellingNoise: options.slotSpellingNoise, hidesDroppedSlotVectors: options.hideDroppedSlotVectors)
    }

    /// A randomly changed copy of a labelled training sentence.
    ///
    /// - Parameters:
    ///   - sentence: a sentence with `labelIds`.
    ///   - generator: the source of the random choices.
    /// - Returns: the sentence with slots dropped or respelt and punctuation inserted.
    package func augment(_ sentence: EncodedSentence, using generator: inout SplitMix64) -> EncodedSentence {
        guard let labels = sentence.labelIds, !labels.isEmpty else { return sentence }
        var result = sentence
        if slotDropout > 0 {
            dropSlots(&result, labels: labels, using: &generator)
        }
        if punctuationRate > 0, let outsideLabel {
            if generator.nextUnitFloat() < punctuationRate {
                let gaps = (1..<labels.count).filter { !insideLabels[labels[$0]] }
                if !gaps.isEmpty {
                    let gap = gaps[Self.index(below: gaps.count, using: &generator)]
                    let comma = commas[Self.index(below: commas.count, using: &generator)]
                    insert(comma, label: outsideLabel, at: gap, into: &result)
                }
            }
            if generator.nextUnitFloat() < punctuationRate {
                let mark = endMarks[Self.index(below: endMarks.count, using: &generator)]
                insert(mark, label: outsideLabel, at: result.count, into: &result)
            }
        }
        return result
    }

    /// Replaces the words of randomly chosen chunks by the unknown word and
    /// respells some of them.
    private func dropSlots(_ sentence: inout EncodedSentence, labels: [Int], using generator: inout SplitMix64) {
        var start = 0
        while start < labels.count {
            guard beginLabels[labels[start]] || insideLabels[labels[start]] else {
                start += 1
                continue
            }
            var end = start + 1
            while end < labels.count, insideLabels[labels[end]] { end += 1 }
            if generator.nextUnitFloat() < slotDropout {
                let respell = !letterIds.isEmpty && slotSpellingNoise > 0 && generator.nextUnitFloat() < slotSpellingNoise
                if !sentence.bigramIds.isEmpty {
                    for position in start...end { sentence.bigramIds[position] = Vocabulary.unknownID }
                }
                for position in start..<end {
                    sentence.wordIds[position] = Vocabulary.unknownID
                    if hidesDroppedSlotVectors && !sentence.pretrainedRows.isEmpty { sentence.pretrainedRows[position] = nil }
                    if respell {
                        sentence.characterIds[position] = sentence.characterIds[position].map { id in
                            letters.contains(id) ? letterIds[Self.index(below: letterIds.count, using: &generator)] : id
                        }
                    }
                }
            }
            start = end
        }
    }

    /// Inserts a one-token sentence's word and characters with `label` before `position`.
    private func insert(_ token: EncodedSentence, label: Int, at position: Int, into sentence: inout EncodedSentence) {
        sentence.wordIds.insert(token.wordIds[0], at: position)
        sentence.characterIds.insert(token.characterIds[0], at: position)
        sentence.labelIds?.insert(label, at: position)
        if !sentence.bigramIds.isEmpty {
            sentence.bigramIds[position] = Vocabulary.unknownID
            sentence.bigramIds.insert(Vocabulary.unknownID, at: position)
        }
        if !sentence.softwordIds.isEmpty {
            sentence.softwordIds.insert(ContextFeaturizer.WordPosition.single.rawValue, at: position)
        }
        if !sentence.pretrainedRows.isEmpty {
            sentence.pretrainedRows.insert(token.pretrainedRows[0], at: position)
        }
    }

    /// A uniformly drawn index in `0..<count`.
    private static func index(below count: Int, using generator: inout SplitMix64) -> Int {
        Int(generator.next() % UInt64(count))
    }
}
