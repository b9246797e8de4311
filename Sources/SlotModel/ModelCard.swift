/// The text of a model bundle's `README.md`: what the model is, how it was
/// trained and how well it scored.
package enum ModelCard {
    /// A model card for `configuration`, with a table of the per-epoch dev
    /// scores in `history` when it is not empty.
    package static func text(for configuration: ModelConfiguration, history: [EpochRecord]) -> String {
        let featurizer = configuration.featurizer
        let architecture = configuration.architecture
        var lines: [String] = []
        lines.append("# Slot tagging model")
        lines.append("")
        lines.append("A BiLSTM-\(architecture.output == .crf ? "CRF" : "softmax") sequence labeller trained with slot-tagger's `trainer`.")
        lines.append("")
        lines.append("## Architecture")
        lines.append("")
        lines.append("- words: \(featurizer.words.count) entries × \(architecture.wordDimension) dimensions")
        if let pretrained = featurizer.pretrained {
            let source = configuration.training?.hyperparameters["embeddings"].map { " from `\($0)`" } ?? ""
            lines.append("- fixed pretrained vectors\(source): \(pretrained.count) words × \(pretrained.dimension) dimensions, "
                + "int8 with a scale per row (`\(configuration.vectors?.file ?? VectorsFile.defaultName)`); "
                + (architecture.pretrainedInput == .intent
                    ? "read only by a second intent head (the sentence's mean and maximum beside the encoder), which gives the intents; slots are labelled without them"
                    : "a word absent from training but present here is tagged with its pretrained vector"))
        }
        if architecture.characterDimension > 0 {
            lines.append("- characters: \(featurizer.characters.count) entries × \(architecture.characterDimension), BiLSTM 2 × \(architecture.characterHiddenSize)")
        }
        if let bigrams = featurizer.context.bigrams {
            let read = architecture.bigramContext == .both ? "the bigrams each character ends and starts" : "the bigram each character starts"
            lines.append("- bigrams: \(bigrams.count) entries × \(architecture.bigramDimension) dimensions (\(read))")
        }
        if featurizer.context.softwords {
            lines.append("- soft words: the character's place in its ICU word (begin, middle, end, single) × \(architecture.softwordDimension) dimensions")
        }
        lines.append("- tokenizer: \(configuration.tokenizer.rawValue)")
        lines.append("- encoder: \(architecture.layers) × BiLSTM 2 × \(architecture.hiddenSize)")
        lines.append("- output: \(architecture.output.rawValue) over \(featurizer.labels.count) labels (BIO-constrained decoding)")
        let intentHidden = architecture.intentHiddenSize > 0 ? ", tanh hidden layer of \(architecture.intentHiddenSize)" : ""
        let intentHead = "\(featurizer.intents.count) intents, \(architecture.intentPooling.rawValue) pooling" + intentHidden
        lines.append("- intent head: \(featurizer.intents.isEmpty || !architecture.intentHead ? "none" : intentHead)")
        if let training = configuration.training {
            lines.append("")
            lines.append("## Training")
            lines.append("")
            lines.append("- data: `\(training.trainFile)` (train), `\(training.devFile)` (dev, model selection)")
            lines.append("- command: `\(training.command)`")
            lines.append("- seed: \(training.seed)")
            let criterion = training.hyperparameters["selection"] == "joint" ? "mean of dev slot F1 and intent accuracy" : "dev F1"
            lines.append("- epochs run: \(training.epochs); kept: epoch \(training.bestEpoch) (best \(criterion))")
            lines.append("- wall-clock time: \(Int(training.seconds.rounded())) s on the training machine")
            lines.append("- dev slot F1: \(format(training.devF1))" + (training.devIntentAccuracy.map { "; dev intent accuracy: \(format($0))" } ?? ""))
            if let calibration = configuration.calibration {
                lines.append("- calibration (fitted on the dev split): intent temperature "
                    + "\(format(Double(calibration.intentTemperature))), slot temperature \(format(Double(calibration.slotTemperature)))")
            }
        }
        if !history.isEmpty {
            lines.append("")
            lines.append("| epoch | dev F1 | dev intent accuracy |")
            lines.append("|---|---|---|")
            for record in history {
                lines.append("| \(record.epoch) | \(format(record.devF1)) | \(record.devIntentAccuracy.map(format) ?? "–") |")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        let whole = Int(scaled)
        let fraction = Int(((scaled - Double(whole)) * 100).rounded())
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
