import Foundation
import SlotModel
import SlotValues

extension Trainer {
    /// The files of the training report written into a bundle beside its weights.
    package static let reportFileNames = ["training.json", "training.svg"]

    /// Writes the best model of a finished run as a complete bundle: weights,
    /// `config.json` (with the provenance and dev scores), the model card and
    /// the training report (`training.json`, `training.svg`), all in one
    /// atomic replacement of `directory`.
    ///
    /// - Parameters:
    ///   - state: the state the run ended in; its best network is written.
    ///   - directory: the bundle directory to create or replace.
    ///   - provenance: the command, files and times to record.
    ///   - synonyms: the synonym table to store in the bundle, if any.
    /// - Throws: ``ModelError/nonFiniteWeights(_:)`` when a weight is NaN or infinite,
    ///   ``ModelBundleError`` when the directory cannot be written (what was there is kept).
    package func writeBundle(
        _ state: TrainingState, to directory: String, provenance: TrainingProvenance, synonyms: SynonymTable? = nil
    ) throws {
        let bestEpoch = state.history.lastIndex { $0.improved }.map { $0 + 1 } ?? state.history.count
        let bestRecord = bestEpoch > 0 ? state.history[bestEpoch - 1] : nil
        let record = TrainingRecord(
            command: provenance.command, trainFile: provenance.trainFile, devFile: provenance.devFile,
            seed: options.seed, hyperparameters: options.summary, epochs: state.history.count, bestEpoch: bestEpoch,
            seconds: provenance.wallSeconds, devF1: bestRecord?.devF1 ?? 0, devIntentAccuracy: bestRecord?.devIntentAccuracy)
        let configuration = ModelConfiguration(
            architecture: options.architecture, tokenizer: .words, featurizer: data.featurizer, training: record,
            synonyms: synonyms)
        let report = TrainingReport(
            command: provenance.command, seed: options.seed, options: options.summary, epochs: state.history,
            bestEpoch: bestEpoch, trainingSeconds: provenance.trainingSeconds, wallSeconds: provenance.wallSeconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let reportJSON: Data
        do {
            reportJSON = try encoder.encode(report)
        } catch {
            throw ModelBundleError.writeFailed(path: directory, reason: "the training report cannot be encoded (\(error))")
        }
        let name = directory.split(separator: "/").last.map(String.init) ?? directory
        let svg = TrainingPlot.svg(state.history, title: "Training \(name)")
        try Tagger(configuration: configuration, network: state.best).write(
            to: directory, modelCard: ModelCard.text(for: configuration, history: state.history),
            extraFiles: [(Self.reportFileNames[0], Array(reportJSON)), (Self.reportFileNames[1], Array(svg.utf8))])
    }
}
