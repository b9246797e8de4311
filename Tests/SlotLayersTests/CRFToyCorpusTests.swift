import SlotLayers
import SlotMath
import SlotTestSupport
import Testing

/// The toy slot corpus is well formed for the CRF: its gold sequences obey
/// the BIO constraints of its own label set, and context decides the labels
/// of the same city.
@Suite struct CRFToyCorpusTests {
    @Test func corpusHasTheAdvertisedShape() {
        let sentences = ToySlotCorpus.sentences
        #expect(sentences.count == 20)
        #expect(ToySlotCorpus.intents == ["atis_airfare", "atis_flight", "atis_ground_service"])
        #expect(ToySlotCorpus.labels.first == "O")
        #expect(Set(ToySlotCorpus.labels).count == ToySlotCorpus.labels.count)
        #expect(sentences.allSatisfy { $0.intent != nil && $0.tokens.count == $0.labels.count })
    }

    @Test func leaveAndArriveGiveTheSameCityDifferentLabels() throws {
        let leave = try #require(ToySlotCorpus.sentences.first { $0.tokens.starts(with: ["i", "want", "to", "leave"]) })
        let arrive = try #require(ToySlotCorpus.sentences.first { $0.tokens.starts(with: ["i", "want", "to", "arrive"]) })
        let leaveIndex = try #require(leave.tokens.firstIndex(of: "boston"))
        let arriveIndex = try #require(arrive.tokens.firstIndex(of: "boston"))
        #expect(leave.labels[leaveIndex] == "B-fromloc.city_name")
        #expect(arrive.labels[arriveIndex] == "B-toloc.city_name")
    }

    @Test func goldSequencesAreValidAndConstrainedDecodingRecoversThem() {
        let labels = ToySlotCorpus.labels
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let constraints = TransitionConstraints(bioLabels: labels)
        let decoder = CRFDecoder(CRF(labelCount: labels.count), constraints: constraints)
        for sentence in ToySlotCorpus.sentences {
            let gold = sentence.labels.compactMap { index[$0] }
            #expect(constraints.isValid(gold), "\(sentence.tokens)")
            #expect(BruteForceCRF.isValidBIO(gold, names: labels))
            // Emissions that prefer the gold label by a small margin.
            var emissions = Matrix(rows: gold.count, columns: labels.count)
            for (t, label) in gold.enumerated() { emissions[t, label] = 1 }
            #expect(decoder.decode(emissions: emissions).labels == gold)
        }
    }
}
