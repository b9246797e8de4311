import SlotText
import SlotValues

/// Everything about a model except its weights: the `model` object of a
/// bundle's `config.json`.
package struct ModelConfiguration: Hashable, Sendable, Codable {
    /// Layer sizes and choices.
    package var architecture: Architecture
    /// How raw text is split into tokens (the tagger uses the same settings).
    package var tokenizer: Tokenizer.Mode
    /// Vocabularies, normaliser, labels and intents.
    package var featurizer: Featurizer
    /// How the model was trained and how well it scored, when known.
    package var training: TrainingRecord?
    /// The temperatures that calibrate its confidences, when fitted (`nil`:
    /// both 1, as in bundles written before calibration existed).
    package var calibration: Calibration?
    /// Canonical forms for slot texts (`trainer --synonyms`), applied after
    /// tagging; absent in bundles written without one.
    package var synonyms: SynonymTable?
    /// The bundle file of the fixed pretrained vectors the model reads, when
    /// it reads any (see ``Featurizer/pretrained``).
    package var vectors: VectorsFile?

    /// Creates a configuration.
    package init(
        architecture: Architecture, tokenizer: Tokenizer.Mode, featurizer: Featurizer, training: TrainingRecord? = nil,
        calibration: Calibration? = nil,
        synonyms: SynonymTable? = nil
    ) {
        self.architecture = architecture
        self.tokenizer = tokenizer
        self.featurizer = featurizer
        self.training = training
        self.calibration = calibration
        self.synonyms = synonyms
    }
}

/// The provenance and scores of a trained model, stored in its configuration
/// and shown in its model card.
package struct TrainingRecord: Hashable, Sendable, Codable {
    /// The command line that trained the model.
    package var command: String
    /// The training and dev files.
    package var trainFile: String
    /// The dev file used for model selection.
    package var devFile: String
    /// The random seed.
    package var seed: UInt64
    /// Every hyperparameter, as `name: value` text.
    package var hyperparameters: [String: String]
    /// Epochs run, and the epoch whose model was kept.
    package var epochs: Int
    /// The epoch (from 1) whose model was kept.
    package var bestEpoch: Int
    /// Wall-clock training time in seconds.
    package var seconds: Double
    /// Dev slot F1 of the kept model (percentage).
    package var devF1: Double
    /// Dev intent accuracy of the kept model (percentage), when the data has intents.
    package var devIntentAccuracy: Double?

    /// Creates a record.
    package init(
        command: String, trainFile: String, devFile: String, seed: UInt64, hyperparameters: [String: String],
        epochs: Int, bestEpoch: Int, seconds: Double, devF1: Double, devIntentAccuracy: Double?
    ) {
        self.command = command
        self.trainFile = trainFile
        self.devFile = devFile
        self.seed = seed
        self.hyperparameters = hyperparameters
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.seconds = seconds
        self.devF1 = devF1
        self.devIntentAccuracy = devIntentAccuracy
    }
}
