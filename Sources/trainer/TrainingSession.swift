import Foundation
import SlotCommandLine
import SlotMath
import SlotTagger
import SlotTraining
import SlotModel
import Synchronization

/// Set by the SIGINT and SIGTERM handlers; polled between batches.
let interruptRequested = Atomic<Int32>(0)

/// One run of the trainer: reads and checks the options, the data and the
/// output paths, trains with progress on standard error, and writes the model
/// (with its report) or a checkpoint.
struct TrainingSession {
    let inputs: TrainerInputs
    let hyperparameters: HyperparameterArguments

    /// Runs the session and returns the process exit status.
    func run() -> Int32 {
        var status: Int32 = 0
        let reported = Diagnostics.run { status = try train() }
        return reported == .success ? status : reported.rawValue
    }

    /// The options from `--config` and the command line, validated before anything is read or allocated.
    private func resolvedOptions() throws -> TrainingOptions {
        var options = TrainingOptions()
        if let config = inputs.config { options = try TrainingOptions.load(jsonFile: config) }
        let given = try hyperparameters.apply(to: &options)
        do {
            try options.validate()
        } catch {
            if given.contains(error.key), let option = TrainingOptions.hyperparameters.first(where: { $0.key == error.key }) {
                throw TrainingError.invalidOption(option: "--\(option.option)", detail: "\(error.value) is out of range; it must be \(error.requirement)")
            }
            throw TrainingError.badConfiguration(file: inputs.config ?? "(defaults)", detail: error.description)
        }
        // The fixed pretrained vectors have the file's size, which must be the word vectors' size.
        if options.embeddings != nil, options.pretrainedWords > 0 {
            options.architecture.pretrainedDimension = options.architecture.wordDimension
        }
        return options
    }

    /// Checks before training that the model and a checkpoint can be written where asked.
    private func checkOutputs(checkpoint: String) throws {
        func normalised(_ path: String) -> String {
            var trimmed = Substring(path)
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        guard normalised(checkpoint) != normalised(inputs.output) else {
            throw CLIError("--checkpoint \(checkpoint) is the --output directory; give the checkpoint a path of its own", status: .usage)
        }
        do {
            try ModelBundle<ModelConfiguration>.checkWritable(inputs.output)
        } catch {
            throw TrainingError.unwritableOutput(path: inputs.output, role: "output", reason: Self.reason(error))
        }
        try Checkpoint.checkWritable(checkpoint)
    }

    private static func reason(_ error: ModelBundleError) -> String {
        switch error {
        case .notABundleDirectory: "it exists and is not a model bundle, so it is not replaced; choose another directory or remove it"
        case let .foreignEntry(_, name): "it holds '\(name)', which is not a regular file that can be kept; move it away"
        case let .writeFailed(_, reason): reason
        default: error.description
        }
    }

    private func train() throws -> Int32 {
        GEMM.useCallingThreadOnly()
        let clock = ContinuousClock()
        let started = clock.now
        let options = try resolvedOptions()
        let synonyms = try inputs.synonymTable()
        let checkpoint = inputs.checkpoint ?? inputs.output + ".checkpoint"
        try checkOutputs(checkpoint: checkpoint)
        let tokenizer = Tokenizer(mode: options.tokenizer)
        let trainCorpus = try Corpus(contentsOf: inputs.train, format: inputs.format.corpusFormat, tokenizer: tokenizer)
        let devCorpus = try Corpus(contentsOf: inputs.dev, format: inputs.format.corpusFormat, tokenizer: tokenizer)
        for warnings in [trainCorpus.warnings, devCorpus.warnings] where warnings.chunksStartingWithInside > 0 {
            Diagnostics.warning(warnings.description)
        }
        let train = trainCorpus.sentences, dev = devCorpus.sentences
        guard !train.isEmpty else { throw TrainingError.emptyTrainingSet(file: inputs.train) }
        guard !dev.isEmpty else { throw TrainingError.emptyDevSet(file: inputs.dev) }
        let vectors = try options.embeddings.map { path in
            try PretrainedVectors(contentsOf: path, expectedDimension: options.architecture.wordDimension)
        }
        let data = try TrainingData(
            train: train, trainFile: inputs.train, dev: dev, devFile: inputs.dev, options: options,
            vectors: vectors, allowUnseenDevLabels: inputs.allowUnseenDevLabels)
        if let pretrained = data.featurizer.pretrained {
            Diagnostics.note("pretrained vectors kept for tagging: \(pretrained.count) words")
        }
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
            if let path = options.embeddings, let vectors {
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

        // SIGTERM (a service manager, `kill`) stops training like Ctrl-C: a checkpoint, then exit.
        signal(SIGINT) { _ in interruptRequested.store(SIGINT, ordering: .relaxed) }
        signal(SIGTERM) { _ in interruptRequested.store(SIGTERM, ordering: .relaxed) }
        // A blocked signal mask survives exec: unblock both so that they reach
        // the handlers even when the parent process had them blocked.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        let progress = ProgressPrinter(interactive: !inputs.plainProgress && isatty(STDERR_FILENO) == 1)
        let reason = trainer.run(&state, events: progress.handle, shouldStop: { interruptRequested.load(ordering: .relaxed) != 0 })
        progress.finish()
        switch reason {
        case .interrupted:
            try Checkpoint.save(state, trainer: trainer, to: checkpoint)
            let signalNumber = interruptRequested.load(ordering: .relaxed)
            Diagnostics.note("\(signalNumber == SIGTERM ? "terminated" : "interrupted"): checkpoint saved to \(checkpoint); "
                + "continue with the same options and --resume \(checkpoint)")
            return ExitStatus.interrupted(by: signalNumber)
        case .lossDiverged, .gradientDiverged:
            throw TrainingError.diverged(
                epoch: state.epoch + 1, batch: state.nextBatch + 1, quantity: reason == .lossDiverged ? "loss" : "gradient norm")
        case .maxEpochs, .earlyStopping, .timeLimit:
            break
        }
        let seconds = state.history.reduce(0) { $0 + $1.seconds }
        let elapsed = clock.now - started
        let best = state.history.last { $0.improved }
        Diagnostics.note("stopped (\(reason.rawValue)) after \(state.history.count) epochs; best epoch \(best?.epoch ?? 0): dev F1 "
            + String(format: "%.2f", best?.devF1 ?? 0) + (best?.devIntentAccuracy.map { String(format: ", intent accuracy %.2f", $0) } ?? ""))
        let command = (["trainer"] + CommandLine.arguments.dropFirst()).map(Self.quoted).joined(separator: " ")
        try trainer.writeBundle(state, to: inputs.output, provenance: TrainingProvenance(
            command: command, trainFile: inputs.train, devFile: inputs.dev,
            trainingSeconds: seconds, wallSeconds: Double(elapsed.components.seconds)), synonyms: synonyms, dev: dev)
        Diagnostics.note("model written to \(inputs.output)")
        return ExitStatus.success.rawValue
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { " \"'$".contains($0) }) ? "'\(argument)'" : argument
    }
}
