import ArgumentParser
import SlotCommandLine
import SlotTagger

/// `tagger tag`: the slots and intent of every input line.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Find the slots and intent of each input line with a trained model.",
        discussion: """
            Each input line is one utterance, tokenized with the model's own tokenizer \
            settings (or split at spaces with --pretokenized), and gives one record, in input \
            order; an empty line gives an empty record. Output for a line is written and \
            flushed before the next line is read when the input is a terminal or a pipe that \
            delivers lines one by one, so a chatbot can keep `tagger tag` open as a \
            co-process; files are tagged in batches with every thread.

            jsonl writes {"text", "tokens": [{"text", "start", "end", "label", "confidence"}], \
            "slots": [{"label", "text", "start", "end", "confidence"}], "intent": {"label", \
            "confidence"}}, offsets in Unicode scalars of text, end exclusive; a slot's \
            confidence is the probability that exactly that chunk is in the utterance. A slot \
            naming a date, time, number or amount has a "value" ({"type", "value"} with ISO 8601 \
            or decimal text, e.g. {"type": "date", "value": "2026-11-02", "grain": "day"}), shared \
            by sibling slots that make one value (month and day); "values" lists these groups \
            ({"name", "members", "value"}). Dates resolve forward from --reference-date (default \
            today in --time-zone, default UTC). A model with a synonym table adds "canonical". \
            "intent_ranking": [{"name", "confidence"}] follows "intent": the 10 most probable \
            intents (--intent-ranking K for K of them). With --fallback-threshold P, an utterance \
            whose best intent is below probability P gets the intent nlu_fallback (confidence P) \
            and keeps its ranking; --fallback uses the threshold chosen on the dev splits. \
            --nbest K adds "nbest": the K most probable labellings with their probabilities \
            (K at most 100). \
            conll writes what `evaluator --predicted` reads; inline writes the text with \
            [slots]{types} and the intent. A text line that looks like an annotated CoNLL line \
            (token<TAB>label) stops tagging with exit status 65 and a hint to use \
            --input-format conll, since tagging it as an utterance would give one meaningless \
            record per token.

            An utterance of more than --max-tokens tokens (default 1000) stops the run with \
            exit 65 naming its line, after the records of the lines before it: it is not \
            tagged in windows, because labels and an intent from a window that lacks the rest \
            of the utterance would look as trustworthy as any other record; the limit keeps \
            memory for one utterance bounded (about 12 KB per token with the shipped model).

            Without --model the default model is used: the directory in $SLOT_TAGGER_MODEL, \
            else models/atis-en in the checkout the executable was built in, else \
            ../share/slot-tagger/models/atis-en next to the executable's directory \
            (make install), else ./models/atis-en.

            Examples:
              $ echo "leave Beijing on November 2nd" | tagger tag --format inline
              leave [Beijing]{fromloc.city_name} on [November]{depart_date.month_name} [2nd]{depart_date.day_number} => atis_flight (1.0)
              $ tagger tag --input-format conll --format conll corpora/atis/test.conll > predicted.conll
            """
    )

    @Option(help: ArgumentHelp("The model bundle to use (default: the shipped models/atis-en).", valueName: "dir"))
    var model: String?

    @Option(help: "The output format: 'jsonl' for one JSON record per line, 'conll' for token<TAB>label lines, 'inline' for the text with [slots]{types}.")
    var format: TagFormat = .jsonl

    @Option(name: .customLong("input-format"), help: "The input: 'text' for one utterance per line, 'conll' to re-tag the tokens in the first column of a CoNLL file (its labels and intents are replaced by the predicted ones).")
    var inputFormat: TagInputFormat = .text

    @Flag(help: "Split text input at spaces only instead of using the model's tokenizer.")
    var pretokenized = false

    @Option(name: .customLong("nbest"), help: ArgumentHelp("Add the K most probable labellings with their probabilities to each jsonl record.", valueName: "k"))
    var nBest: Int?

    @Option(name: .customLong("intent-ranking"), help: ArgumentHelp("How many intents each jsonl record's intent_ranking lists, best first (0 gives an empty list).", valueName: "k"))
    var intentRanking = TaggingResult.defaultIntentRankingLength

    @OptionGroup
    var fallback: FallbackOptions

    @Option(help: ArgumentHelp("The most tokens an utterance may have; a longer one is an error naming its line.", valueName: "n"))
    var maxTokens = 1000

    @Option(help: "Threads used to tag large inputs (default: one per processor core).")
    var threads: Int?

    @OptionGroup
    var reference: ReferenceOptions

    @OptionGroup
    var input: InputOptions

    func validate() throws {
        if let nBest, !(1...Self.maximumNBest).contains(nBest) { throw ValidationError("--nbest must be from 1 to \(Self.maximumNBest).") }
        if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
        if nBest != nil, format != .jsonl { throw ValidationError("--nbest needs --format jsonl.") }
        if intentRanking < 0 { throw ValidationError("--intent-ranking must be at least 0.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if inputFormat == .conll, pretokenized { throw ValidationError("--pretokenized applies to text input only; CoNLL input is already tokenized.") }
        if inputFormat == .conll, input.lossy { throw ValidationError("--lossy applies to text input only.") }
    }

    /// The most labellings `--nbest` lists.
    static let maximumNBest = 100

    func run() throws {
        let output = LineWriter(fileDescriptor: 1, name: "<stdout>")
        try ErrorReporting.run(suggestsLossy: inputFormat == .text) {
            var tagger = try Tagger(contentsOf: model ?? Tagger.defaultModelDirectory())
            tagger.intentFallback = fallback.intentFallback
            let pipeline = TagPipeline(
                tagger: tagger, format: format, nBest: nBest, intentRanking: intentRanking, threads: threads,
                resolution: reference.resolution, output: output)
            do {
                switch inputFormat {
                case .text:
                    let pretokenized = self.pretokenized, maxTokens = self.maxTokens
                    let summary = try input.forEachLine(flush: pipeline.flush) { text, place in
                        if CoNLLLineCheck.looksLikeCoNLL(text) { throw CoNLLLineCheck.error(at: place) }
                        let tokens = pretokenized ? Tokenizer.splitAtSeparators(text) : tagger.tokenize(text)
                        guard tokens.count <= maxTokens else {
                            throw CLIError(
                                "\(place): \(tokens.count) tokens, more than --max-tokens \(maxTokens); "
                                + "split the utterance or raise --max-tokens", status: .dataError)
                        }
                        try pipeline.add(text, tokens: tokens)
                    }
                    try pipeline.flush()
                    if let note = summary.lossyNote { Diagnostics.note(note) }
                case .conll:
                    for path in input.paths {
                        let reader = try LineReader(contentsOf: path)
                        reader.beforeRead = pipeline.flush
                        _ = try CoNLLReader.forEachSentence(in: reader, scheme: .bioes) { sentence in
                            guard sentence.tokens.count <= maxTokens else {
                                throw CLIError(
                                    "\(path):\(sentence.line): \(sentence.tokens.count) tokens, more than --max-tokens \(maxTokens); "
                                    + "split the sentence or raise --max-tokens", status: .dataError)
                            }
                            let utterance = JoinedTokens.utterance(sentence.tokens)
                            try pipeline.add(utterance.text, tokens: utterance.tokens)
                        }
                    }
                    try pipeline.flush()
                }
            } catch {
                try? pipeline.flush()
                throw error
            }
        }
    }
}
