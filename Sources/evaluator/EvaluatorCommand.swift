import ArgumentParser
import Foundation
import SlotCommandLine
import SlotTagger

/// `evaluator`: scores predicted labels against gold labels with conlleval's rules.
@main
struct EvaluatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluator",
        abstract: "Score slot labels and intents the way conlleval.pl does.",
        discussion: """
        Either tag a labelled test corpus with a model and score the result (--model and --test), \
        or score a file of predictions against a gold file (--gold and --predicted; both CoNLL, \
        with the same tokens in the same order, such as `tagger tag --format conll` output).

        Prints precision, recall and F1 over slot chunks (counted exactly as conlleval.pl counts \
        them), token accuracy, intent accuracy when the data has intents, a per-label table sorted \
        by support, and the most frequent errors. --json prints the same as one JSON object.

        With --model, the chunk scores are also split by vocabulary, after the overall scores \
        (JSON: "vocabularySplit"): a gold or predicted chunk is in-vocabulary when every one of \
        its tokens, normalised as the model normalises words, is in the model's training \
        vocabulary, and out-of-vocabulary otherwise. Scoring files (--gold and --predicted) \
        has no model vocabulary and so no split.

        With --model, also the calibration of the model's confidences: the expected calibration \
        error (10 bins) of the top intent's probability and of each predicted slot's confidence \
        (--plot writes their reliability diagrams as SVG; --uncalibrated ignores the bundle's \
        temperatures). --out-of-domain FILE tags a corpus of another domain too and reports how \
        well the top intent's probability separates the two (area under the ROC curve), the \
        share of each that falls back below --fallback-threshold, and the best threshold on \
        these data (choose thresholds on dev splits, never on test). --fit-temperature --dev \
        FILE fits the intent and slot temperatures on a dev split and stores them in the \
        model's config.json (nothing else in the bundle changes; labels and intents stay the same).

        Examples:
          evaluator --model models/atis-en --test corpora/atis/test.conll
          evaluator --gold corpora/atis/test.conll --predicted predicted.conll --json
          evaluator --model models/atis-en --test corpora/atis/dev.conll --out-of-domain corpora/snips/dev.conll
          evaluator --model models/atis-en --fit-temperature --dev corpora/atis/dev.conll
        """)

    @Option(help: ArgumentHelp("A model bundle to tag the test corpus with.", valueName: "dir"))
    var model: String?

    @Option(help: ArgumentHelp("A labelled test corpus (CoNLL or JSONL spans) to tag with --model.", valueName: "file"))
    var test: String?

    @Option(help: ArgumentHelp("The gold labels (CoNLL or JSONL spans), to compare with --predicted.", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("The predicted labels (CoNLL or JSONL spans, same tokens as --gold).", valueName: "file"))
    var predicted: String?

    @Option(name: .customLong("out-of-domain"), help: ArgumentHelp("A corpus of another domain (CoNLL or JSONL spans) to measure, with --model, how well the intent confidence tells it from --test.", valueName: "file"))
    var outOfDomain: String?

    @Option(name: .customLong("fallback-threshold"), help: ArgumentHelp("The fallback threshold at which --out-of-domain reports fallback rates.", valueName: "p"))
    var fallbackThreshold = Double(IntentFallback.defaultThreshold)

    @Option(help: ArgumentHelp("Write the reliability diagrams of the intent and slot confidences (with --model) to this SVG file.", valueName: "file"))
    var plot: String?

    @Flag(help: "Score the raw model's confidences, ignoring the temperatures stored in the bundle.")
    var uncalibrated = false

    @Flag(name: .customLong("fit-temperature"), help: "Fit the intent and slot temperatures on --dev and store them in the --model bundle's config.json.")
    var fitTemperature = false

    @Option(help: ArgumentHelp("The labelled dev corpus that --fit-temperature fits on.", valueName: "file"))
    var dev: String?

    @Flag(help: "Print the scores as one JSON object.")
    var json = false

    @Option(help: "How many of the most frequent errors to list.")
    var errors = 10

    @Option(help: "Worker threads for tagging with --model (default: one per processor core).")
    var threads: Int?

    func validate() throws {
        switch (model != nil, test != nil, gold != nil, predicted != nil) {
        case (true, true, false, false), (false, false, true, true): break
        case (true, false, false, false) where fitTemperature: break
        default:
            throw ValidationError("Give either --model and --test, or --gold and --predicted.")
        }
        if fitTemperature != (dev != nil) { throw ValidationError("--fit-temperature and --dev go together.") }
        if model == nil, outOfDomain != nil || plot != nil || uncalibrated || fitTemperature {
            throw ValidationError("--out-of-domain, --plot, --uncalibrated and --fit-temperature need --model.")
        }
        if test == nil, outOfDomain != nil || plot != nil { throw ValidationError("--out-of-domain and --plot need --test.") }
        if fitTemperature, uncalibrated { throw ValidationError("--fit-temperature stores temperatures; --uncalibrated ignores them.") }
        if !(0...1).contains(fallbackThreshold) { throw ValidationError("--fallback-threshold must be between 0 and 1.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    mutating func run() throws {
        let status = Diagnostics.run {
            if fitTemperature { try fitTemperatures() }
            guard model == nil || test != nil else { return }
            let report = try model != nil ? scoreModel() : scoreFiles()
            let standardOutput = LineWriter(fileDescriptor: 1, name: "<stdout>")
            try standardOutput.write(json ? report.jsonText() : report.text(maximumErrors: errors))
            try standardOutput.flush()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    private func scoreModel() throws -> EvaluationReport {
        guard let model, let test else { throw ValidationError("--model needs --test") }
        var tagger = try Tagger(contentsOf: model)
        if uncalibrated {
            var configuration = tagger.configuration
            configuration.calibration = nil
            tagger = Tagger(configuration: configuration, network: tagger.network)
        }
        let corpus = try Corpus(contentsOf: test, tokenizer: tagger.tokenizer)
        guard !corpus.sentences.isEmpty else { throw Self.noSentences(test) }
        let results = tagger.tag(tokenized: corpus.sentences.map { JoinedTokens.utterance($0.tokens) }, threads: threads)
        let hasIntents = !tagger.intents.isEmpty && corpus.sentences.contains { $0.intent != nil }
        let gold = corpus.sentences.map(\.labels), predicted = results.map { $0.tokens.map(\.label) }
        var report = try ChunkScorer.score(
            gold: gold, predicted: predicted,
            goldIntents: hasIntents ? corpus.sentences.map(\.intent) : [],
            predictedIntents: hasIntents ? results.map { $0.intent?.label } : [])
        report.vocabularySplit = VocabularySplit(
            tokens: corpus.sentences.map(\.tokens), gold: gold, predicted: predicted,
            isKnown: tagger.configuration.featurizer.isInTrainingVocabulary)
        let calibration = ConfidenceMeasures.calibration(gold: corpus.sentences, results: results, hasIntents: hasIntents)
        report.calibration = calibration
        if let plot {
            var panels = [(name: "slot chunks", reliability: calibration.chunks)]
            if let intents = calibration.intents { panels.insert((name: "intents", reliability: intents), at: 0) }
            let title = "Reliability of \(model) on \(test)" + (uncalibrated ? " (uncalibrated)" : "")
            try ConfidenceMeasures.write(ReliabilityDiagram.svg(panels, title: title), to: plot)
        }
        if let outOfDomain {
            guard hasIntents else {
                throw CLIError("\(test): --out-of-domain compares intent confidences, and this model or corpus has no intents", status: .dataError)
            }
            let other = try Corpus(contentsOf: outOfDomain, tokenizer: tagger.tokenizer)
            guard !other.sentences.isEmpty else { throw Self.noSentences(outOfDomain) }
            let otherResults = tagger.tag(tokenized: other.sentences.map { JoinedTokens.utterance($0.tokens) }, threads: threads)
            report.outOfDomain = OutOfDomainSeparation(
                inDomain: ConfidenceMeasures.topIntentConfidences(results),
                outOfDomain: ConfidenceMeasures.topIntentConfidences(otherResults), threshold: fallbackThreshold)
        }
        return report
    }

    /// Fits the temperatures on `--dev` and stores them in the bundle's `config.json`.
    private func fitTemperatures() throws {
        guard let model, let dev else { throw ValidationError("--fit-temperature needs --model and --dev") }
        let tagger = try Tagger(contentsOf: model)
        let corpus = try Corpus(contentsOf: dev, tokenizer: tagger.tokenizer)
        guard !corpus.sentences.isEmpty else { throw Self.noSentences(dev) }
        let calibration = TemperatureFitting.fit(tagger, sentences: corpus.sentences)
        var configuration = tagger.configuration
        configuration.calibration = calibration
        try ModelBundle<ModelConfiguration>.replaceConfiguration(in: model, with: configuration)
        Diagnostics.note("\(model): intent temperature \(calibration.intentTemperature), slot temperature "
            + "\(calibration.slotTemperature), fitted on \(dev), stored in config.json")
    }

    private func scoreFiles() throws -> EvaluationReport {
        guard let gold, let predicted else { throw ValidationError("--gold needs --predicted") }
        // Either file may be CoNLL or JSONL spans (detected by extension and content): a JSONL
        // file read as CoNLL would be a single token per line and score nonsense.
        let goldCorpus = try Corpus(contentsOf: gold)
        let predictedCorpus = try Corpus(contentsOf: predicted)
        let goldSentences = goldCorpus.sentences, predictedSentences = predictedCorpus.sentences
        guard !goldSentences.isEmpty else { throw Self.noSentences(gold) }
        guard goldSentences.count == predictedSentences.count else {
            throw CLIError(
                "\(predicted): \(predictedSentences.count) sentences but \(gold) has \(goldSentences.count); "
                + "predict every gold sentence, in order", status: .dataError)
        }
        for (goldSentence, predictedSentence) in zip(goldSentences, predictedSentences)
        where goldSentence.tokens != predictedSentence.tokens {
            throw CLIError(
                "\(predicted):\(predictedSentence.line): tokens differ from \(gold):\(goldSentence.line); "
                + "the files must hold the same tokens in the same order", status: .dataError)
        }
        let hasIntents = goldSentences.contains { $0.intent != nil }
        return try ChunkScorer.score(
            gold: goldSentences.map(\.labels), predicted: predictedSentences.map(\.labels),
            goldIntents: hasIntents ? goldSentences.map(\.intent) : [],
            predictedIntents: hasIntents ? predictedSentences.map(\.intent) : [])
    }

    /// An input file without a single sentence: nothing to score (exit 65).
    private static func noSentences(_ path: String) -> CLIError {
        CLIError("\(path): no sentences to score; give a labelled CoNLL or JSONL file", status: .dataError)
    }
}
