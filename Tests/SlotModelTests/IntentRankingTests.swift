import Testing
import SlotModel

@Suite("Tagger: intent ranking and fallback")
struct IntentRankingTests {
    static let texts = ["leave beijing on november 2nd", "from new york to beijing", "on", "november 2nd from new york"]

    @Test("The ranking holds every intent once, best first, its probabilities sum to 1, and the intent is its first")
    func rankingOrder() throws {
        let tagger = TestTaggers.atis
        for text in Self.texts + ["show me flights from denver to boston"] {
            let result = tagger.tag(text)
            let ranking = result.intentRanking
            #expect(ranking.map(\.label).sorted() == tagger.intents.sorted())
            #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
            let sum = ranking.reduce(Float(0)) { $0 + $1.confidence }
            #expect(abs(sum - 1) < 1e-5, "probabilities sum to \(sum)")
            #expect(result.intent == ranking.first)
            #expect(!result.isFallback)
        }
    }

    @Test("The ranking's probabilities are the network's softmax, intent by intent")
    func rankingMatchesNetwork() throws {
        let tagger = TestTaggers.small()
        let text = Self.texts[0]
        let encoded = tagger.configuration.featurizer.encode(tokens: tagger.tokenizer.tokenize(text).map(\.text))
        let prediction = try #require(tagger.network.predict([encoded], constraints: tagger.constraints, confidences: false).first)
        let ranking = tagger.tag(text).intentRanking
        for intent in ranking {
            let id = try #require(tagger.configuration.featurizer.intentId(intent.label))
            #expect(intent.confidence == prediction.intentProbabilities[id])
        }
        #expect(ranking.first?.label == prediction.intentId.map { tagger.intents[$0] })
    }

    @Test("Below the threshold the intent is nlu_fallback with the threshold as confidence, and the ranking is kept")
    func fallbackBelowThreshold() throws {
        var tagger = TestTaggers.atis
        let plain = tagger.tag(Self.texts[1])
        let best = try #require(plain.intentRanking.first)
        tagger.intentFallback = IntentFallback(threshold: min(1, best.confidence + 0.01))
        let fallen = tagger.tag(Self.texts[1])
        #expect(fallen.intent == Intent(label: "nlu_fallback", confidence: min(1, best.confidence + 0.01)))
        #expect(fallen.isFallback)
        #expect(fallen.intentRanking == plain.intentRanking)
        #expect(fallen.slots == plain.slots)
        tagger.intentFallback = IntentFallback(threshold: best.confidence)
        #expect(tagger.tag(Self.texts[1]).intent == best, "a probability equal to the threshold is kept")
        tagger.intentFallback = IntentFallback(threshold: 0, name: "out_of_scope")
        #expect(tagger.tag(Self.texts[1]).intent == best)
    }

    @Test("Batch tagging applies the fallback too; an empty utterance has no intent and no ranking")
    func fallbackInBatches() {
        var tagger = TestTaggers.atis
        tagger.intentFallback = IntentFallback(threshold: 1)
        let results = tagger.tag(Self.texts + [""], threads: 2)
        #expect(results.dropLast().allSatisfy { $0.intent?.label == IntentFallback.defaultName && $0.isFallback })
        #expect(results.last?.intent == nil)
        #expect(results.last?.intentRanking.isEmpty == true)
        #expect(results.last?.isFallback == false)
    }
}
