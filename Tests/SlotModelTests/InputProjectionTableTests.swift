import SlotModel
import Testing

/// The first layer's input projections kept per word give the same bits as
/// projecting every token: labels, token confidences and intent
/// probabilities, whether the table is empty, partly filled or warm.
@Suite("Input projections kept per word", .tags(.slow), .skippedWhenFast)
struct InputProjectionTableTests {
    @Test("Tagging with the table equals tagging without it, bit for bit, cold and warm")
    func tableChangesNoBit() throws {
        let tagger = try Tagger(contentsOf: ShippedModelTests.modelDirectory)
        let table = try #require(tagger.projectionTable, "a model without context features keeps projections")
        #expect(table.count == 0, "nothing is projected when the model loads")
        // Unknown words ("zorblax") are projected every time and never kept.
        let texts = try BatchIndependenceTests.utterances(60) + ["fly zorblax to boston", "zorblax zorblax"]
        let encoded = texts.map { tagger.configuration.featurizer.encode(tokens: tagger.tokenize($0).map(\.text)) }
        func predict(_ batch: [EncodedSentence], table: InputProjectionTable?) -> [Prediction] {
            tagger.network.predict(
                batch, constraints: tagger.constraints, decoder: tagger.decoder, confidences: true,
                characterTable: tagger.characterTable, projectionTable: table)
        }
        func same(_ a: [Prediction], _ b: [Prediction]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { x, y in
                x.labelIds == y.labelIds && x.intentId == y.intentId
                    && x.confidences.map(\.bitPattern) == y.confidences.map(\.bitPattern)
                    && x.intentProbabilities.map(\.bitPattern) == y.intentProbabilities.map(\.bitPattern)
            }
        }
        let expected = predict(encoded, table: nil)
        // Cold: the first half one sentence at a time, then everything in one batch (half kept, half new).
        let firstHalf = encoded[..<30].flatMap { predict([$0], table: table) }
        #expect(same(firstHalf, Array(expected[..<30])))
        let kept = table.count
        #expect(kept > 0)
        #expect(same(predict(encoded, table: table), expected), "partly warm")
        #expect(same(predict(encoded, table: table), expected), "warm")
        let vocabulary = Set(tagger.configuration.featurizer.words.entries)
        let distinctKnown = Set(texts.flatMap { tagger.tokenize($0).map { String($0.text) } }.filter { vocabulary.contains($0) })
        #expect(table.count <= distinctKnown.count, "only vocabulary words are kept")
        #expect(table.count > kept)
    }
}
