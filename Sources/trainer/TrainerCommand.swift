import ArgumentParser
import Foundation
import SlotTagger
import SlotTraining

/// `trainer`: trains a tagging model on an annotated corpus and writes a model bundle.
@main
struct TrainerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer",
        abstract: "Train a BiLSTM-CRF slot and intent model on an annotated corpus.",
        discussion: """
        Reads a training and a dev corpus (CoNLL `token<TAB>label` with `# intent = NAME` lines, \
        or JSONL spans), trains with both cores, evaluates on the dev set after every epoch and \
        writes the best model by dev F1 to the output directory, with a training report \
        (training.json, training.svg) beside it. Ctrl-C saves a checkpoint that --resume continues.

        Every option below can also come from a JSON file given with --config (keys as in the \
        model's config.json "hyperparameters", e.g. {"architecture": {"hiddenSize": 200}}); \
        command-line options override the file.

        Example:
          trainer --train corpora/atis/train.conll --dev corpora/atis/dev.conll --output models/atis-en

        """ + HyperparameterArguments.helpText)

    @OptionGroup var inputs: TrainerInputs

    /// The training options, passed to ``TrainingJob`` as given and parsed there from the one table of options.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var hyperparameters: [String] = []

    mutating func run() throws {
        let status = TrainingSession(inputs: inputs, hyperparameters: hyperparameters).run()
        if status != 0 { throw ExitCode(status) }
    }
}
