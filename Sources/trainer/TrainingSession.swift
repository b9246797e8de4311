import Foundation
import SlotCommandLine
import SlotMath
import SlotTagger
import SlotTraining
import Synchronization

/// Set by the SIGINT handler; polled between batches.
let interruptRequested = Atomic<Bool>(false)

/// One run of the trainer: reads and checks the data, trains with progress on
/// standard error, and writes the model, its report, or a checkpoint.
struct TrainingSession {
    let inputs: TrainerInputs
    let hyperparameters: HyperparameterOptions

    /// Runs the session and returns the process exit code (sysexits).
    func run() -> Int32 {
        do {
            return try train()
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            return error.exitCode
        } catch {
            Diagnostics.error("\(error)")
            return Self.exitCode(for: error)
        }
    }

    /// The sysexits code for an error: training and vectors-file errors are
    /// missing input (66) or bad input data (65); the rest as ``Diagnostics`` maps them.
    static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case TrainingError.missingFile, VocabularyError.unreadable: 66
        case is TrainingError, is VocabularyError: 65
        default: Diagnostics.exitCode(for: error)
        }
    }

    private func train() throws -> Int32 {
        GEMM.useCallingThreadOnly()
        let clock = ContinuousClock()
        let started = clock.now
        var options = TrainingOptions()
        if let config = inputs.config { options = try TrainingOptions.load(jsonFile: config) }
        hyperparameters.apply(to: &options)
        let tokenizer = Tokenizer(mode: .words)
        let trainCorpus = try Corpus(contentsOf: inputs.train, format: inputs.format.corpusFormat, tokenizer: tokenizer)
        let devCorpus = try Corpus(contentsOf: inputs.dev, format: inputs.format.corpusFormat, tokenizer: tokenizer)
        for warnings in [trainCorpus.warnings, devCorpus.warnings] where warnings.chunksStartingWithInside > 0 {
            Diagnostics.warning(warnings.description)
        }
        let train = trainCorpus.sentences, dev = devCorpus.sentences
        guard !train.isEmpty else { throw TrainingError.emptyTrainingSet(file: inputs.train) }
        let data = try TrainingData(
            train: train, trainFile: inputs.train, dev: dev, devFile: inputs.dev, options: options,
            allowUnseenDevLabels: inputs.allowUnseenDevLabels)
        for (label, line) in data.unseenInDev {
            Diagnostics.warning("\(inputs.dev):\(line): '\(label)' does not occur in the training data; the model cannot predict it")
        }
        let trainer = Trainer(options: options, data: data)
        var state: TrainingState
        if let resume = inputs.resume {
            state = try Checkpoint.load(from: resume, trainer: trainer)
            Diagnostics.note("resuming \(resume) at epoch \(state.epoch + 1), batch \(state.nextBatch + 1)")
        } else {
            var wordVectors: Matrix?
            if let path = options.embeddings {
                let vectors = try PretrainedVectors(
                    contentsOf: path, expectedDimension: options.architecture.wordDimension)
                var generator = SplitMix64(seed: options.seed ^ 0xE3B)
                let normalizer = data.featurizer.normalizer
                let loaded = vectors.embeddingMatrix(
                    for: data.featurizer.words, normalise: { normalizer.normalize($0) }, using: &generator,
                    scale: (3 / Float(options.architecture.wordDimension)).squareRoot())
                Diagnostics.note("pretrained vectors: \(loaded.matched) of \(loaded.total) words found in \(path)")
                wordVectors = loaded.matrix
            }
            state = trainer.initialState(wordVectors: wordVectors)
        }
        Diagnostics.note("training on \(train.count) sentences (\(inputs.train)), dev \(dev.count) sentences (\(inputs.dev))")
        Diagnostics.note("\(data.featurizer.words.count) words, \(data.featurizer.characters.count) characters, "
            + "\(data.featurizer.labels.count) labels, \(data.featurizer.intents.count) intents, "
            + "\(state.network.parameterCount) parameters")
        Diagnostics.note("options: " + options.summary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))

        signal(SIGINT) { _ in interruptRequested.store(true, ordering: .relaxed) }
        // A blocked signal mask survives exec: unblock SIGINT so that Ctrl-C
        // reaches the handler even when the parent process had it blocked.
        var interruptSignal = sigset_t()
        sigemptyset(&interruptSignal)
        sigaddset(&interruptSignal, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interruptSignal, nil)
        let progress = ProgressPrinter(interactive: !inputs.plainProgress && isatty(STDERR_FILENO) == 1)
        let reason = trainer.run(&state, events: progress.handle, shouldStop: { interruptRequested.load(ordering: .relaxed) })
        progress.finish()
        if reason == .interrupted {
            let directory = inputs.checkpoint ?? inputs.output + ".checkpoint"
            try Checkpoint.save(state, trainer: trainer, to: directory)
            Diagnostics.note("interrupted: checkpoint saved to \(directory); continue with the same options and --resume \(directory)")
            return 130
        }
        let seconds = state.history.reduce(0) { $0 + $1.seconds }
        let elapsed = clock.now - started
        let best = state.history.last { $0.improved }
        Diagnostics.note("stopped (\(reason.rawValue)) after \(state.history.count) epochs; best epoch \(best?.epoch ?? 0): dev F1 "
            + String(format: "%.2f", best?.devF1 ?? 0) + (best?.devIntentAccuracy.map { String(format: ", intent accuracy %.2f", $0) } ?? ""))
        try ModelWriter.write(
            state: state, trainer: trainer, options: options, inputs: inputs, dev: dev,
            trainingSeconds: seconds, wallSeconds: Double(elapsed.components.seconds))
        Diagnostics.note("model written to \(inputs.output)")
        return 0
    }
}
