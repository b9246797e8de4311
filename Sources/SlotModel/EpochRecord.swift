/// What one epoch of training achieved: a line of `training.json`, a point of
/// `training.svg` and a row of the model card.
public struct EpochRecord: Hashable, Sendable, Codable {
    /// The epoch, from 1.
    public var epoch: Int
    /// The mean training loss per sentence over the epoch.
    public var trainLoss: Double
    /// Dev precision, recall and F1 of slot chunks (percentages, conlleval's rules).
    public var devPrecision: Double
    /// Dev recall (percentage).
    public var devRecall: Double
    /// Dev F1 (percentage).
    public var devF1: Double
    /// Dev intent accuracy (percentage), when the corpus has intents.
    public var devIntentAccuracy: Double?
    /// The learning rate used during the epoch.
    public var learningRate: Float
    /// Wall-clock seconds spent on the epoch, evaluation included.
    public var seconds: Double
    /// Whether this epoch's model became the best so far.
    public var improved: Bool

    /// Creates the record of one epoch.
    package init(
        epoch: Int, trainLoss: Double, devPrecision: Double = 0, devRecall: Double = 0, devF1: Double,
        devIntentAccuracy: Double? = nil, learningRate: Float = 0, seconds: Double = 0, improved: Bool = false
    ) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.devPrecision = devPrecision
        self.devRecall = devRecall
        self.devF1 = devF1
        self.devIntentAccuracy = devIntentAccuracy
        self.learningRate = learningRate
        self.seconds = seconds
        self.improved = improved
    }
}
