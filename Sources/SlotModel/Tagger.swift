import SlotMath
import SlotLayers
import SlotText
import SlotValues

/// A trained model ready to tag utterances: load it once, then call it from
/// any number of threads.
///
/// ```swift
/// let tagger = try Tagger(contentsOf: "models/atis-en")
/// let result = tagger.tag("leave Beijing on November 2nd")
/// result.slot("fromloc.city_name")?.text   // "Beijing"
/// result.intent?.label                     // "atis_flight"
/// ```
///
/// `Tagger` is an immutable value: it holds no locks and no caches that
/// change, so concurrent calls give exactly the results of serial ones.
///
/// Tagging one utterance runs the network on it alone; ``tag(_:threads:)``
/// tags many utterances in batches of 32 (one matrix product per layer and
/// batch) spread over several threads, which is several times faster per
/// utterance.
public struct Tagger: Sendable {
    /// The model's configuration: architecture, vocabularies, labels, provenance.
    package let configuration: ModelConfiguration
    /// The network's weights.
    package let network: TaggingNetwork
    /// The tokenizer the model was trained with (``ModelConfiguration/tokenizer``).
    public let tokenizer: Tokenizer
    /// The BIO constraints applied when decoding: no `I-X` after `O` or after
    /// another type, no `I-X` at the start.
    package let constraints: TransitionConstraints
    /// The CRF decoder, prepared once (transition exponentials, constraints) for every call.
    package let decoder: CRFDecoder?
    /// The character features of the vocabulary's words, each computed the
    /// first time a sentence needs it and kept (`nil` for a model without
    /// character features). Copies of the tagger share it.
    package let characterTable: CharacterFeatureTable?
    /// The first encoder layer's input projections of the vocabulary's words,
    /// each computed the first time a sentence needs it and kept (`nil` for a
    /// model with context features, whose inputs depend on neighbours).
    /// Copies of the tagger share it.
    package let projectionTable: InputProjectionTable?
    /// The rule that replaces an uncertain best intent by a reserved one
    /// (`nlu_fallback`), or `nil` (the default) to always report the model's
    /// best intent. Set it on a copy before sharing the tagger:
    /// `var tagger = try Tagger(contentsOf: …); tagger.intentFallback = IntentFallback(threshold: 0.6)`.
    public var intentFallback: IntentFallback?
    /// The temperatures applied to confidences (``ModelConfiguration/calibration``,
    /// or ``Calibration/identity`` for a bundle without one).
    package let calibration: Calibration
    /// The CRF decoder over scores divided by the slot temperature, for
    /// confidences (`nil` when the slot temperature is 1 or the output is a softmax).
    let calibratedDecoder: CRFDecoder?
    /// Joins the abbreviations the vocabulary knows to their periods ("St." stays one token).
    let abbreviations: AbbreviationMerger

    /// Creates a tagger from a configuration and a network built for it.
    ///
    /// The first tagger a process creates makes OpenBLAS compute each product
    /// on the calling thread, once for the process (``blasSetUp``). The
    /// tagger's copy of `network` keeps its recurrent and emission weights transposed for
    /// the direct kernel (``TaggingNetwork/prepareForInference()``).
    ///
    /// - Parameters:
    ///   - configuration: the model's configuration.
    ///   - network: a network whose sizes match `configuration`.
    package init(configuration: ModelConfiguration, network: TaggingNetwork) {
        Self.blasSetUp
        self.configuration = configuration
        var network = network
        network.prepareForInference()
        self.network = network
        tokenizer = Tokenizer(mode: configuration.tokenizer)
        let constraints = TransitionConstraints(bioLabels: configuration.featurizer.labels)
        self.constraints = constraints
        decoder = network.crf.map { CRFDecoder($0, constraints: constraints) }
        let calibration = configuration.calibration ?? .identity
        self.calibration = calibration
        calibratedDecoder = calibration.slotTemperature == 1
            ? nil : network.crf.map { CRFDecoder($0.scaled(by: 1 / calibration.slotTemperature), constraints: constraints) }
        let featurizer = configuration.featurizer
        abbreviations = AbbreviationMerger(featurizer: featurizer)
        let wordForms = featurizer.words.entries.map(featurizer.characterIds(of:))
        characterTable = network.characters.map { _ in CharacterFeatureTable(words: wordForms) }
        projectionTable = network.context == nil ? InputProjectionTable(words: wordForms) : nil
    }

