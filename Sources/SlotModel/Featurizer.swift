import SlotText
import SlotCorpus
import SlotVocabulary

/// Turns tokens into the ids a ``TaggingNetwork`` reads, and label ids back
/// into labels: the model's vocabularies, label set and intent set, with the
/// normaliser that maps a token to its vocabulary key.
package struct Featurizer: Hashable, Sendable, Codable {
    /// How a token becomes a word-vocabulary key (lower-casing, digits, NFKC).
    package let normalizer: Normalizer
    /// How a token is prepared before its characters are looked up (by
    /// default case folding, so that a model trained on lower-cased text such
    /// as ATIS still reads the letters of "Beijing").
    package let characterNormalizer: Normalizer
    /// The word vocabulary, over normalised forms.
    package let words: Vocabulary
    /// The character vocabulary, over the tokens' original Unicode scalars.
    package let characters: CharacterVocabulary
    /// The BIO labels, in id order.
    package let labels: [String]
    /// The intents, in id order (empty when the corpus has none).
    package let intents: [String]
    /// Bigram and soft-word features (empty for models that read neither).
    package let context: ContextFeaturizer
    /// The fixed pretrained vectors the model reads beside its trained word
    /// vectors, looked up by normalised word, then by its lower-cased form
    /// (`nil` for models without them). They are stored in the bundle's own
    /// file, not in the configuration, so they are not part of this value's coding.
    package var pretrained: CompactVectors?
    private let labelIds: [String: Int]
    private let intentIds: [String: Int]

    /// Creates a featurizer from its parts.
    package init(
        normalizer: Normalizer, characterNormalizer: Normalizer = .identity, words: Vocabulary,
        characters: CharacterVocabulary, labels: [String], intents: [String],
        context: ContextFeaturizer = ContextFeaturizer()
    ) {
        self.normalizer = normalizer
        self.characterNormalizer = characterNormalizer
        self.words = words
        self.characters = characters
        self.labels = labels
        self.intents = intents
        self.context = context
        labelIds = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        intentIds = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
    }

    private enum CodingKeys: String, CodingKey {
        case normalizer, characterNormalizer, words, characters, labels, intents, context
    }

    /// Decodes a featurizer from a model configuration; the label set must be
    /// non-empty and, like the intent set, free of empty and duplicate names.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.labels, .intents] {
            let names = try container.decode([String].self, forKey: key)
            var seen = Set<String>()
            if key == .labels, names.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "is empty; a model needs at least one label")
            }
            if let bad = names.first(where: { $0.isEmpty || !seen.insert($0).inserted }) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: bad.isEmpty ? "lists an empty name" : "lists '\(bad)' twice")
            }
        }
        self.init(
            normalizer: try container.decode(Normalizer.self, forKey: .normalizer),
            characterNormalizer: try container.decodeIfPresent(Normalizer.self, forKey: .characterNormalizer) ?? .identity,
            words: try container.decode(Vocabulary.self, forKey: .words),
            characters: try container.decode(CharacterVocabulary.self, forKey: .characters),
            labels: try container.decode([String].self, forKey: .labels),
            intents: try container.decode([String].self, forKey: .intents),
            context: try container.decodeIfPresent(ContextFeaturizer.self, forKey: .context) ?? ContextFeaturizer())
    }

    /// Encodes the featurizer into a model configuration.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(normalizer, forKey: .normalizer)
        try container.encode(characterNormalizer, forKey: .characterNormalizer)
        try container.encode(words, forKey: .words)
        try container.encode(characters, forKey: .characters)
        try container.encode(labels, forKey: .labels)
        try container.encode(intents, forKey: .intents)
        if !context.isEmpty { try container.encode(context, forKey: .context) }
    }

    /// The id of a label, or `nil` when the model does not know it.
    package func labelId(_ label: String) -> Int? { labelIds[label] }

    /// The id of an intent, or `nil` when the model does not know it.
    package func intentId(_ intent: String) -> Int? { intentIds[intent] }

    /// Encodes tokens for the network (no labels).
    package func encode<Tokens: Sequence>(tokens: Tokens) -> EncodedSentence where Tokens.Element: StringProtocol {
        var wordIds: [Int] = []
        var characterIds: [[Int]] = []
        var texts: [String] = []
        var normalized: [String] = []
        var pretrainedRows: [Int?] = []
        for token in tokens {
            let text = String(token)
            let key = normalizer.normalize(text)
            wordIds.append(words.id(of: key))
            if let pretrained { pretrainedRows.append(pretrained.row(of: key) ?? pretrained.row(of: key.lowercased())) }
            characterIds.append(self.characterIds(of: text))
            if !context.isEmpty {
                texts.append(text)
                normalized.append(key)
            }
        }
        var encoded = EncodedSentence(wordIds: wordIds, characterIds: characterIds)
        encoded.pretrainedRows = pretrainedRows
        if !context.isEmpty {
            encoded.bigramIds = context.bigramIds(of: normalized)
            encoded.softwordIds = context.softwordIds(of: texts)
        }
        return encoded
    }

    /// Whether `token` is in the training vocabulary: its normalised form (by
    /// ``normalizer``) is an entry of ``words`` other than the padding and
    /// unknown entries, so the model has a vector learnt for it.
    ///
    /// Every other entry comes from training: the trainer builds ``words`` from
    /// the training tokens and the numerals and punctuation its augmentation
    /// adds. `config.json` keeps no counts, so a loaded vocabulary cannot tell
    /// trained entries from count-0 entries appended later (pretrained words,
    /// `PretrainedVectors.extending`, which no bundle holds today); a bundle
    /// that appends them must record where its trained entries end, and this
    /// test must stop there.
    ///
    /// - Parameter token: one token's text, as the tokenizer gives it.
    /// - Returns: `true` when the token's normalised form has a trained entry.
    package func isInTrainingVocabulary(_ token: String) -> Bool {
        guard let id = words.lookUp(normalizer.normalize(token)) else { return false }
        return id > Vocabulary.unknownID
    }

    /// The character ids that the character encoder reads for `token`: its
    /// characters after ``characterNormalizer``, or the unknown character
    /// alone when normalisation leaves nothing.
    ///
    /// - Parameter token: one token's text.
    /// - Returns: at least one character id.
    package func characterIds(of token: String) -> [Int] {
        let ids = characters.ids(of: characterNormalizer.normalize(token))
        return ids.isEmpty ? [CharacterVocabulary.unknownID] : ids
    }

    /// Encodes an annotated sentence with its label and intent ids.
    /// - Throws: ``ModelError/unknownLabel(_:file:line:)`` or
    ///   ``ModelError/unknownIntent(_:file:line:)`` when the sentence uses a
    ///   label or intent the model was not built with.
    package func encode(_ sentence: AnnotatedSentence, file: String) throws(ModelError) -> EncodedSentence {
        var encoded = encode(tokens: sentence.tokens)
        var ids: [Int] = []
        ids.reserveCapacity(sentence.labels.count)
        for label in sentence.labels {
            guard let id = labelIds[label] else { throw .unknownLabel(label, file: file, line: sentence.line) }
            ids.append(id)
        }
        encoded.labelIds = ids
        if !intents.isEmpty {
            guard let intent = sentence.intent, let id = intentIds[intent] else {
                throw .unknownIntent(sentence.intent ?? "(none)", file: file, line: sentence.line)
            }
            encoded.intentId = id
        }
        return encoded
    }
}
