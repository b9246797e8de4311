import Foundation
import SlotTagger
import SlotTraining

/// Writes the trained model: the bundle (with its model card and the
/// temperatures fitted on the dev split), then the training report
/// (`training.json`, `training.svg`) beside the weights.
enum ModelWriter {
    static func write(
        state: TrainingState, trainer: Trainer, options: TrainingOptions, inputs: TrainerInputs, dev: [AnnotatedSentence],
        trainingSeconds: Double, wallSeconds: Double
    ) throws {
        let bestEpoch = state.history.lastIndex { $0.improved }.map { $0 + 1 } ?? state.history.count
        let bestRecord = bestEpoch > 0 ? state.history[bestEpoch - 1] : nil
        let command = (["trainer"] + CommandLine.arguments.dropFirst()).map(Self.quoted).joined(separator: " ")
        let record = TrainingRecord(
            command: command, trainFile: inputs.train, devFile: inputs.dev, seed: options.seed,
            hyperparameters: options.summary, epochs: state.history.count, bestEpoch: bestEpoch,
            seconds: wallSeconds, devF1: bestRecord?.devF1 ?? 0, devIntentAccuracy: bestRecord?.devIntentAccuracy)
        var configuration = ModelConfiguration(
            architecture: options.architecture, tokenizer: .words, featurizer: trainer.data.featurizer, training: record)
        configuration.calibration = TemperatureFitting.fit(
            Tagger(configuration: configuration, network: state.best), sentences: dev)
        let tagger = Tagger(configuration: configuration, network: state.best)
        try tagger.write(to: inputs.output, modelCard: ModelCard.text(for: configuration, history: state.history))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let report = TrainingReport(
            command: command, seed: options.seed, options: options.summary, epochs: state.history,
            bestEpoch: bestEpoch, trainingSeconds: trainingSeconds, wallSeconds: wallSeconds)
        try encoder.encode(report).write(to: URL(fileURLWithPath: inputs.output + "/training.json"))
        let points = state.history.map {
            EpochPoint(epoch: $0.epoch, trainLoss: $0.trainLoss, devF1: $0.devF1, devIntentAccuracy: $0.devIntentAccuracy)
        }
        try TrainingPlot.svg(points, title: "Training \(URL(fileURLWithPath: inputs.output).lastPathComponent)")
            .write(toFile: inputs.output + "/training.svg", atomically: true, encoding: .utf8)
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { " \"'$".contains($0) }) ? "'\(argument)'" : argument
    }
}

/// The content of `training.json`.
struct TrainingReport: Codable {
    var command: String
    var seed: UInt64
    var options: [String: String]
    var epochs: [EpochRecord]
    var bestEpoch: Int
    var trainingSeconds: Double
    var wallSeconds: Double
}
