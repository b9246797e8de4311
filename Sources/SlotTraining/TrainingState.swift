import SlotMath
import SlotModel

/// Everything a training run needs to continue exactly where it stopped:
/// the network, the optimiser's moments, the moving average of the
/// parameters, the position in the epoch, the best network so far and the
/// history. A checkpoint is this value on disk.
package struct TrainingState: Sendable {
    /// The network being trained.
    package var network: TaggingNetwork
    /// The optimiser with its moments.
    package var optimizer: Optimizer
    /// The moving average of the network's parameters, when averaging is on:
    /// the network that is evaluated and saved.
    package var average: ParameterAverage<TaggingNetwork>?
    /// The current epoch, from 0.
    package var epoch: Int
    /// The next batch of the current epoch.
    package var nextBatch: Int
    /// The summed loss of the current epoch's finished batches.
    package var epochLoss: Double
    /// Seconds spent on the current epoch before an interruption.
    package var epochSeconds: Double
    /// The best network so far by the dev selection score (the one written as the model).
    package var best: TaggingNetwork
    /// The best dev selection score so far (see ``ModelSelection``), or -1 before the first evaluation.
    package var bestScore: Double
    /// Epochs since the dev selection score last improved.
    package var epochsWithoutImprovement: Int
    /// One record per finished epoch.
    package var history: [EpochRecord]

    /// The state at the start of training.
    /// - Parameters:
    ///   - network: the initial network.
    ///   - optimizer: the optimiser with empty state.
    ///   - averagingDecay: the decay of the parameter average; 0 for none.
    package init(network: TaggingNetwork, optimizer: Optimizer, averagingDecay: Float = 0) {
        self.network = network
        self.optimizer = optimizer
        average = averagingDecay > 0 ? ParameterAverage(decay: averagingDecay, initial: network) : nil
        epoch = 0
        nextBatch = 0
        epochLoss = 0
        epochSeconds = 0
        best = network
        bestScore = -1
        epochsWithoutImprovement = 0
        history = []
    }

    /// Restores a state from a checkpoint's parts.
    package init(
        network: TaggingNetwork, optimizer: Optimizer, average: ParameterAverage<TaggingNetwork>?, epoch: Int,
        nextBatch: Int, epochLoss: Double, epochSeconds: Double, best: TaggingNetwork, bestScore: Double, epochsWithoutImprovement: Int,
        history: [EpochRecord]
    ) {
        self.network = network
        self.optimizer = optimizer
        self.average = average
        self.epoch = epoch
        self.nextBatch = nextBatch
        self.epochLoss = epochLoss
        self.epochSeconds = epochSeconds
        self.best = best
        self.bestScore = bestScore
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.history = history
    }
}
