import Foundation
import SlotCorpus
import SlotMath
import SlotModel
import SlotText
import SlotValues
import SlotVocabulary

/// One training run, from corpus files to a model bundle: what the `trainer`
/// executable does, as a library call. It reads and checks the options, the
/// corpora and the output paths before anything is trained, trains (resuming a
/// checkpoint if asked), and writes the bundle with its training report in one
/// atomic replacement of ``output``; interrupted through `shouldStop`, it saves
/// a checkpoint instead. Nothing is printed: notes, warnings and progress come
/// as ``TrainingEvent``s.
///
/// ```swift
/// var job = TrainingJob(train: "corpora/atis/train.conll", dev: "corpora/atis/dev.conll", output: "my-model")
/// job.options = ["--max-epochs", "10", "--seed", "2"]   // any option of `trainer --help`, as on its command line
/// let outcome = try job.run { event in
///     if case .epoch(let record) = event { print("epoch", record.epoch, "dev F1", record.devF1) }
/// }
/// let tagger = try Tagger(contentsOf: outcome.directory)
/// ```
///
/// The process-wide BLAS threading is the caller's: executables call it once (see `trainer`).
public struct TrainingJob: Sendable {
    /// The training corpus (CoNLL or JSONL spans).
    public var train: String
    /// The dev corpus, which picks the best epoch and stops early.
    public var dev: String
    /// The model directory to write; an existing bundle there is replaced only by a sound one.
    public var output: String
    /// The corpora's format, or `nil` to detect it by extension and content.
    public var format: CorpusFormat?
    /// A JSON file of training options (the keys of a bundle's `hyperparameters`), or `nil`.
    public var configFile: String?
    /// Training options as on `trainer`'s command line (`["--hidden-size", "200", "--cell", "gru"]`);
    /// they override ``configFile``.
    public var options: [String]
    /// Where an interrupted run saves its checkpoint; `nil` for ``output`` followed by `.checkpoint`.
    public var checkpoint: String?
    /// A checkpoint to continue, with the same options, or `nil` to start afresh.
    public var resume: String?
    /// The synonym table stored in the bundle, or `nil`.
    public var synonyms: SynonymTable?
    /// Whether dev labels and intents that the training corpus lacks are accepted.
    public var allowUnseenDevLabels: Bool
    /// How the run was started, recorded in the bundle and its report (a command line, or a program's name).
    public var command: String

    /// A job with the default options.
    /// - Parameters:
    ///   - train: the training corpus.
    ///   - dev: the dev corpus.
    ///   - output: the model directory to write.
    public init(train: String, dev: String, output: String) {
        self.train = train
        self.dev = dev
        self.output = output
        format = nil
        configFile = nil
        options = []
        checkpoint = nil
        resume = nil
        synonyms = nil
        allowUnseenDevLabels = false
        command = "TrainingJob(train: \(train), dev: \(dev), output: \(output))"
    }

    /// The checkpoint directory an interrupted run writes.
    public var checkpointDirectory: String { checkpoint ?? output + ".checkpoint" }

    /// Trains and writes the model, or a checkpoint when `shouldStop` asks to stop.
    ///
    /// - Parameters:
    ///   - events: notes, warnings and progress, in order, on the calling thread.
    ///   - shouldStop: polled between batches (from a signal handler's flag, say); returning `true`
    ///     saves a checkpoint at ``checkpointDirectory`` and returns.
    /// - Returns: why training stopped, its epochs, and the directory written.
    /// - Throws: ``TrainingError`` for bad options, corpora, paths or checkpoints, and for a
    ///   diverging run (nothing is written); ``CorpusError``, ``InputOutputError``,
    ///   ``VocabularyError`` and ``ModelBundleError`` for files that cannot be read or written.
    public func run(
        events: (TrainingEvent) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws -> TrainingOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        var options = try resolvedOptions()
        try checkOutputs()
        let tokenizer = Tokenizer(mode: options.tokenizer)
        let trainCorpus = try Corpus(contentsOf: train, format: format, tokenizer: tokenizer)
        let devCorpus = try Corpus(contentsOf: dev, format: format, tokenizer: tokenizer)
        for warnings in [trainCorpus.warnings, devCorpus.warnings] where warnings.chunksStartingWithInside > 0 {
            events(.warning(warnings.description))
        }
        let trainSentences = trainCorpus.sentences, devSentences = devCorpus.sentences
        guard !trainSentences.isEmpty else { throw TrainingError.emptyTrainingSet(file: train) }
        guard !devSentences.isEmpty else { throw TrainingError.emptyDevSet(file: dev) }
        // Vectors that initialise word vectors must have their size; the intent head reads any size.
        let expectedDimension = options.architecture.pretrainedInput == .intent ? nil : options.architecture.wordDimension
        let vectors = try options.embeddings.map { path in
            try PretrainedVectors(contentsOf: path, expectedDimension: expectedDimension)
        }
        if let vectors, options.pretrainedWords > 0 { options.architecture.pretrainedDimension = vectors.dimension }
        let data = try TrainingData(
            train: trainSentences, trainFile: train, dev: devSentences, devFile: dev, options: options,
            vectors: vectors, allowUnseenDevLabels: allowUnseenDevLabels)
        if let pretrained = data.featurizer.pretrained {
            events(.note("pretrained vectors kept for tagging: \(pretrained.count) words"))
        }
        for (label, line) in data.unseenInDev {
            events(.warning("\(dev):\(line): '\(label)' does not occur in the training data; the model cannot predict it"))
        }
        let trainer = Trainer(options: options, data: data)
        var state = try initialState(trainer: trainer, vectors: vectors, events: events)
        events(.note("training on \(trainSentences.count) sentences (\(train)), dev \(devSentences.count) sentences (\(dev))"))
        events(.note("\(data.featurizer.words.count) words, \(data.featurizer.characters.count) characters, "
            + "\(data.featurizer.labels.count) labels, \(data.featurizer.intents.count) intents, "
            + "\(state.network.parameterCount) parameters"))
        events(.note("options: " + options.summary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))

        let reason = trainer.run(&state, events: events, shouldStop: shouldStop)
        switch reason {
        case .interrupted:
            try Checkpoint.save(state, trainer: trainer, to: checkpointDirectory)
            return TrainingOutcome(stopReason: reason, epochs: state.history, directory: checkpointDirectory)
        case .lossDiverged, .gradientDiverged:
            throw TrainingError.diverged(
                epoch: state.epoch + 1, batch: state.nextBatch + 1, quantity: reason == .lossDiverged ? "loss" : "gradient norm")
        case .maxEpochs, .earlyStopping, .timeLimit:
            break
        }
        let best = state.history.last { $0.improved }
        events(.note("stopped (\(reason.rawValue)) after \(state.history.count) epochs; best epoch \(best?.epoch ?? 0): dev F1 "
            + String(format: "%.2f", best?.devF1 ?? 0) + (best?.devIntentAccuracy.map { String(format: ", intent accuracy %.2f", $0) } ?? "")))
        let elapsed = clock.now - started
        try trainer.writeBundle(state, to: output, provenance: TrainingProvenance(
            command: command, trainFile: train, devFile: dev,
            trainingSeconds: state.history.reduce(0) { $0 + $1.seconds },
            wallSeconds: Double(elapsed.components.seconds)), synonyms: synonyms, dev: devSentences)
        events(.note("model written to \(output)"))
        return TrainingOutcome(stopReason: reason, epochs: state.history, directory: output)
    }

