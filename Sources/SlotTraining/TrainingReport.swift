import SlotModel

/// How a model was trained, for its bundle: the command, the files and the
/// time spent (the rest comes from the trainer and its final state).
package struct TrainingProvenance: Sendable {
    /// The command line that trained the model, as a user would retype it.
    package var command: String
    /// The training corpus.
    package var trainFile: String
    /// The dev corpus used for model selection.
    package var devFile: String
    /// Seconds spent in epochs (evaluation included).
    package var trainingSeconds: Double
    /// Wall-clock seconds of the whole run, reading the data included.
    package var wallSeconds: Double

    /// Creates a provenance record.
    package init(command: String, trainFile: String, devFile: String, trainingSeconds: Double, wallSeconds: Double) {
        self.command = command
        self.trainFile = trainFile
        self.devFile = devFile
        self.trainingSeconds = trainingSeconds
        self.wallSeconds = wallSeconds
    }
}

/// The content of a bundle's `training.json`: the options and every epoch's scores.
package struct TrainingReport: Codable, Sendable {
    /// The command line that trained the model.
    package var command: String
    /// The random seed.
    package var seed: UInt64
    /// Every option as text (see ``TrainingOptions/summary``).
    package var options: [String: String]
    /// Every epoch run.
    package var epochs: [EpochRecord]
    /// The epoch (from 1) whose model was kept.
    package var bestEpoch: Int
    /// Seconds spent in epochs.
    package var trainingSeconds: Double
    /// Wall-clock seconds of the whole run.
    package var wallSeconds: Double
}
