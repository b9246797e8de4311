/// What one epoch of training achieved: the line of `training.json` and a
/// point of `training.svg`.
package struct EpochRecord: Hashable, Sendable, Codable {
    /// The epoch, from 1.
    package var epoch: Int
    /// The mean training loss per sentence over the epoch.
    package var trainLoss: Double
    /// Dev precision, recall and F1 of slot chunks (percentages, conlleval's rules).
    package var devPrecision: Double
    /// Dev recall (percentage).
    package var devRecall: Double
    /// Dev F1 (percentage).
    package var devF1: Double
    /// Dev intent accuracy (percentage), when the corpus has intents.
    package var devIntentAccuracy: Double?
    /// The learning rate used during the epoch.
    package var learningRate: Float
    /// Wall-clock seconds spent on the epoch, evaluation included.
    package var seconds: Double
    /// Whether this epoch's model became the best so far.
    package var improved: Bool
}
