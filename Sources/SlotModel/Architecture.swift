import SlotLayers

/// The shape of a tagging network: sizes of every layer and the choice of
/// output layer. The defaults are the shipped models' settings.
public struct Architecture: Hashable, Sendable, Codable {
    /// The recurrent cell of the encoder.
    public enum Cell: String, Hashable, Sendable, Codable, CaseIterable {
        /// Long short-term memory.
        case lstm
        /// Gated recurrent unit.
        case gru
    }

    /// The token-level output layer.
    public enum Output: String, Hashable, Sendable, Codable, CaseIterable {
        /// A linear-chain CRF decoded with (BIO-constrained) Viterbi.
        case crf
        /// An independent softmax per token.
        case softmax
    }

    /// How a word's characters become a vector.
    public enum CharacterEncoding: String, Hashable, Sendable, Codable, CaseIterable {
        /// A BiLSTM over the characters, final states concatenated.
        case bilstm
        /// A convolution over character windows, max-pooled.
        case cnn
    }

    /// The size of word vectors.
    public var wordDimension: Int = 100
    /// The size of character vectors (0 turns the character encoder off).
    public var characterDimension: Int = 25
    /// The state size of each direction of the character BiLSTM.
    public var characterHiddenSize: Int = 25
    /// The character encoder.
    public var characterEncoding: CharacterEncoding = .bilstm
    /// The number of filters of the character CNN.
    public var characterFilters: Int = 50
    /// The window (odd) of the character CNN.
    public var characterWindow: Int = 3
    /// The state size of each direction of the word-level BiLSTM.
    public var hiddenSize: Int = 100
    /// The number of stacked bidirectional layers (1 to 3).
    public var layers: Int = 1
    /// The recurrent cell.
    public var cell: Cell = .lstm
    /// The output layer.
    public var output: Output = .crf
    /// Whether the network has an intent head.
    public var intentHead: Bool = true
    /// How the intent head pools the encoder's outputs into a sentence vector.
    public var intentPooling: IntentPooling = .final

    /// Creates the default architecture.
    public init() {}
}
