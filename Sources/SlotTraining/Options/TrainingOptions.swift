import SlotText
import SlotModel

/// Every hyperparameter of a training run, with the defaults that train the
/// shipped models. The `trainer` reads them from a JSON file and overrides
/// them with command-line options; the effective values are printed at the
/// start and stored in the model bundle.
package struct TrainingOptions: Hashable, Sendable, Codable {
    /// The optimiser's update rule.
    package enum OptimizerName: String, Hashable, Sendable, Codable, CaseIterable {
        /// Stochastic gradient descent with momentum.
        case sgd
        /// Adam.
        case adam
        /// RMSprop.
        case rmsprop
    }

    /// The network's shape.
    package var architecture = Architecture()
    /// How the model's raw input is split into tokens (recorded in the bundle
    /// for tagging): ICU words, or graphemes for corpora labelled per character
    /// such as Chinese NER. JSONL training data is tokenized this way too.
    package var tokenizer = Tokenizer.Mode.words
    /// The maximum number of passes over the training data.
    package var maxEpochs = 30
    /// Stop after this many epochs without a better dev selection score.
    package var patience = 30
    /// The dev score that picks the saved epoch and drives early stopping.
    package var selection = ModelSelection.slots
    /// The decay of the moving average of the parameters that is evaluated and
    /// saved (see ``ParameterAverage``); 0 evaluates and saves the raw parameters.
    package var averagingDecay: Float = 0.999
    /// Stop after this many seconds (checked between batches), if set.
    package var timeLimit: Double?
    /// Sentences per mini-batch.
    package var batchSize = 10
    /// The optimiser.
    package var optimizer = OptimizerName.adam
    /// The initial learning rate.
    package var learningRate: Float = 0.002
    /// Learning-rate decay: epoch `e` (from 0) uses `learningRate / (1 + decay · e)`.
    package var learningRateDecay: Float = 0.05
    /// Momentum for SGD.
    package var momentum: Float = 0.9
    /// The largest allowed global gradient norm.
    package var clipNorm: Double = 5
    /// Dropout on the word features and on the encoder's outputs.
    package var dropout: Float = 0.5
    /// Probability of replacing a training word seen at most `rareWordCount`
    /// times by the unknown word, so the model learns to label unseen words.
    package var unknownWordDropout: Float = 0.3
    /// Words seen at most this often in training are candidates for unknown-word dropout.
    package var rareWordCount = 1
    /// Probability of replacing any training word by the unknown word, so that
    /// the model learns to label a word from its context and spelling alone.
    package var wordDropout: Float = 0.2
    /// Probability of appending a sentence-final mark to a training sentence,
    /// and separately of inserting a comma, both labelled `O` (see ``SentenceAugmenter``).
    package var punctuationRate: Float = 0.3
    /// Probability of replacing all words of a training slot by the unknown word.
    package var slotDropout: Float = 0.1
    /// Probability that a slot dropped by ``slotDropout`` is also spelt with random letters.
    package var slotSpellingNoise: Float = 0.5
    /// Whether a slot dropped by ``slotDropout`` also loses its tokens' fixed
    /// pretrained vectors (see ``pretrainedWords``), so that context rather than a
    /// familiar vector marks the slot. Off by default: the SNIPS model was
    /// trained without it, and no ATIS recipe with it was shipped (models/EXPERIMENTS.md).
    package var hideDroppedSlotVectors = false
    /// Probability of showing a training sentence with its English number
    /// words as numerals ("may 15th" for "may fifteenth", see ``NumeralRendering``).
    package var numeralRate: Float = 0.3
    /// Words seen fewer times than this in training get no vector of their own.
    package var minWordCount = 1
    /// Weight of the intent loss relative to the slot loss.
    package var intentWeight: Float = 2
    /// Label smoothing of the intent loss: the target keeps `1 − ε` on the gold intent.
    package var intentSmoothing: Float = 0
    /// Lower-case words before looking them up.
    package var lowercase = true
    /// Case-fold tokens before reading their characters.
    package var lowercaseCharacters = true
    /// Map every digit to `0` before looking words up.
    package var digitsToZero = true
    /// Pretrained word vectors (word2vec or GloVe text), if any.
    package var embeddings: String?
    /// Keep pretrained vectors fixed during training.
    package var freezeEmbeddings = false
    /// How many of the most frequent words of ``embeddings`` the model keeps as
    /// fixed input vectors beside its trained word vectors (with every training
    /// word the file knows), so that a word absent from training still gets its
    /// pretrained vector when tagging; 0 for none (the vectors then only
    /// initialise the trained ones). The default was chosen on the dev splits
    /// of ATIS and SNIPS (models/EXPERIMENTS.md).
    package var pretrainedWords = 50_000
    /// Probability of hiding a training token's fixed pretrained vector (see
    /// ``pretrainedWords``), so that the model does not lean on the vectors alone;
    /// the default trades a little dev F1 for cities training never saw
    /// (models/EXPERIMENTS.md).
    package var pretrainedDropout: Float = 0.25
    /// Update only the word vectors of each batch's words ("lazy" Adam, SGD or
    /// RMSprop): the other rows keep their values and moments until their words
    /// come again, instead of moving through their moments every batch. Much
    /// faster on large vocabularies, but it trains a different model, so it is
    /// off by default.
    package var lazyWordUpdates = false
    /// The random seed: the same seed gives the same model.
    package var seed: UInt64 = 1
    /// Worker threads per batch (the batch is split between them).
    package var threads = 2

    /// Creates the default options.
    package init() {}
}
