extension TrainingOptions {
    /// Every training option, in the order `trainer --help` lists them: the one
    /// declaration from which the command line, its help, `--config` files and
    /// the summary stored in a bundle's provenance are made.
    package static var hyperparameters: [Hyperparameter] {
        [
            // Architecture
            .value(\.architecture.wordDimension, key: "architecture.wordDimension", option: "word-dimension", .architecture,
                   "Size of word vectors."),
            .value(\.architecture.characterDimension, key: "architecture.characterDimension", option: "char-dimension", .architecture,
                   "Size of character vectors; 0 turns the character encoder off."),
            .value(\.architecture.characterEncoding, key: "architecture.characterEncoding", option: "char-encoder", .architecture,
                   "The character encoder."),
            .value(\.architecture.characterHiddenSize, key: "architecture.characterHiddenSize", option: "char-hidden-size", .architecture,
                   "State size of each direction of the character BiLSTM."),
            .value(\.architecture.characterFilters, key: "architecture.characterFilters", option: "char-filters", .architecture,
                   "Filters of the character CNN."),
            .value(\.architecture.characterWindow, key: "architecture.characterWindow", option: "char-window", .architecture,
                   "Window of the character CNN, in characters (odd)."),
            .value(\.architecture.hiddenSize, key: "architecture.hiddenSize", option: "hidden-size", .architecture,
                   "State size of each direction of the word BiLSTM."),
            .value(\.architecture.layers, key: "architecture.layers", option: "layers", .architecture,
                   "Number of stacked BiLSTM layers, 1 to 3."),
            .value(\.architecture.cell, key: "architecture.cell", option: "cell", .architecture,
                   "The encoder's recurrent cell."),
            .value(\.architecture.output, key: "architecture.output", option: "output-layer", .architecture,
                   "The output layer."),
            .flag(\.architecture.intentHead, sets: false, key: "architecture.intentHead", option: "no-intent", .architecture,
                  "Train without an intent head even when the corpus has intents."),
            .value(\.architecture.intentPooling, key: "architecture.intentPooling", option: "intent-pooling", .architecture,
                   "How the intent head pools the encoder outputs."),
            .value(\.architecture.intentHiddenSize, key: "architecture.intentHiddenSize", option: "intent-hidden-size", .architecture,
                   "Size of the intent head's tanh hidden layer; 0 for none."),
            .value(\.architecture.bigramDimension, key: "architecture.bigramDimension", option: "bigram-dimension", .architecture,
                   "Size of token-bigram vectors, for languages written without spaces; 0 for none."),
            .value(\.architecture.bigramContext, key: "architecture.bigramContext", option: "bigram-context", .architecture,
                   "Which bigrams a token reads: the one it starts (next) or also the one it ends (both)."),
            .value(\.architecture.softwordDimension, key: "architecture.softwordDimension", option: "softword-dimension", .architecture,
                   "Size of soft-word vectors (a character's place in its ICU word: begin, middle, end, single); 0 for none."),
            // Optimisation and schedule
            .value(\.maxEpochs, key: "maxEpochs", option: "max-epochs", .optimisation, "Maximum number of epochs."),
            .value(\.patience, key: "patience", option: "patience", .optimisation,
                   "Stop after this many epochs without a better dev selection score (the averaged model keeps improving, so by default all epochs run)."),
            .value(\.selection, key: "selection", option: "select-by", .optimisation,
                   "The dev score that picks the saved epoch and drives early stopping: slot F1, or the mean of slot F1 and intent accuracy."),
            .value(\.averagingDecay, key: "averagingDecay", option: "averaging-decay", .optimisation,
                   "Decay of the moving average of the parameters that is evaluated and saved; 0 uses the raw parameters."),
            .value(\.timeLimit, key: "timeLimit", option: "time-limit", .optimisation,
                   "Stop after this many seconds, keeping the best model so far."),
            .value(\.batchSize, key: "batchSize", option: "batch-size", .optimisation, "Sentences per mini-batch."),
            .value(\.optimizer, key: "optimizer", option: "optimizer", .optimisation, "The optimiser."),
            .value(\.learningRate, key: "learningRate", option: "learning-rate", .optimisation, "The initial learning rate."),
            .value(\.learningRateDecay, key: "learningRateDecay", option: "learning-rate-decay", .optimisation,
                   "Learning-rate decay: epoch e uses rate / (1 + decay * e)."),
            .value(\.momentum, key: "momentum", option: "momentum", .optimisation, "Momentum for sgd."),
            .value(\.clipNorm, key: "clipNorm", option: "clip-norm", .optimisation, "The largest allowed gradient norm."),
            .value(\.intentWeight, key: "intentWeight", option: "intent-weight", .optimisation,
                   "Weight of the intent loss against the slot loss."),
            .value(\.intentSmoothing, key: "intentSmoothing", option: "intent-smoothing", .optimisation,
                   "Label smoothing of the intent loss, in [0, 1); it lowers intent confidences."),
            // Regularisation and augmentation
            .value(\.dropout, key: "dropout", option: "dropout", .regularisation, "Dropout on word features and encoder outputs."),
            .value(\.unknownWordDropout, key: "unknownWordDropout", option: "unknown-word-dropout", .regularisation,
                   "Probability of replacing a rare training word by the unknown word."),
            .value(\.rareWordCount, key: "rareWordCount", option: "rare-word-count", .regularisation,
                   "Words seen at most this often count as rare for unknown-word dropout."),
            .value(\.wordDropout, key: "wordDropout", option: "word-dropout", .regularisation,
                   "Probability of replacing any training word by the unknown word."),
            .value(\.punctuationRate, key: "punctuationRate", option: "punctuation-rate", .regularisation,
                   "Probability of appending '.', '?' or '!' to a training sentence, and separately of inserting a comma, labelled O."),
            .value(\.slotDropout, key: "slotDropout", option: "slot-dropout", .regularisation,
                   "Probability of replacing all words of a training slot by the unknown word."),
            .value(\.slotSpellingNoise, key: "slotSpellingNoise", option: "slot-spelling-noise", .regularisation,
                   "Probability that a dropped slot is also spelt with random letters."),
            .value(\.numeralRate, key: "numeralRate", option: "numeral-rate", .regularisation,
                   "Probability of showing a training sentence with its English number words as numerals, 'may 15th' for 'may fifteenth'."),
            // Words and features
            .value(\.tokenizer, key: "tokenizer", option: "tokenizer", .features,
                   "How raw text is split into tokens: ICU words, or graphemes (one token per character) for corpora labelled per character such as Chinese NER; recorded in the model for tagging and used on JSONL training data."),
            .value(\.minWordCount, key: "minWordCount", option: "min-word-count", .features,
                   "Words seen fewer times get no vector of their own."),
            .value(\.embeddings, key: "embeddings", option: "embeddings", .features,
                   "Pretrained word vectors in word2vec or GloVe text format (a file)."),
            .flag(\.freezeEmbeddings, sets: true, key: "freezeEmbeddings", option: "freeze-embeddings", .features,
                  "Keep pretrained vectors fixed during training."),
            .value(\.pretrainedWords, key: "pretrainedWords", option: "pretrained-words", .features,
                   "With --embeddings: how many of the file's most frequent words the model keeps as fixed extra inputs (with every training word the file knows), so that words never seen in training get their pretrained vectors when tagging; 0 for none."),
            .flag(\.lazyWordUpdates, sets: true, key: "lazyWordUpdates", option: "lazy-word-updates", .features,
                  "Update only the word vectors of each batch's words (faster on large vocabularies; trains a different model)."),
            .flag(\.lowercase, sets: false, key: "lowercase", option: "keep-case", .features,
                  "Keep the case of words for vocabulary look-ups (the character encoder always sees it)."),
            .flag(\.digitsToZero, sets: false, key: "digitsToZero", option: "keep-digits", .features,
                  "Keep digits for vocabulary look-ups instead of mapping them to 0."),
            .flag(\.lowercaseCharacters, sets: false, key: "lowercaseCharacters", option: "keep-character-case", .features,
                  "Let the character encoder see case (by default tokens are case-folded before their characters are read)."),
            // Run
            .value(\.seed, key: "seed", option: "seed", .run, "The random seed; the same seed gives the same model."),
            .value(\.threads, key: "threads", option: "threads", .run, "Worker threads per batch."),
        ]
    }

    /// Every option as `key: value` text (architecture keys dotted, absent
    /// values `none`), for printing at the start of training and storing in
    /// the model's provenance.
    package var summary: [String: String] {
        Dictionary(Self.hyperparameters.map { ($0.key, $0.text(self)) }, uniquingKeysWith: { first, _ in first })
    }
}
