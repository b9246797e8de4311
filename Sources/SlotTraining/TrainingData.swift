import SlotText
import SlotCorpus
import SlotVocabulary
import SlotModel

/// The training and dev sets turned into ids, with the featurizer built from
/// the training set (and the punctuation that ``SentenceAugmenter`` inserts,
/// when it inserts any). Building it checks the data before any training time is
/// spent: every dev label and intent must occur in the training set.
package struct TrainingData: Sendable {
    /// Vocabularies, labels and intents built from the training set.
    package let featurizer: Featurizer
    /// The encoded training sentences.
    package let train: [EncodedSentence]
    /// For each training sentence, its numbers rendered as numerals
    /// (``NumeralRendering``), or `nil` when it has none or
    /// ``TrainingOptions/numeralRate`` is 0.
    package let numeralVariants: [EncodedSentence?]
    /// The encoded dev sentences.
    package let dev: [EncodedSentence]
    /// The dev sentences as read, for scoring.
    package let devSentences: [AnnotatedSentence]
    /// For each word id, whether it is rare enough for unknown-word dropout.
    package let rareWords: [Bool]
    /// For each bigram id, whether it is rare enough for unknown-word dropout
    /// (empty when the model reads no bigrams).
    package let rareBigrams: [Bool]
    /// Dev labels and intents that the training set lacks, each with the first
    /// dev line that uses it (only when they are allowed).
    package let unseenInDev: [(label: String, line: Int)]

    /// Builds the featurizer from `train` and encodes both sets.
    ///
    /// The model can only predict labels it saw in training, so a dev label or
    /// intent the training set lacks is an error unless `allowUnseenDevLabels`
    /// (ATIS's dev set has one such label); dev sentences are then still scored
    /// against their own labels, which the model always gets wrong.
    /// - Throws: ``TrainingError/emptySentence(file:line:)`` for a sentence without tokens
    ///   (a JSONL record whose text is blank), ``ModelError`` naming the file and line of the
    ///   first unseen label or intent.
    /// - Parameter vectors: the pretrained vectors (``TrainingOptions/embeddings``);
    ///   when the architecture reads fixed pretrained vectors
    ///   (``Architecture/pretrainedDimension``), the featurizer keeps
    ///   ``TrainingOptions/pretrainedWords`` of them and every training word they know.
    package init(
        train: [AnnotatedSentence], trainFile: String, dev: [AnnotatedSentence], devFile: String,
        options: TrainingOptions, vectors: PretrainedVectors? = nil, allowUnseenDevLabels: Bool = false
    ) throws {
        for (sentences, file) in [(train, trainFile), (dev, devFile)] {
            if let empty = sentences.first(where: { $0.tokens.isEmpty }) {
                throw TrainingError.emptySentence(file: file, line: empty.line)
            }
        }
        let normalizer = Normalizer(nfkc: true, foldCase: options.lowercase, replaceDigits: options.digitsToZero)
        let characterNormalizer = Normalizer(nfkc: true, foldCase: options.lowercaseCharacters, replaceDigits: false)
        var wordBuilder = VocabularyBuilder()
        var characterBuilder = VocabularyBuilder()
        var labels: [String] = []
        var seenLabels = Set<String>()
        var intents: [String] = []
        var seenIntents = Set<String>()
        for sentence in train {
            for token in sentence.tokens {
                wordBuilder.add(normalizer.normalize(token))
                characterBuilder.add(characterNormalizer.normalize(token))
            }
            for label in sentence.labels where seenLabels.insert(label).inserted { labels.append(label) }
            if let intent = sentence.intent, seenIntents.insert(intent).inserted { intents.append(intent) }
        }
        let renderings = train.map { sentence in
            options.numeralRate > 0 ? NumeralRendering.render(tokens: sentence.tokens, labels: sentence.labels) : nil
        }
        for rendering in renderings.compactMap({ $0 }) {
            // Numerals (and "$") get vectors of their own; the other words keep their counts.
            for token in rendering.tokens where token == "$" || token.contains(where: \.isNumber) {
                wordBuilder.add(normalizer.normalize(token))
                characterBuilder.add(characterNormalizer.normalize(token))
            }
        }
        if options.punctuationRate > 0 {
            // The augmenter's punctuation gets vectors of its own, counted as
            // often as it is expected to be inserted in an epoch.
            let expected = max(1, Int((options.punctuationRate * Float(train.count)).rounded(.up)))
            for token in SentenceAugmenter.insertedTokens {
                for _ in 0..<expected { wordBuilder.add(normalizer.normalize(token)) }
                characterBuilder.add(characterNormalizer.normalize(token))
            }
        }
        labels.sort()
        intents.sort()
        if train.contains(where: { $0.intent == nil }) { intents = [] }
        let words = wordBuilder.makeVocabulary(minimumCount: options.minWordCount)
        let context = ContextFeaturizer(
            bigrams: options.architecture.bigramDimension > 0
                ? Self.bigramVocabulary(of: train, normalizer: normalizer, minimumCount: options.minWordCount) : nil,
            softwords: options.architecture.softwordDimension > 0)
        var featurizer = Featurizer(
            normalizer: normalizer, characterNormalizer: characterNormalizer, words: words,
            characters: characterBuilder.makeCharacterVocabulary(),
            labels: labels, intents: intents, context: context)
        if options.architecture.pretrainedDimension > 0, let vectors {
            precondition(vectors.dimension == options.architecture.pretrainedDimension, "vectors of pretrainedDimension values")
            featurizer.pretrained = vectors.compact(
                limit: options.pretrainedWords, including: words, normalise: { normalizer.normalize($0) })
        }
        self.featurizer = featurizer
        self.train = try train.map { try featurizer.encode($0, file: trainFile) }
        numeralVariants = try zip(train, renderings).map { sentence, rendering in
            guard let rendering else { return nil }
            return try featurizer.encode(
                AnnotatedSentence(tokens: rendering.tokens, labels: rendering.labels, intent: sentence.intent, line: sentence.line),
                file: trainFile)
        }
        var unseen: [(label: String, line: Int)] = []
        var reported = Set<String>()
        for sentence in dev {
            for label in sentence.labels where featurizer.labelId(label) == nil && reported.insert(label).inserted {
                guard allowUnseenDevLabels else { throw ModelError.unknownLabel(label, file: devFile, line: sentence.line) }
                unseen.append((label, sentence.line))
            }
            if !intents.isEmpty, let intent = sentence.intent, featurizer.intentId(intent) == nil,
               reported.insert("intent " + intent).inserted {
                guard allowUnseenDevLabels else { throw ModelError.unknownIntent(intent, file: devFile, line: sentence.line) }
                unseen.append(("intent " + intent, sentence.line))
            }
        }
        unseenInDev = unseen
        self.dev = dev.map { featurizer.encode(tokens: $0.tokens) }
        self.devSentences = dev
        self.rareWords = (0..<words.count).map { id in
            id > Vocabulary.unknownID && words.count(of: id) <= options.rareWordCount
        }
        let bigrams = context.bigrams
        self.rareBigrams = bigrams.map { bigrams in
            (0..<bigrams.count).map { id in
                id > Vocabulary.unknownID && bigrams.count(of: id) <= options.rareWordCount
            }
        } ?? []
    }

    /// The bigrams of the training sentences (see ``ContextFeaturizer/bigramKeys(of:)``)
    /// seen at least `minimumCount` times.
    static func bigramVocabulary(of train: [AnnotatedSentence], normalizer: Normalizer, minimumCount: Int) -> Vocabulary {
        var counts: [String: Int] = [:]
        for sentence in train {
            for key in ContextFeaturizer.bigramKeys(of: sentence.tokens.map { normalizer.normalize($0) }) {
                counts[key, default: 0] += 1
            }
        }
        return Vocabulary(counts: counts, minimumCount: minimumCount)
    }
}
