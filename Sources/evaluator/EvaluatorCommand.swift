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

        Examples:
          evaluator --model models/atis-en --test corpora/atis/test.conll
          evaluator --gold corpora/atis/test.conll --predicted predicted.conll --json
        """)

    @Option(help: ArgumentHelp("A model bundle to tag the test corpus with.", valueName: "dir"))
    var model: String?

    @Option(help: ArgumentHelp("A labelled test corpus (CoNLL or JSONL spans) to tag with --model.", valueName: "file"))
    var test: String?

    @Option(help: ArgumentHelp("The gold labels (CoNLL or JSONL spans), to compare with --predicted.", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("The predicted labels (CoNLL or JSONL spans, same tokens as --gold).", valueName: "file"))
    var predicted: String?

    @Flag(help: "Print the scores as one JSON object.")
    var json = false

    @Option(help: "How many of the most frequent errors to list.")
    var errors = 10

    @Option(help: "Worker threads for tagging with --model (default: one per processor core).")
    var threads: Int?

    func validate() throws {
        switch (model != nil, test != nil, gold != nil, predicted != nil) {
        case (true, true, false, false), (false, false, true, true): break
        default:
            throw ValidationError("Give either --model and --test, or --gold and --predicted.")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    mutating func run() throws {
        let status = Diagnostics.run {
            let report = try model != nil ? scoreModel() : scoreFiles()
            let standardOutput = LineWriter(fileDescriptor: 1, name: "<stdout>")
            try standardOutput.write(json ? report.jsonText() : report.text(maximumErrors: errors))
            try standardOutput.flush()
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    private func scoreModel() throws -> EvaluationReport {
        guard let model, let test else { throw ValidationError("--model needs --test") }
        let tagger = try Tagger(contentsOf: model)
        let corpus = try Corpus(contentsOf: test, tokenizer: tagger.tokenizer)
        guard !corpus.sentences.isEmpty else { throw Self.noSentences(test) }
        let outputs = tagger.label(tokens: corpus.sentences.map(\.tokens), threads: threads)
        let hasIntents = !tagger.intents.isEmpty && corpus.sentences.contains { $0.intent != nil }
        return try ChunkScorer.score(
            gold: corpus.sentences.map(\.labels), predicted: outputs.map(\.labels),
            goldIntents: hasIntents ? corpus.sentences.map(\.intent) : [],
            predictedIntents: hasIntents ? outputs.map(\.intent) : [])
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
