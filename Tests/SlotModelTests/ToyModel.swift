import SlotCorpus
import SlotLayers
import SlotMath
import SlotModel
import SlotTestSupport
import SlotText
import SlotVocabulary

/// A featurizer and a small random network over the toy slot corpus.
enum ToyModel {
    static func featurizer() -> Featurizer {
        let normalizer = Normalizer()
        var words = VocabularyBuilder(), characters = VocabularyBuilder()
        for token in ToySlotCorpus.sentences.flatMap(\.tokens) {
            words.add(normalizer.normalize(token))
            characters.add(token)
        }
        return Featurizer(
            normalizer: normalizer, words: words.makeVocabulary(), characters: characters.makeCharacterVocabulary(),
            labels: ToySlotCorpus.labels, intents: ToySlotCorpus.intents)
    }

    static func configuration(hiddenSize: Int = 5) -> ModelConfiguration {
        var architecture = Architecture()
        architecture.wordDimension = 6
        architecture.characterDimension = 3
        architecture.characterHiddenSize = 3
        architecture.hiddenSize = hiddenSize
        return ModelConfiguration(architecture: architecture, tokenizer: .words, featurizer: featurizer())
    }

    static func network(_ configuration: ModelConfiguration) -> TaggingNetwork {
        var generator = SplitMix64(seed: 71)
        let featurizer = configuration.featurizer
        var network = TaggingNetwork(
            architecture: configuration.architecture, wordCount: featurizer.words.count,
            characterCount: featurizer.characters.count, labelCount: featurizer.labels.count,
            intentCount: featurizer.intents.count, using: &generator)
        network.crf = CRF(labelCount: featurizer.labels.count, using: &generator)
        return network
    }
}
