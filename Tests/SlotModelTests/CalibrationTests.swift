import Foundation
import Testing
import SlotCorpus
import SlotLayers
import SlotMath
import SlotModel

@Suite("Calibration: temperatures change confidences, never decisions")
struct CalibrationTests {
    static func calibrated(_ tagger: Tagger, _ calibration: Calibration) -> Tagger {
        var configuration = tagger.configuration
        configuration.calibration = calibration
        return Tagger(configuration: configuration, network: tagger.network)
    }

    @Test("Intent temperature T: the probabilities are p^(1/T) renormalised, the ranking order is kept")
    func intentTemperature() throws {
        let raw = TestTaggers.atis
        for temperature: Float in [0.5, 2.5] {
            let tagger = Self.calibrated(raw, Calibration(intentTemperature: temperature))
            for text in IntentRankingTests.texts {
                let before = raw.tag(text), after = tagger.tag(text)
                #expect(after.intentRanking.map(\.label) == before.intentRanking.map(\.label))
                let powered = before.intentRanking.map { pow(Double($0.confidence), 1 / Double(temperature)) }
                let total = powered.reduce(0, +)
                for (intent, expected) in zip(after.intentRanking, powered) {
                    #expect(abs(Double(intent.confidence) - expected / total) < 1e-5)
                }
                #expect(after.tokens == before.tokens, "the slot temperature is still 1")
            }
        }
    }

    @Test("Slot temperature T: token and chunk confidences are the brute-force posterior of exp(score / T); labels unchanged")
    func slotTemperatureAgainstBruteForce() throws {
        let raw = TestTaggers.small()
        let temperature: Float = 2.5
        let tagger = Self.calibrated(raw, Calibration(slotTemperature: temperature))
        let crf = try #require(raw.network.crf)
        let decoder = CRFDecoder(crf, constraints: raw.constraints)
        for text in ["leave beijing on november", "from new york to beijing"] {
            let tokens = raw.tokenizer.tokenize(text)
            let encoded = raw.configuration.featurizer.encode(tokens: tokens.map(\.text))
            var generator = SplitMix64(seed: 0)
            let emissions = raw.network.forward([encoded], dropout: 0, using: &generator).emissions
            var sequences: [([Int], Double)] = []
            var sequence = [Int](repeating: 0, count: tokens.count)
            func visit(_ position: Int) {
                guard position < tokens.count else {
                    let score = decoder.score(emissions: emissions, labels: sequence)
                    if score.isFinite { sequences.append((sequence, score / Double(temperature))) }
                    return
                }
                for label in raw.labels.indices {
                    sequence[position] = label
                    visit(position + 1)
                }
            }
            visit(0)
            let top = sequences.map(\.1).max() ?? 0
            let total = sequences.reduce(0) { $0 + exp($1.1 - top) }
            let result = tagger.tag(text)
            #expect(result.tokens.map(\.label) == raw.tag(text).tokens.map(\.label))
            for (index, token) in result.tokens.enumerated() {
                let label = try #require(raw.configuration.featurizer.labelId(token.label))
                let marginal = sequences.filter { $0.0[index] == label }.reduce(0) { $0 + exp($1.1 - top) } / total
                #expect(abs(Double(token.confidence) - marginal) < 1e-4, "token \(index): \(token.confidence) vs \(marginal)")
            }
            for slot in result.slots {
                let ids = result.tokens(of: slot).map { raw.configuration.featurizer.labelId($0.label)! }
                let inside = raw.configuration.featurizer.labelId("I-\(slot.label)")
                let probability = sequences.filter { candidate in
                    Array(candidate.0[slot.tokenIndices]) == ids
                        && (slot.tokenIndices.upperBound == tokens.count || candidate.0[slot.tokenIndices.upperBound] != inside)
                }.reduce(0) { $0 + exp($1.1 - top) } / total
                #expect(abs(Double(slot.confidence) - probability) < 1e-4)
            }
        }
    }

    @Test("A configuration without calibration decodes as before; one with it round-trips through JSON")
    func configurationCoding() throws {
        let configuration = TestTaggers.small().configuration
        let plain = try JSONEncoder().encode(configuration)
        #expect(!String(decoding: plain, as: UTF8.self).contains("calibration"))
        #expect(try JSONDecoder().decode(ModelConfiguration.self, from: plain).calibration == nil)
        var withCalibration = configuration
        withCalibration.calibration = Calibration(intentTemperature: 1.5, slotTemperature: 0.75)
        let decoded = try JSONDecoder().decode(ModelConfiguration.self, from: JSONEncoder().encode(withCalibration))
        #expect(decoded == withCalibration)
    }

    @Test("Golden-section search finds the minimum of a unimodal loss within the range, and stops at its ends")
    func minimise() {
        #expect(abs(TemperatureFitting.minimise { pow(log($0) - log(2.5), 2) } - 2.5) < 1e-4)
        #expect(abs(TemperatureFitting.minimise { abs($0 - 0.3) } - 0.3) < 1e-4)
        #expect(abs(TemperatureFitting.minimise { -$0 } - 20) < 1e-3)
    }

    @Test("Fitting on the model's own decisions sharpens: gold equal to the predictions drives both temperatures below 1")
    func fitOnOwnPredictions() throws {
        let tagger = TestTaggers.small()
        let texts = ["leave beijing on november 2nd", "from new york to beijing", "to new york on november", "leave on 2nd"]
        let sentences = texts.map { text in
            let result = tagger.tag(text)
            return AnnotatedSentence(
                tokens: result.tokens.map { String($0.token.text) }, labels: result.tokens.map(\.label),
                intent: result.intent?.label)
        }
        let calibration = TemperatureFitting.fit(tagger, sentences: sentences)
        #expect(calibration.intentTemperature < 0.06)
        #expect(calibration.slotTemperature < 0.06)
        let wrong = sentences.map { sentence in
            AnnotatedSentence(tokens: sentence.tokens, labels: sentence.labels.map { _ in "O" }, intent: "hotel")
        }
        let flattened = TemperatureFitting.fit(tagger, sentences: wrong)
        #expect(flattened.slotTemperature > 1, "every predicted chunk is wrong, so chunk confidences should fall")
    }
}
