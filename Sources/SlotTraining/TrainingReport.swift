import SlotModel

/// How a model was trained, for its bundle: the command, the files and the
/// time spent (the rest comes from the trainer and its final state).
public struct TrainingProvenance: Sendable {
    /// The command line that trained the model, as a user would retype it.
    public var command: String
    /// The training corpus.
    public var trainFile: String
    /// The dev corpus used for model selection.
    public var devFile: String
    /// Seconds spent in epochs (evaluation included).
    public var trainingSeconds: Double
    /// Wall-clock seconds of the whole run, reading the data included.
    public var wallSeconds: Double

    /// Creates a provenance record.
    public init(command: String, trainFile: String, devFile: String, trainingSeconds: Double, wallSeconds: Double) {
        self.command = command
        self.trainFile = trainFile
        self.devFile = devFile
        self.trainingSeconds = trainingSeconds
        self.wallSeconds = wallSeconds
    }
}

/// The content of a bundle's `training.json`: the options and every epoch's scores.
public struct TrainingReport: Codable, Sendable {
    /// The command line that trained the model.
    public var command: String
    /// The random seed.
    public var seed: UInt64
    /// Every option as text (see ``TrainingOptions/summary``).
    public var options: [String: String]
    /// Every epoch run.
    public var epochs: [EpochRecord]
    /// The epoch (from 1) whose model was kept.
    public var bestEpoch: Int
    /// Seconds spent in epochs.
    public var trainingSeconds: Double
    /// Wall-clock seconds of the whole run.
    public var wallSeconds: Double
}
