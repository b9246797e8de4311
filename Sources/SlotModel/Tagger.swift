import SlotMath
import SlotLayers
import SlotText

/// A trained model ready to tag utterances: load it once, then call it from
/// any number of threads.
///
/// ```swift
/// let tagger = try Tagger(contentsOf: "models/atis-en")
/// let result = tagger.tag("leave Beijing on November 2nd")
/// result.slot("fromloc.city_name")?.text   // "Beijing"
/// result.intent?.label                     // "atis_flight"
/// ```
/// `Tagger` is an immutable value: it holds no locks and no caches that
/// change, so concurrent calls give exactly the results of serial ones.
public struct Tagger: Sendable {
    /// The model's configuration: architecture, vocabularies, labels, provenance.
    public let configuration: ModelConfiguration
    /// The network's weights.
    public let network: TaggingNetwork
    /// The tokenizer the model was trained with.
    public let tokenizer: Tokenizer
    /// The BIO constraints applied when decoding.
    public let constraints: TransitionConstraints

    /// Creates a tagger from a configuration and a network built for it.
    public init(configuration: ModelConfiguration, network: TaggingNetwork) {
        self.configuration = configuration
        self.network = network
        tokenizer = Tokenizer(mode: configuration.tokenizer)
        constraints = TransitionConstraints(bioLabels: configuration.featurizer.labels)
    }

    /// The labels the model can give, in id order.
    public var labels: [String] { configuration.featurizer.labels }
    /// The intents the model knows, in id order (empty without an intent head).
    public var intents: [String] { configuration.featurizer.intents }

    /// Tokenizes and tags one utterance.
    public func tag(_ text: String) -> TaggingResult {
        tag(tokens: tokenizer.tokenize(text), in: text)
    }

    /// Tags already-tokenized text: `tokens` must be tokens of `text` (for
    /// example from ``Tokenizer/splitAtSeparators(_:)`` for pre-tokenized input).
    public func tag(tokens: [Token], in text: String) -> TaggingResult {
        tag(batch: [(text, tokens)])[0]
    }

    /// Tags many utterances, spreading them over `threads` threads; results are in input order.
    public func tag(_ texts: [String], threads: Int = 2) -> [TaggingResult] {
        let tokenizer = self.tokenizer
        return Workers.mapChunks(count: texts.count, chunkSize: 32, threads: threads) { range in
            tag(batch: texts[range].map { ($0, tokenizer.tokenize($0)) })
        }
    }

    /// Tags a batch of tokenized utterances in one pass through the network.
    public func tag(batch: [(text: String, tokens: [Token])]) -> [TaggingResult] {
        let nonEmpty = batch.indices.filter { !batch[$0].tokens.isEmpty }
        let encoded = nonEmpty.map { configuration.featurizer.encode(tokens: batch[$0].tokens.map(\.text)) }
        let predictions = network.predict(encoded, constraints: constraints, confidences: true)
        var results = batch.map { TaggingResult(text: $0.text, tokens: [], slots: [], intent: nil) }
        for (position, index) in nonEmpty.enumerated() {
            results[index] = result(text: batch[index].text, tokens: batch[index].tokens, prediction: predictions[position])
        }
        return results
    }

    private func result(text: String, tokens: [Token], prediction: Prediction) -> TaggingResult {
        let labels = prediction.labelIds.map { configuration.featurizer.labels[$0] }
        let tagged = tokens.indices.map { TaggedToken(token: tokens[$0], label: labels[$0], confidence: prediction.confidences[$0]) }
        let slots = SlotAssembler.slots(text: text, tokens: tagged)
        let intent = prediction.intentId.map {
            Intent(label: configuration.featurizer.intents[$0], confidence: prediction.intentProbabilities[$0])
        }
        return TaggingResult(text: text, tokens: tagged, slots: slots, intent: intent)
    }
}
