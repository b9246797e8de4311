import ArgumentParser
import SlotLayers
import SlotTagger
import SlotTraining

/// Every hyperparameter as an optional command-line option; unset options
/// keep the value from --config or the default.
struct HyperparameterOptions: ParsableArguments {
    @Option(help: "Maximum number of epochs (default 30).") var maxEpochs: Int?
    @Option(help: "Stop after this many epochs without a better dev selection score (default 30: the averaged model keeps improving, so all epochs run).") var patience: Int?
    @Option(help: "The dev score that picks the saved epoch and drives early stopping: slots (slot F1) or joint (mean of slot F1 and intent accuracy) (default slots).") var selectBy: ModelSelection?
    @Option(help: "Decay of the moving average of the parameters that is evaluated and saved; 0 uses the raw parameters (default 0.999).") var averagingDecay: Float?
    @Option(help: ArgumentHelp("Stop after this many seconds, keeping the best model so far.", valueName: "seconds")) var timeLimit: Double?
    @Option(help: "Sentences per mini-batch (default 10).") var batchSize: Int?
    @Option(help: "The optimiser: adam, sgd or rmsprop (default adam).") var optimizer: TrainingOptions.OptimizerName?
    @Option(help: "The initial learning rate (default 0.002).") var learningRate: Float?
    @Option(help: "Learning-rate decay: epoch e uses rate / (1 + decay * e) (default 0.05).") var learningRateDecay: Float?
    @Option(help: "Momentum for sgd (default 0.9).") var momentum: Float?
    @Option(help: "The largest allowed gradient norm (default 5).") var clipNorm: Double?
    @Option(help: "Dropout on word features and encoder outputs (default 0.5).") var dropout: Float?
    @Option(help: "Probability of replacing a rare training word by the unknown word (default 0.3).") var unknownWordDropout: Float?
    @Option(help: "Words seen at most this often count as rare for unknown-word dropout (default 1).") var rareWordCount: Int?
    @Option(help: "Probability of replacing any training word by the unknown word (default 0.2).") var wordDropout: Float?
    @Option(help: "Probability of appending '.', '?' or '!' to a training sentence, and separately of inserting a comma, labelled O (default 0.3).") var punctuationRate: Float?
    @Option(help: "Probability of replacing all words of a training slot by the unknown word (default 0.1).") var slotDropout: Float?
    @Option(help: "Probability that a dropped slot is also spelt with random letters (default 0.5).") var slotSpellingNoise: Float?
    @Option(help: "Probability of showing a training sentence with its English number words as numerals, 'may 15th' for 'may fifteenth' (default 0.3).") var numeralRate: Float?
    @Option(help: "Words seen fewer times get no vector of their own (default 1).") var minWordCount: Int?
    @Option(help: "Weight of the intent loss against the slot loss (default 2).") var intentWeight: Float?
    @Option(help: "Label smoothing of the intent loss, in [0, 1); it lowers intent confidences (default 0).") var intentSmoothing: Float?
    @Option(help: "Size of word vectors (default 100).") var wordDimension: Int?
    @Option(help: "Size of character vectors; 0 turns the character encoder off (default 25).") var charDimension: Int?
    @Option(help: "State size of each direction of the character BiLSTM (default 25).") var charHiddenSize: Int?
    @Option(help: "The character encoder: bilstm or cnn (default bilstm).") var charEncoder: Architecture.CharacterEncoding?
    @Option(help: "Filters of the character CNN (default 50).") var charFilters: Int?
    @Option(help: "State size of each direction of the word BiLSTM (default 100).") var hiddenSize: Int?
    @Option(help: "Number of stacked BiLSTM layers, 1 to 3 (default 1).") var layers: Int?
    @Option(help: "The output layer: crf or softmax (default crf).") var outputLayer: Architecture.Output?
    @Option(help: "The encoder's recurrent cell: lstm or gru (default lstm).") var cell: Architecture.Cell?
    @Flag(help: "Train without an intent head even when the corpus has intents.") var noIntent = false
    @Option(help: "How the intent head pools the encoder outputs: final, max, meanMax or finalMax (default finalMax).") var intentPooling: IntentPooling?
    @Option(help: "Size of the intent head's tanh hidden layer; 0 for none (default 0).") var intentHiddenSize: Int?
    @Option(help: ArgumentHelp("Pretrained word vectors in word2vec or GloVe text format.", valueName: "file")) var embeddings: String?
    @Flag(help: "Keep pretrained vectors fixed during training.") var freezeEmbeddings = false
    @Flag(help: "Keep the case of words for vocabulary look-ups (the character encoder always sees it).") var keepCase = false
    @Flag(help: "Keep digits for vocabulary look-ups instead of mapping them to 0.") var keepDigits = false
    @Flag(help: "Let the character encoder see case (by default tokens are case-folded before their characters are read).") var keepCharacterCase = false
    @Option(help: "The random seed; the same seed gives the same model (default 1).") var seed: UInt64?
    @Option(help: "Worker threads per batch (default 2).") var threads: Int?

