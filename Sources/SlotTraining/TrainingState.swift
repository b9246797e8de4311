import SlotMath
import SlotModel

/// Everything a training run needs to continue exactly where it stopped:
/// the network, the optimiser's moments, the position in the epoch, the best
/// network so far and the history. A checkpoint is this value on disk.
public struct TrainingState: Sendable {
    /// The network being trained.
    public var network: TaggingNetwork
    /// The optimiser with its moments.
    public var optimizer: Optimizer
    /// The current epoch, from 0.
    public var epoch: Int
    /// The next batch of the current epoch.
    public var nextBatch: Int
    /// The summed loss of the current epoch's finished batches.
    public var epochLoss: Double
    /// Seconds spent on the current epoch before an interruption.
    public var epochSeconds: Double
    /// The best network so far by dev F1 (the one written as the model).
    public var best: TaggingNetwork
    /// The best dev F1 so far, or -1 before the first evaluation.
    public var bestF1: Double
    /// Epochs since the dev F1 last improved.
    public var epochsWithoutImprovement: Int
    /// One record per finished epoch.
    public var history: [EpochRecord]

    /// The state at the start of training.
    public init(network: TaggingNetwork, optimizer: Optimizer) {
        self.network = network
        self.optimizer = optimizer
        epoch = 0
        nextBatch = 0
        epochLoss = 0
        epochSeconds = 0
        best = network
        bestF1 = -1
        epochsWithoutImprovement = 0
        history = []
    }

    /// Restores a state from a checkpoint's parts.
    public init(
        network: TaggingNetwork, optimizer: Optimizer, epoch: Int, nextBatch: Int, epochLoss: Double,
        epochSeconds: Double, best: TaggingNetwork, bestF1: Double, epochsWithoutImprovement: Int,
        history: [EpochRecord]
    ) {
        self.network = network
        self.optimizer = optimizer
        self.epoch = epoch
        self.nextBatch = nextBatch
        self.epochLoss = epochLoss
        self.epochSeconds = epochSeconds
        self.best = best
        self.bestF1 = bestF1
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.history = history
    }
}
