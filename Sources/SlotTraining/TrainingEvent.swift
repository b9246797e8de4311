import SlotModel

/// What the trainer reports while it runs; the `trainer` executable turns
/// these into a progress bar or plain lines. The library never prints.
package enum TrainingEvent: Sendable {
    /// A batch finished.
    case batch(BatchProgress)
    /// An epoch finished and was evaluated on the dev set.
    case epoch(EpochRecord)
}

/// Progress within an epoch.
package struct BatchProgress: Hashable, Sendable {
    /// The epoch, from 1.
    package var epoch: Int
    /// Batches finished in this epoch.
    package var batchesDone: Int
    /// Batches in this epoch.
    package var batchCount: Int
    /// Mean loss per sentence so far this epoch.
    package var loss: Double
    /// Training speed so far this epoch.
    package var sentencesPerSecond: Double
    /// Estimated seconds until the epoch ends.
    package var secondsLeft: Double

    /// The fraction of the epoch done, in `[0, 1]`.
    package var fraction: Double { batchCount == 0 ? 1 : Double(batchesDone) / Double(batchCount) }
}

/// Why training stopped.
package enum StopReason: String, Hashable, Sendable, Codable {
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
