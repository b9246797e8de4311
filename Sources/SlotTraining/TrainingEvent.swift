import SlotModel

/// What a training run reports while it runs (see ``TrainingJob/run(events:shouldStop:)``);
/// the `trainer` executable turns these into a progress bar and lines on
/// standard error. The library never prints.
public enum TrainingEvent: Sendable {
    /// A fact about the run worth a line (the data's size, the options, where the model went).
    case note(String)
    /// Something in the data the user should look at (a dev label the training data lacks).
    case warning(String)
    /// A batch finished.
    case batch(BatchProgress)
    /// An epoch finished and was evaluated on the dev set.
    case epoch(EpochRecord)
}

/// Progress within an epoch.
public struct BatchProgress: Hashable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Batches finished in this epoch.
    public var batchesDone: Int
    /// Batches in this epoch.
    public var batchCount: Int
    /// Mean loss per sentence so far this epoch.
    public var loss: Double
    /// Training speed so far this epoch.
    public var sentencesPerSecond: Double
    /// Estimated seconds until the epoch ends.
    public var secondsLeft: Double

    /// The fraction of the epoch done, in `[0, 1]`.
    public var fraction: Double { batchCount == 0 ? 1 : Double(batchesDone) / Double(batchCount) }
}

/// Why training stopped.
public enum StopReason: String, Hashable, Sendable, Codable {
    /// All epochs ran.
    case maxEpochs
    /// The dev F1 did not improve for `patience` epochs.
    case earlyStopping
    /// The time limit was reached.
    case timeLimit
    /// The caller asked to stop (Ctrl-C): the state can be saved and resumed.
    case interrupted
    /// The loss became NaN or infinite: the state is the one before that batch, not to be saved.
    case lossDiverged
    /// The gradient norm became NaN or infinite: the state is the one before that batch.
    case gradientDiverged
}
