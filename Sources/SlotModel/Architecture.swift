import SlotLayers

/// The shape of a tagging network: sizes of every layer and the choice of
/// output layer. The defaults are the shipped models' settings.
package struct Architecture: Hashable, Sendable, Codable {
    /// The recurrent cell of the encoder.
    package enum Cell: String, Hashable, Sendable, Codable, CaseIterable {
        /// Long short-term memory.
        case lstm
        /// Gated recurrent unit.
        case gru
        /// Long short-term memory with coupled input and forget gates (`f = 1 − i`).
        case cifg
    }

    /// The token-level output layer.
    package enum Output: String, Hashable, Sendable, Codable, CaseIterable {
        /// A linear-chain CRF decoded with (BIO-constrained) Viterbi.
        case crf
        /// An independent softmax per token.
        case softmax
    }

    /// How a word's characters become a vector.
    package enum CharacterEncoding: String, Hashable, Sendable, Codable, CaseIterable {
        /// A BiLSTM over the characters, final states concatenated.
        case bilstm
        /// A convolution over character windows, max-pooled.
        case cnn
    }

    /// Which token bigrams a token reads (see ``ContextFeaturizer``).
    package enum BigramContext: String, Hashable, Sendable, Codable, CaseIterable {
        /// The bigram the token starts (`c_i c_{i+1}`), as Zhang and Yang (2018).
        case next
        /// The bigram the token ends and the one it starts, concatenated.
        case both
    }

    /// Where the fixed pretrained vectors (``pretrainedDimension``) enter the network.
    package enum PretrainedInput: String, Hashable, Sendable, Codable, CaseIterable {
        /// Every token reads its pretrained vector beside its trained word
        /// vector, so slots and the intent both see it.
        case encoder
        /// Only the intents read them: a second intent head
        /// (``TaggingNetwork/vectorIntent``) reads the mean and the maximum of
        /// each column over the sentence's tokens (`2P` values) after the
        /// pooled encoder outputs, and gives the intents. Its gradient stops
        /// at the encoder, so the encoder, and with it the slots, learn as
        /// without vectors.
        case intent
    }

    /// The size of word vectors.
    package var wordDimension: Int = 100
    /// The size of character vectors (0 turns the character encoder off).
    package var characterDimension: Int = 25
    /// The state size of each direction of the character BiLSTM.
    package var characterHiddenSize: Int = 25
    /// The character encoder.
    package var characterEncoding: CharacterEncoding = .bilstm
    /// The number of filters of the character CNN.
    package var characterFilters: Int = 50
    /// The window (odd) of the character CNN.
    package var characterWindow: Int = 3
    /// The state size of each direction of the word-level BiLSTM.
    package var hiddenSize: Int = 100
    /// The number of stacked bidirectional layers (1 to 3).
    package var layers: Int = 1
    /// The recurrent cell.
    package var cell: Cell = .lstm
    /// The output layer.
    package var output: Output = .crf
    /// Whether the network has an intent head.
    package var intentHead: Bool = true
    /// How the intent head pools the encoder's outputs into a sentence vector.
    package var intentPooling: IntentPooling = .finalMax
    /// The size of the intent head's tanh hidden layer (0 for none).
    package var intentHiddenSize: Int = 0
    /// The size of token-bigram vectors (0, the default, for none).
    package var bigramDimension: Int = 0
    /// Which bigrams each token reads when ``bigramDimension`` is positive.
    package var bigramContext: BigramContext = .next
    /// The size of soft-word position vectors (0, the default, for none).
    package var softwordDimension: Int = 0
    /// The size of the fixed pretrained word vectors each token reads beside
    /// its trained word vector (0, the default, for none; see ``Featurizer/pretrained``).
    package var pretrainedDimension: Int = 0
    /// Where the fixed pretrained vectors enter the network, when there are any.
    package var pretrainedInput: PretrainedInput = .encoder

    /// The number of values each token brings to the first encoder layer from its
    /// pretrained vector: ``pretrainedDimension`` when the encoder reads them, else 0.
    package var encoderPretrainedDimension: Int { pretrainedInput == .encoder ? pretrainedDimension : 0 }

    /// The number of fixed sentence features ``TaggingNetwork/vectorIntent`` reads:
    /// the mean and maximum of the pretrained vectors when only the intents read them, else 0.
    package var intentSentenceFeatureSize: Int { pretrainedInput == .intent ? 2 * pretrainedDimension : 0 }

    /// Creates the default architecture.
    package init() {}

    private enum CodingKeys: String, CodingKey {
        case wordDimension, characterDimension, characterHiddenSize, characterEncoding, characterFilters
        case characterWindow, hiddenSize, layers, cell, output, intentHead, intentPooling, intentHiddenSize
        case bigramDimension, bigramContext, softwordDimension, pretrainedDimension, pretrainedInput
    }

    /// Decodes an architecture; fields added after the first shipped models
    /// (`intentHiddenSize`, `bigramDimension`, `bigramContext`,
    /// `softwordDimension`, `pretrainedDimension`, `pretrainedInput`) take their old behaviour when absent, so that
    /// older bundles still load. The values are validated (see ``validate()``)
    /// before anything is built from them.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        wordDimension = try container.decode(Int.self, forKey: .wordDimension)
        characterDimension = try container.decode(Int.self, forKey: .characterDimension)
        characterHiddenSize = try container.decode(Int.self, forKey: .characterHiddenSize)
        characterEncoding = try container.decode(CharacterEncoding.self, forKey: .characterEncoding)
        characterFilters = try container.decode(Int.self, forKey: .characterFilters)
        characterWindow = try container.decode(Int.self, forKey: .characterWindow)
        hiddenSize = try container.decode(Int.self, forKey: .hiddenSize)
        layers = try container.decode(Int.self, forKey: .layers)
        cell = try container.decode(Cell.self, forKey: .cell)
        output = try container.decode(Output.self, forKey: .output)
        intentHead = try container.decode(Bool.self, forKey: .intentHead)
        intentPooling = try container.decode(IntentPooling.self, forKey: .intentPooling)
        intentHiddenSize = try container.decodeIfPresent(Int.self, forKey: .intentHiddenSize) ?? 0
        bigramDimension = try container.decodeIfPresent(Int.self, forKey: .bigramDimension) ?? 0
        bigramContext = try container.decodeIfPresent(BigramContext.self, forKey: .bigramContext) ?? .next
        softwordDimension = try container.decodeIfPresent(Int.self, forKey: .softwordDimension) ?? 0
        pretrainedDimension = try container.decodeIfPresent(Int.self, forKey: .pretrainedDimension) ?? 0
        pretrainedInput = try container.decodeIfPresent(PretrainedInput.self, forKey: .pretrainedInput) ?? .encoder
        do {
            try validate()
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