    func validate() throws {
        if let layers, !(1...3).contains(layers) { throw ValidationError("--layers must be 1, 2 or 3.") }
        if let dropout, !(0..<1).contains(dropout) { throw ValidationError("--dropout must be in [0, 1).") }
        if let unknownWordDropout, !(0...1).contains(unknownWordDropout) { throw ValidationError("--unknown-word-dropout must be in [0, 1].") }
        if let wordDropout, !(0..<1).contains(wordDropout) { throw ValidationError("--word-dropout must be in [0, 1).") }
        for (name, value) in [("--punctuation-rate", punctuationRate), ("--slot-dropout", slotDropout), ("--slot-spelling-noise", slotSpellingNoise), ("--numeral-rate", numeralRate)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be in [0, 1].") }
        }
        if let intentSmoothing, !(0..<1).contains(intentSmoothing) { throw ValidationError("--intent-smoothing must be in [0, 1).") }
        if let intentHiddenSize, intentHiddenSize < 0 { throw ValidationError("--intent-hidden-size must not be negative.") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if let maxEpochs, maxEpochs < 1 { throw ValidationError("--max-epochs must be at least 1.") }
        if let learningRate, learningRate <= 0 { throw ValidationError("--learning-rate must be positive.") }
        if let averagingDecay, !(0..<1).contains(averagingDecay) { throw ValidationError("--averaging-decay must be in [0, 1).") }
    }

    /// Applies the options that were given to `options`.
    func apply(to options: inout TrainingOptions) {
        if let maxEpochs { options.maxEpochs = maxEpochs }
        if let patience { options.patience = patience }
        if let selectBy { options.selection = selectBy }
        if let averagingDecay { options.averagingDecay = averagingDecay }
        if let timeLimit { options.timeLimit = timeLimit }
        if let batchSize { options.batchSize = batchSize }
        if let optimizer { options.optimizer = optimizer }
        if let learningRate { options.learningRate = learningRate }
        if let learningRateDecay { options.learningRateDecay = learningRateDecay }
        if let momentum { options.momentum = momentum }
        if let clipNorm { options.clipNorm = clipNorm }
        if let dropout { options.dropout = dropout }
        if let unknownWordDropout { options.unknownWordDropout = unknownWordDropout }
        if let rareWordCount { options.rareWordCount = rareWordCount }
        if let wordDropout { options.wordDropout = wordDropout }
        if let punctuationRate { options.punctuationRate = punctuationRate }
        if let slotDropout { options.slotDropout = slotDropout }
        if let slotSpellingNoise { options.slotSpellingNoise = slotSpellingNoise }
        if let numeralRate { options.numeralRate = numeralRate }
        if let minWordCount { options.minWordCount = minWordCount }
        if let intentWeight { options.intentWeight = intentWeight }
        if let intentSmoothing { options.intentSmoothing = intentSmoothing }
        if let wordDimension { options.architecture.wordDimension = wordDimension }
        if let charDimension { options.architecture.characterDimension = charDimension }
        if let charHiddenSize { options.architecture.characterHiddenSize = charHiddenSize }
        if let charEncoder { options.architecture.characterEncoding = charEncoder }
        if let charFilters { options.architecture.characterFilters = charFilters }
        if let hiddenSize { options.architecture.hiddenSize = hiddenSize }
        if let layers { options.architecture.layers = layers }
        if let outputLayer { options.architecture.output = outputLayer }
        if let cell { options.architecture.cell = cell }
        if noIntent { options.architecture.intentHead = false }
        if let intentPooling { options.architecture.intentPooling = intentPooling }
        if let intentHiddenSize { options.architecture.intentHiddenSize = intentHiddenSize }
        if let embeddings { options.embeddings = embeddings }
        if freezeEmbeddings { options.freezeEmbeddings = true }
        if keepCase { options.lowercase = false }
        if keepDigits { options.digitsToZero = false }
        if keepCharacterCase { options.lowercaseCharacters = false }
        if let seed { options.seed = seed }
        if let threads { options.threads = threads }
    }
}

extension TrainingOptions.OptimizerName: ExpressibleByArgument {}
extension ModelSelection: ExpressibleByArgument {}
extension Architecture.Output: ExpressibleByArgument {}
extension IntentPooling: ExpressibleByArgument {}
extension Architecture.Cell: ExpressibleByArgument {}
extension Architecture.CharacterEncoding: ExpressibleByArgument {}
