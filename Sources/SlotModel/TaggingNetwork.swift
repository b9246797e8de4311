import SlotMath
import SlotLayers
import SlotVocabulary

/// The whole network: word and character features, a stack of BiLSTMs, a
/// linear map to per-label emission scores, the CRF (or softmax) over them,
/// and an intent head over the encoder's outputs.
///
/// ```
/// x_t = [E_word[w_t] ; P[w_t] ; charBiLSTM(chars of w_t) ; context(t)]   dropout
///       (P: fixed pretrained vectors, see Featurizer.pretrained; context: see ContextFeatures)
/// h   = BiLSTM_L(… BiLSTM_1(x))  (or BiGRU)           dropout
/// emissions_t = W·h_t + b                              → CRF / softmax → labels
/// intent = softmax(W_i · pool(h))                   (or W_i · tanh(W_h · pool(h) + b_h) + b_i)
/// ```
/// When only the intents read the pretrained vectors
/// (``Architecture/PretrainedInput/intent``), `x_t` lacks `P[w_t]` and a
/// second intent head, ``vectorIntent``, reads `[pool(h) ; mean_t P[w_t] ; max_t P[w_t]]`
/// and gives the network's intents; its gradient stops at `pool(h)`.
package struct TaggingNetwork: ParameterSet {
    /// The network's shape.
    package let architecture: Architecture
    /// Word vectors.
    package var words: Embedding
    /// The fixed pretrained vectors (present when ``Architecture/pretrainedDimension``
    /// is positive): an input, not a parameter, so training never changes them.
    package var pretrained: CompactVectors?
    /// The character encoder (absent when `characterDimension` is 0).
    package var characters: CharacterFeatures?
    /// Bigram and soft-word features (absent unless the architecture asks for them).
    package var context: ContextFeatures?
    /// The stacked bidirectional encoder, first layer first.
    package var encoder: [EncoderLayer]
    /// Encoder outputs to per-label emission scores.
    package var emissions: Linear
    /// Transition scores (CRF output only).
    package var crf: CRF?
    /// The intent classifier (absent when the corpus has no intents).
    package var intent: IntentHead?
    /// The intent classifier that reads the sentence's pretrained vectors beside
    /// the pooled encoder outputs (present when only the intents read them,
    /// ``Architecture/PretrainedInput/intent``). It gives the network's intents;
    /// training sends none of its gradient into the encoder, which therefore
    /// learns from the slots and ``intent`` exactly as without it.
    package var vectorIntent: IntentHead?

    /// The number of token labels.
    package var labelCount: Int { emissions.outputSize }

    /// Creates a freshly initialised network.
    /// - Parameters:
    ///   - architecture: layer sizes and choices.
    ///   - wordCount: the word vocabulary's size.
    ///   - characterCount: the character vocabulary's size.
    ///   - labelCount: the number of BIO labels.
    ///   - intentCount: the number of intents (0 for none).
    ///   - wordVectors: initial word vectors (`wordCount × wordDimension`), e.g. pretrained.
    ///   - bigramCount: the bigram vocabulary's size (when the architecture reads bigrams).
    ///   - pretrained: the fixed pretrained vectors, of ``Architecture/pretrainedDimension``
    ///     values each (when the architecture reads them).
    package init(
        architecture: Architecture, wordCount: Int, characterCount: Int, labelCount: Int, intentCount: Int,
        wordVectors: Matrix? = nil, bigramCount: Int = 0, pretrained: CompactVectors? = nil,
        using generator: inout SplitMix64
    ) {
        precondition((pretrained?.dimension ?? 0) == architecture.pretrainedDimension,
                     "pretrained vectors must have architecture.pretrainedDimension values")
        self.architecture = architecture
        self.pretrained = pretrained
        if let wordVectors {
            precondition(wordVectors.rows == wordCount && wordVectors.columns == architecture.wordDimension,
                         "word vectors must be \(wordCount)×\(architecture.wordDimension)")
            words = Embedding(table: wordVectors)
        } else {
            words = Embedding(count: wordCount, dimension: architecture.wordDimension,
                              bound: (3 / Float(architecture.wordDimension)).squareRoot(), using: &generator)
        }
        characters = architecture.characterDimension > 0
            ? CharacterFeatures(architecture: architecture, characterCount: characterCount, using: &generator)
            : nil
        context = ContextFeatures(architecture: architecture, bigramCount: bigramCount, using: &generator)
        var inputSize = architecture.wordDimension + architecture.encoderPretrainedDimension
            + (characters?.outputSize ?? 0) + (context?.outputSize ?? 0)
        var encoder: [EncoderLayer] = []
        for _ in 0..<architecture.layers {
            encoder.append(EncoderLayer(
                cell: architecture.cell, inputSize: inputSize, hiddenSize: architecture.hiddenSize, using: &generator))
            inputSize = 2 * architecture.hiddenSize
        }
        self.encoder = encoder
        emissions = Linear(inputSize: inputSize, outputSize: labelCount, using: &generator)
        crf = architecture.output == .crf ? CRF(labelCount: labelCount) : nil
        let hasIntents = architecture.intentHead && intentCount > 0
        intent = hasIntents
            ? IntentHead(
                inputSize: inputSize, intentCount: intentCount, pooling: architecture.intentPooling,
                hiddenSize: architecture.intentHiddenSize, using: &generator)
            : nil
        vectorIntent = hasIntents && architecture.intentSentenceFeatureSize > 0
            ? IntentHead(
                inputSize: inputSize, intentCount: intentCount, pooling: architecture.intentPooling,
                hiddenSize: architecture.intentHiddenSize, sentenceFeatureSize: architecture.intentSentenceFeatureSize,
                using: &generator)
            : nil
    }

    /// Keeps the encoder's recurrent weights and the emission weights laid out
    /// for the direct kernel (``RecurrentLayer/prepareForInference()``,
    /// ``Linear/prepareForInference()``): what a ``Tagger`` does once
    /// with its network. Training never needs it, and visiting the parameters
    /// for writing drops it.
    package mutating func prepareForInference() {
        for index in encoder.indices { encoder[index].prepareForInference() }
        emissions.prepareForInference()
    }

    /// Visits every parameter with a dotted name such as `encoder.0.leftToRight.inputWeight`.
    package mutating func visitParameters(_ body: (String, inout Matrix) throws -> Void) rethrows {
        try words.visitParameters { try body("words." + $0, &$1) }
        try characters?.visitParameters { try body("characters." + $0, &$1) }
        try context?.visitParameters { try body("context." + $0, &$1) }
        for index in encoder.indices {
            try encoder[index].visitParameters { try body("encoder.\(index)." + $0, &$1) }
        }
        try emissions.visitParameters { try body("emissions." + $0, &$1) }
        try crf?.visitParameters { try body("crf." + $0, &$1) }
        try intent?.visitParameters { try body("intent." + $0, &$1) }
        try vectorIntent?.visitParameters { try body("vectorIntent." + $0, &$1) }
    }
}
