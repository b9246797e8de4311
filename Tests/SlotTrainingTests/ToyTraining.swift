import SlotMath
import SlotModel
import SlotTestSupport
import SlotTraining

/// Small options and data over the toy slot corpus, shared by the training tests.
enum ToyTraining {
    /// Options for a tiny network that fits the toy corpus in a few seconds of a debug build.
    static func options(epochs: Int, threads: Int = 1, dropout: Float = 0) -> TrainingOptions {
        var options = TrainingOptions()
        options.architecture.wordDimension = 12
        options.architecture.characterDimension = 6
        options.architecture.characterHiddenSize = 6
        options.architecture.hiddenSize = 12
        options.maxEpochs = epochs
        options.patience = epochs
        options.batchSize = 4
        options.learningRate = 0.02
        options.learningRateDecay = 0
        options.dropout = dropout
        options.unknownWordDropout = 0
        options.threads = threads
        options.seed = 7
        return options
    }

    /// The toy corpus as both training and dev set.
    static func data(_ options: TrainingOptions) throws -> TrainingData {
        try TrainingData(
            train: ToySlotCorpus.sentences, trainFile: "toy.conll",
            dev: ToySlotCorpus.sentences, devFile: "toy-dev.conll", options: options)
    }

    /// Every parameter's bit patterns, in visiting order.
    static func bits(_ network: TaggingNetwork) -> [[UInt32]] {
        network.namedParameters.map { $0.value.scalars.map(\.bitPattern) }
    }
}
