import SlotTagger

/// The answer of Rasa's NLU HTTP API (`POST /model/parse`), built from a
/// tagging result, so that a bot written against a Rasa server reads it
/// unchanged:
///
/// ```json
/// {"text": "flights to denver",
///  "intent": {"name": "atis_flight", "confidence": 0.99},
///  "entities": [{"entity": "toloc.city_name", "start": 11, "end": 17, "value": "denver",
///                "confidence_entity": 0.98, "extractor": "slot-tagger"}],
///  "intent_ranking": [{"name": "atis_flight", "confidence": 0.99}, {"name": "atis_airfare", "confidence": 0.004}, …]}
/// ```
/// `start` and `end` count Unicode scalars, as Rasa's Python `str` offsets
/// do; `value` is the slot's exact text. `intent_ranking` holds the model's
/// best intents (at most ``TaggingResult/defaultIntentRankingLength``, as
/// Rasa's classifiers rank 10 by default); when the tagger falls back, the
/// fallback intent comes first in it, as Rasa's FallbackClassifier puts it.
/// `intent` is absent, and `intent_ranking` empty, when the result has no
/// intent (an empty text or a model without an intent head), as Rasa's
/// published schema allows.
struct RasaParseResult: Encodable, Sendable {
    /// An intent with its probability.
    struct Intent: Encodable, Sendable {
        var name: String
        var confidence: Double
    }

    /// A slot as Rasa names an entity.
    struct Entity: Encodable, Sendable {
        var entity: String
        var start: Int
        var end: Int
        var value: String
        var confidence_entity: Double
        var extractor: String
    }

    var text: String
    var intent: Intent?
    var entities: [Entity]
    var intent_ranking: [Intent]

    /// The name written in every entity's `extractor`.
    static let extractor = "slot-tagger"

    /// Rasa's view of `result`.
    init(_ result: TaggingResult) {
        text = result.text
        let intent = result.intent.map { Intent(name: $0.label, confidence: Self.rounded($0.confidence)) }
        self.intent = intent
        let ranking = result.intentRanking.prefix(TaggingResult.defaultIntentRankingLength).map {
            Intent(name: $0.label, confidence: Self.rounded($0.confidence))
        }
        intent_ranking = result.isFallback ? intent.map { [$0] + ranking } ?? ranking : ranking
        entities = result.slots.map { slot in
            Entity(entity: slot.label, start: slot.scalarOffsets.lowerBound, end: slot.scalarOffsets.upperBound,
                   value: String(slot.text), confidence_entity: Self.rounded(slot.confidence), extractor: Self.extractor)
        }
    }

    /// A probability rounded to 4 decimals, as the JSONL records give them.
    static func rounded(_ value: Float) -> Double {
        (Double(value) * 10_000).rounded() / 10_000
    }
}
