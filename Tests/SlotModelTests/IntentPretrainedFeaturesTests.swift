import Foundation
import SlotLayers
import SlotMath
import SlotModel
import SlotTestSupport
import SlotVocabulary
import Testing

/// Pretrained vectors read by the intent head only
/// (``Architecture/PretrainedInput/intent``): the sentence features, a slot
/// path that never sees them, the gradient, and the bundle.
@Suite("Pretrained vectors for the intent head only")
struct IntentPretrainedFeaturesTests {
    static func configuration() -> ModelConfiguration {
        var configuration = PretrainedFeaturesTests.configuration()
        configuration.architecture.pretrainedInput = .intent
        return configuration
    }

    static func tagger(pooling: IntentPooling = .finalMax) -> Tagger {
        var configuration = configuration()
        configuration.architecture.intentPooling = pooling
        return PretrainedFeaturesTests.tagger(configuration, seed: 73)
    }

    @Test("the encoder reads no pretrained columns; a second intent head reads the mean and maximum after its pooled outputs")
    func shapes() throws {
        let network = Self.tagger().network
        // word vectors (6) and character features (2 × 3), no pretrained columns
        #expect(network.encoder[0].namedParameters.first { $0.name == "leftToRight.inputWeight" }?.value.columns == 6 + 2 * 3)
        let intent = try #require(network.intent)
        let vectorIntent = try #require(network.vectorIntent)
        #expect(intent.sentenceFeatureSize == 0 && intent.pooledSize == 2 * (2 * 5))
        #expect(vectorIntent.sentenceFeatureSize == 4 && vectorIntent.pooledSize == 2 * (2 * 5) + 4)
        #expect(network.namedParameters.map(\.name).suffix(4)
            == ["intent.linear.weight", "intent.linear.bias", "vectorIntent.linear.weight", "vectorIntent.linear.bias"])
        #expect(PretrainedFeaturesTests.tagger().network.vectorIntent == nil)
    }

    @Test("per sentence: the mean of the tokens' rows, then each column's maximum, over the tokens that have a row")
    func sentenceFeatures() throws {
        let tagger = Self.tagger()
        let featurizer = tagger.configuration.featurizer
        let vectors = try #require(featurizer.pretrained)
        let batch = [
            featurizer.encode(tokens: ["flights", "to", "Oslo", "reykjavik", "boston"]),
            featurizer.encode(tokens: ["reykjavik", "to"]),
        ]
        let features = try #require(tagger.network.intentSentenceFeatures(batch))
        #expect(features.shape == [2, 4])
        // The rows as stored (int8 with a scale per row): flights, oslo, boston.
        let rows = vectors.rows([vectors.row(of: "flights"), vectors.row(of: "oslo"), vectors.row(of: "boston")])
        for column in 0..<2 {
            let values = (0..<3).map { rows[$0, column] }
            #expect(abs(features[0, column] - values.reduce(0, +) / 3) <= 1e-6)
            #expect(features[0, 2 + column] == values.max())
        }
        // Near the file's values: mean (1 − 0.75 + 0.5) / 3, (0 + 0.5 − 0.25) / 3; maximum 1, 0.5.
        let nearFile: [Float] = [0.25, 0.25 / 3, 1, 0.5]
        for (value, expected) in zip(features.row(0), nearFile) {
            #expect(abs(value - expected) <= 0.01)
        }
        #expect(features.row(1) == [0, 0, 0, 0], "no token with a row")
        #expect(ToyModel.network(ToyModel.configuration()).intentSentenceFeatures(batch) == nil)
    }

    @Test("the emissions do not depend on the pretrained rows; the intent logits do")
    func slotPathIgnoresTheVectors() {
        let tagger = Self.tagger()
        let sentence = tagger.configuration.featurizer.encode(tokens: ["flights", "from", "oslo", "to", "boston"])
        var hidden = sentence
        hidden.pretrainedRows = hidden.pretrainedRows.map { _ in nil }
        let network = tagger.network
        var generator = SplitMix64(seed: 0)
        let withRows = network.forward([sentence], dropout: 0, using: &generator)
        let withoutRows = network.forward([hidden], dropout: 0, using: &generator)
        #expect(withRows.emissions == withoutRows.emissions)
        let rows = [0..<sentence.count]
        #expect(network.intentLogits(withRows.features, sentences: rows, batch: [sentence])
            != network.intentLogits(withoutRows.features, sentences: rows, batch: [hidden]))
    }

    /// With final-state pooling: max pooling's kinks are too close together in a
    /// whole network for central differences (as in `TaggingNetworkTests`).
    @Test("the second head adds its loss and its own gradient, which matches central differences; the rest is as without it")
    func gradient() throws {
        let tagger = Self.tagger(pooling: .final)
        let network = tagger.network
        let sentences = ToySlotCorpus.sentences.prefix(3).map { try! tagger.configuration.featurizer.encode($0, file: "toy") }
        #expect(sentences.allSatisfy { $0.intentId != nil })
        #expect(sentences.contains { $0.pretrainedRows.contains { $0 != nil } })
        func lossAndGradient(_ network: TaggingNetwork) -> (loss: Double, gradient: TaggingNetwork) {
            var generator = SplitMix64(seed: 0)
            return network.lossAndGradient(sentences, dropout: 0, intentWeight: 0.7, using: &generator)
        }
        let (loss, gradient) = lossAndGradient(network)
        var plain = network
        plain.vectorIntent = nil
        let (plainLoss, plainGradient) = lossAndGradient(plain)
        // Stopped at the encoder: every other gradient is the one the network without the head has.
        let byName = Dictionary(uniqueKeysWithValues: gradient.namedParameters.map { ($0.name, $0.value) })
        for (name, value) in plainGradient.namedParameters {
            #expect(byName[name] == value, "\(name)")
        }
        // The added loss is 0.7 times the head's cross-entropy.
        var generator = SplitMix64(seed: 0)
        let pass = network.forward(sentences, dropout: 0, using: &generator)
        let rows = sentences.indices.map { pass.layout.offsets[$0] ..< pass.layout.offsets[$0] + sentences[$0].count }
        let logits = try #require(network.intentLogits(pass.features, sentences: rows, batch: sentences))
        let crossEntropy = SoftmaxOutput(labelCount: logits.columns).crossEntropy(
            logits: logits, labels: sentences.map { $0.intentId! }).loss
        #expect(abs(loss - plainLoss - 0.7 * crossEntropy) <= 1e-6 * loss)
        let head = try #require(network.vectorIntent)
        let report = GradientCheck().check(head, analytic: try #require(gradient.vectorIntent)) { head in
            var changed = network
            changed.vectorIntent = head
            return lossAndGradient(changed).loss
        }
        #expect(report.passed, "\(report)")
    }

    @Test("written and read back: the architecture keeps where the vectors enter, and the results are the same")
    func bundleRoundTrip() throws {
        let tagger = Self.tagger()
        let directory = ModelRoundTripTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tagger.write(to: directory, modelCard: "# toy\n")
        let config = try String(contentsOfFile: directory + "/config.json", encoding: .utf8)
        #expect(config.contains(#""pretrainedInput":"intent""#) || config.contains(#""pretrainedInput" : "intent""#), "\(config)")
        let loaded = try Tagger(contentsOf: directory)
        #expect(loaded.configuration.architecture.pretrainedInput == .intent)
        for text in ["flights from oslo to boston", "cheapest fare to Oslo on monday"] {
            #expect(loaded.tag(text) == tagger.tag(text))
        }
    }

    @Test("an architecture written before the choice existed reads its vectors in the encoder")
    func olderArchitectures() throws {
        var encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Architecture())) as! [String: Any]
        #expect(encoded["pretrainedInput"] as? String == "encoder")
        encoded["pretrainedInput"] = nil
        let decoded = try JSONDecoder().decode(Architecture.self, from: JSONSerialization.data(withJSONObject: encoded))
        #expect(decoded.pretrainedInput == .encoder)
        #expect(Architecture.PretrainedInput.allCases.map(\.rawValue) == ["encoder", "intent"])
    }
}