    /// The labels the model can give, in id order (`O`, `B-…`, `I-…`).
    public var labels: [String] { configuration.featurizer.labels }
    /// The intents the model knows, in id order (empty without an intent head).
    public var intents: [String] { configuration.featurizer.intents }

    /// Splits an utterance into the tokens the model reads: the
    /// ``tokenizer``'s tokens, except that a word and the period right after
    /// it stay one token when the model's vocabulary holds the word with its
    /// period ("St." in "leave St. Louis", which ATIS writes "st."), so
    /// abbreviations read as they were trained. Offsets stay exact.
    ///
    /// - Parameter text: the utterance.
    /// - Returns: its tokens, in order.
    public func tokenize(_ text: String) -> [Token] {
        abbreviations.merge(tokenizer.tokenize(text), in: text)
    }

    /// Tokenizes (with ``tokenize(_:)``) and tags one utterance, resolving values against the
    /// current moment in UTC (see ``tag(_:resolving:)``).
    ///
    /// - Parameter text: the utterance; an empty one (or one of spaces) gives
    ///   a result without tokens, slots or intent.
    /// - Returns: the tokens with their labels, the slots with their values,
    ///   and the intent.
    public func tag(_ text: String) -> TaggingResult {
        tag(text, resolving: ResolutionOptions())
    }

    /// Tokenizes and tags one utterance, resolving values against a reference moment.
    ///
    /// ```swift
    /// let reference = ReferenceTime(date: CivilDate(year: 2026, month: 10, day: 28)!)
    /// let result = tagger.tag("leave Beijing on November 2nd", resolving: ResolutionOptions(reference: reference))
    /// result.slot("depart_date.day_number")?.value?.value   // "2026-11-02"
    /// ```
    ///
    /// - Parameters:
    ///   - text: the utterance; an empty one (or one of spaces) gives a
    ///     result without tokens, slots or intent.
    ///   - options: the reference moment dates and times resolve against
    ///     (default: now, in UTC) and the currency of bare amounts.
    /// - Returns: the tokens with their labels, the slots with their values,
    ///   and the intent.
    public func tag(_ text: String, resolving options: ResolutionOptions) -> TaggingResult {
        tag(tokens: tokenize(text), in: text, resolving: options)
    }

    /// Tags already-tokenized text, resolving values against the current moment in UTC.
    ///
    /// - Parameters:
    ///   - tokens: tokens of `text`, in order (for example from
    ///     ``Tokenizer/splitAtSeparators(_:)`` for pre-tokenized input).
    ///   - text: the text the tokens' ranges point into.
    /// - Returns: the tokens with their labels, the slots and the intent.
    public func tag(tokens: [Token], in text: String) -> TaggingResult {
        tag(tokens: tokens, in: text, resolving: ResolutionOptions())
    }

    /// Tags already-tokenized text, resolving values against a reference moment.
    ///
    /// - Parameters:
    ///   - tokens: tokens of `text`, in order.
    ///   - text: the text the tokens' ranges point into.
    ///   - options: the reference moment and default currency for values.
    /// - Returns: the tokens with their labels, the slots and the intent.
    public func tag(tokens: [Token], in text: String, resolving options: ResolutionOptions) -> TaggingResult {
        tag(batch: [(text, tokens)], resolving: options)[0]
    }

    /// Tokenizes (with ``tokenize(_:)``) and tags many utterances, in batches
    /// spread over `threads` threads.
    ///
    /// - Parameters:
    ///   - texts: the utterances.
    ///   - threads: how many threads to use; `nil` (the default) uses one per
    ///     active processor core.
    ///   - options: the reference moment and default currency for values.
    /// - Returns: one result per utterance, in input order: exactly what
    ///   ``tag(_:resolving:)`` gives for each, to the last bit of every
    ///   confidence, whatever the batches and `threads` (each sentence's
    ///   products are computed apart from its neighbours').
    public func tag(_ texts: [String], threads: Int? = nil, resolving options: ResolutionOptions = ResolutionOptions()) -> [TaggingResult] {
        Workers.mapChunks(count: texts.count, chunkSize: Self.batchSize, threads: threads ?? Workers.defaultCount) { range in
            tag(batch: texts[range].map { ($0, tokenize($0)) }, resolving: options)
        }
    }