    /// The options from ``configFile`` and ``options``, validated before anything is read or allocated.
    private func resolvedOptions() throws -> TrainingOptions {
        var resolved = TrainingOptions()
        if let configFile { resolved = try TrainingOptions.load(jsonFile: configFile) }
        let given = try HyperparameterArguments(arguments: options).apply(to: &resolved)
        do {
            try resolved.validate()
        } catch {
            if given.contains(error.key), let option = TrainingOptions.hyperparameters.first(where: { $0.key == error.key }) {
                throw TrainingError.invalidOption(option: "--\(option.option)", detail: "\(error.value) is out of range; it must be \(error.requirement)")
            }
            throw TrainingError.badConfiguration(file: configFile ?? "(defaults)", detail: error.description)
        }
        guard resolved.architecture.pretrainedInput == .encoder || (resolved.embeddings != nil && resolved.pretrainedWords > 0) else {
            throw TrainingError.invalidOption(
                option: "--pretrained-input", detail: "'intent' needs --embeddings and a positive --pretrained-words")
        }
        return resolved
    }

    /// Checks before training that the model and a checkpoint can be written where asked.
    private func checkOutputs() throws {
        func normalised(_ path: String) -> String {
            var trimmed = Substring(path)
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        guard normalised(checkpointDirectory) != normalised(output) else {
            throw TrainingError.invalidOption(
                option: "--checkpoint", detail: "\(checkpointDirectory) is the --output directory; give the checkpoint a path of its own")
        }
        do {
            try ModelBundle<ModelConfiguration>.checkWritable(output)
        } catch {
            throw TrainingError.unwritableOutput(path: output, role: "output", reason: Self.reason(error))
        }
        try Checkpoint.checkWritable(checkpointDirectory)
    }

    private static func reason(_ error: ModelBundleError) -> String {
        switch error {
        case .notABundleDirectory: "it exists and is not a model bundle, so it is not replaced; choose another directory or remove it"
        case let .foreignEntry(_, name): "it holds '\(name)', which is not a regular file that can be kept; move it away"
        case let .writeFailed(_, reason): reason
        default: error.description
        }
    }

    /// The state to train from: the checkpoint of ``resume``, or a fresh network (its word
    /// vectors initialised from the pretrained vectors when there are any and the encoder reads them).
    private func initialState(
        trainer: Trainer, vectors: PretrainedVectors?, events: (TrainingEvent) -> Void
    ) throws -> TrainingState {
        if let resume {
            let state = try Checkpoint.load(from: resume, trainer: trainer)
            events(.note("resuming \(resume) at epoch \(state.epoch + 1), batch \(state.nextBatch + 1)"))
            return state
        }
        let options = trainer.options
        guard let path = options.embeddings, let vectors, options.architecture.pretrainedInput == .encoder else {
            return trainer.initialState()
        }
        var generator = SplitMix64(seed: options.seed ^ 0xE3B)
        let normalizer = trainer.data.featurizer.normalizer
        let loaded = vectors.embeddingMatrix(
            for: trainer.data.featurizer.words, normalise: { normalizer.normalize($0) }, using: &generator,
            scale: (3 / Float(options.architecture.wordDimension)).squareRoot())
        events(.note("pretrained vectors: \(loaded.matched) of \(loaded.total) words found in \(path)"))
        return trainer.initialState(wordVectors: loaded.matrix)
    }
}

/// How a ``TrainingJob`` ended.
public struct TrainingOutcome: Sendable {
    /// Why training stopped: ``StopReason/interrupted`` when a checkpoint was saved instead of the model.
    public let stopReason: StopReason
    /// Every epoch run, resumed ones included.
    public let epochs: [EpochRecord]
    /// The directory written: the model bundle, or the checkpoint of an interrupted run.
    public let directory: String

    /// The epoch whose model was kept (the last that improved), or `nil` before any epoch ended.
    public var bestEpoch: EpochRecord? { epochs.last { $0.improved } }
}
