import SlotText
import SlotCorpus
import SlotVocabulary
import SlotModel

/// The training and dev sets turned into ids, with the featurizer built from
/// the training set. Building it checks the data before any training time is
/// spent: every dev label and intent must occur in the training set.
public struct TrainingData: Sendable {
    /// Vocabularies, labels and intents built from the training set.
    public let featurizer: Featurizer
    /// The encoded training sentences.
    public let train: [EncodedSentence]
    /// The encoded dev sentences.
    public let dev: [EncodedSentence]
    /// The dev sentences as read, for scoring.
    public let devSentences: [AnnotatedSentence]
    /// For each word id, whether it is rare enough for unknown-word dropout.
    public let rareWords: [Bool]

    /// Builds the featurizer from `train` and encodes both sets.
    /// - Throws: ``ModelError`` naming the dev file and line of a label or intent the training set lacks.
    public init(
        train: [AnnotatedSentence], trainFile: String, dev: [AnnotatedSentence], devFile: String,
        options: TrainingOptions
    ) throws {
        let normalizer = Normalizer(nfkc: true, foldCase: options.lowercase, replaceDigits: options.digitsToZero)
        var wordBuilder = VocabularyBuilder()
        var characterBuilder = VocabularyBuilder()
        var labels: [String] = []
        var seenLabels = Set<String>()
        var intents: [String] = []
        var seenIntents = Set<String>()
        for sentence in train {
            for token in sentence.tokens {
                wordBuilder.add(normalizer.normalize(token))
                for scalar in token.unicodeScalars { characterBuilder.add(String(scalar)) }
            }
            for label in sentence.labels where seenLabels.insert(label).inserted { labels.append(label) }
            if let intent = sentence.intent, seenIntents.insert(intent).inserted { intents.append(intent) }
        }
        labels.sort()
        intents.sort()
        if train.contains(where: { $0.intent == nil }) { intents = [] }
        let words = wordBuilder.build(minimumCount: options.minWordCount)
        let featurizer = Featurizer(
            normalizer: normalizer, words: words,
            characters: CharacterVocabulary(characterBuilder.build(minimumCount: 1)),
            labels: labels, intents: intents)
        self.featurizer = featurizer
        self.train = try train.map { try featurizer.encode($0, file: trainFile) }
        self.dev = try dev.map { try featurizer.encode($0, file: devFile) }
        self.devSentences = dev
        self.rareWords = (0..<words.count).map { id in
            id >= Vocabulary.firstWordId && words.frequency(of: id) <= options.rareWordCount
        }
    }
}