    /// Tags many tokenized utterances, in batches spread over `threads` threads.
    ///
    /// - Parameters:
    ///   - utterances: each utterance's text and its tokens.
    ///   - threads: how many threads to use; `nil` (the default) uses one per
    ///     active processor core.
    ///   - options: the reference moment and default currency for values.
    /// - Returns: one result per utterance, in input order.
    public func tag(
        tokenized utterances: [(text: String, tokens: [Token])], threads: Int? = nil,
        resolving options: ResolutionOptions = ResolutionOptions()
    ) -> [TaggingResult] {
        Workers.mapChunks(count: utterances.count, chunkSize: Self.batchSize, threads: threads ?? Workers.defaultCount) { range in
            tag(batch: Array(utterances[range]), resolving: options)
        }
    }

    /// Tags a batch of tokenized utterances in one pass through the network,
    /// on the calling thread.
    ///
    /// - Parameters:
    ///   - batch: each utterance's text and its tokens.
    ///   - options: the reference moment and default currency for values.
    /// - Returns: one result per utterance, in input order.
    package func tag(batch: [(text: String, tokens: [Token])], resolving options: ResolutionOptions = ResolutionOptions()) -> [TaggingResult] {
        let nonEmpty = batch.indices.filter { !batch[$0].tokens.isEmpty }
        let encoded = nonEmpty.map { configuration.featurizer.encode(tokens: batch[$0].tokens.map(\.text)) }
        let predictions = network.predict(
            encoded, constraints: constraints, decoder: decoder, confidences: true, characterTable: characterTable,
            projectionTable: projectionTable, calibration: calibration, calibratedDecoder: calibratedDecoder)
        var results = batch.map { TaggingResult(text: $0.text, tokens: [], slots: [], intent: nil) }
        for (position, index) in nonEmpty.enumerated() {
            results[index] = resolvingValues(
                result(text: batch[index].text, tokens: batch[index].tokens, prediction: predictions[position]), options: options)
        }
        return results
    }

    /// Makes OpenBLAS run each product on the calling thread, once per process
    /// (a `static let` is initialised once, thread-safely): a tagger's products
    /// are small, and BLAS's own threads would only compete with the threads
    /// of the batch calls and of a server's requests.
    private static let blasSetUp: Void = GEMM.useCallingThreadOnly()

    /// Utterances per network pass in the batch calls.
    static let batchSize = 32

    private func result(text: String, tokens: [Token], prediction: Prediction) -> TaggingResult {
        guard let posterior = prediction.posterior else {
            preconditionFailure("predict(confidences: true) gives a posterior for every sentence")
        }
        let tagged = taggedTokens(tokens, labelIds: prediction.labelIds, posterior: posterior)
        let slots = SlotAssembler.slots(text: text, tokens: tagged) {
            chunkConfidence($0, labelIds: prediction.labelIds, posterior: posterior)
        }
        let ranking = intentRanking(prediction.intentProbabilities)
        let intent = intentFallback.map { $0.intent(for: ranking) } ?? ranking.first
        return TaggingResult(text: text, tokens: tagged, slots: slots, intent: intent, intentRanking: ranking)
    }

    /// Every intent with its probability, best first; equal probabilities
    /// keep the model's intent order.
    func intentRanking(_ probabilities: [Float]) -> [Intent] {
        let intents = configuration.featurizer.intents
        return probabilities.indices
            .sorted { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
            .map { Intent(label: intents[$0], confidence: probabilities[$0]) }
    }

    /// The tokens with the labels `labelIds` and their marginal probabilities.
    func taggedTokens(_ tokens: [Token], labelIds: [Int], posterior: CRFPosterior) -> [TaggedToken] {
        let confidences = posterior.tokenConfidences(for: labelIds)
        return tokens.indices.map {
            TaggedToken(token: tokens[$0], label: labels[labelIds[$0]], confidence: Float(confidences[$0]))
        }
    }

    /// The probability that exactly the chunk over `span` (with its labels
    /// in `labelIds`) is in the sentence: the span carries these labels and
    /// the token after it does not continue the chunk.
    func chunkConfidence(_ span: Range<Int>, labelIds: [Int], posterior: CRFPosterior) -> Float {
        let spanLabels = Array(labelIds[span])
        let continuations = constraints.continuationLabels(of: spanLabels[spanLabels.count - 1])
        return Float(posterior.spanProbability(start: span.lowerBound, labels: spanLabels, excludingNext: continuations))
    }
}
