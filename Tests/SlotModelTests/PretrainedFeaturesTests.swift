import Foundation
import SlotLayers
import SlotMath
import SlotModel
import SlotTestSupport
import SlotText
import SlotVocabulary
import Testing

/// Fixed pretrained vectors as network inputs: the open-vocabulary lookup,
/// the gradient with their columns in place, and the bundle's vectors file.
@Suite("Pretrained vectors as fixed inputs")
struct PretrainedFeaturesTests {
    /// Vectors for two toy-corpus words and for "oslo", which the toy corpus lacks.
    static let vectors = CompactVectors(
        words: ["boston", "flights", "oslo"],
        vectors: Matrix(rows: 3, columns: 2, scalars: [0.5, -0.25, 1, 0, -0.75, 0.5]))

    static func configuration() -> ModelConfiguration {
        var configuration = ToyModel.configuration()
        configuration.architecture.pretrainedDimension = 2
        configuration.featurizer.pretrained = vectors
        return configuration
    }

    /// A random network over `configuration` (by default this suite's) with a CRF.
    static func tagger(_ configuration: ModelConfiguration = configuration(), seed: UInt64 = 71) -> Tagger {
        var generator = SplitMix64(seed: seed)
        let featurizer = configuration.featurizer
        var network = TaggingNetwork(
            architecture: configuration.architecture, wordCount: featurizer.words.count,
            characterCount: featurizer.characters.count, labelCount: featurizer.labels.count,
            intentCount: featurizer.intents.count, pretrained: featurizer.pretrained, using: &generator)
        network.crf = CRF(labelCount: featurizer.labels.count, using: &generator)
        return Tagger(configuration: configuration, network: network)
    }

    @Test("a word absent from training but in the vectors gets its pretrained row; one in neither gets none")
    func openVocabularyLookup() throws {
        let featurizer = Self.configuration().featurizer
        #expect(featurizer.words.contains("boston") && !featurizer.words.contains("oslo"))
        let encoded = featurizer.encode(tokens: ["flights", "Oslo", "Boston", "reykjavik"])
        #expect(encoded.wordIds[1] == Vocabulary.unknownID && encoded.wordIds[3] == Vocabulary.unknownID)
        #expect(encoded.pretrainedRows == [Self.vectors.row(of: "flights"), Self.vectors.row(of: "oslo"),
                                           Self.vectors.row(of: "boston"), nil])
        #expect(encoded.pretrainedRows[1] != nil)
        #expect(ToyModel.featurizer().encode(tokens: ["oslo"]).pretrainedRows.isEmpty)
    }

    @Test("keys are the normalised word, then its lower-cased form")
    func lowerCasedFallback() {
        var featurizer = Featurizer(
            normalizer: Normalizer(foldCase: false), words: Vocabulary(counts: [:]), characters: CharacterVocabulary(counts: [:]),
            labels: ["O"], intents: [])
        featurizer.pretrained = Self.vectors
        #expect(featurizer.encode(tokens: ["OSLO", "oslo"]).pretrainedRows == [Self.vectors.row(of: "oslo"), Self.vectors.row(of: "oslo")])
    }

    @Test("the network reads each token's pretrained row after its word vector, and its gradient matches central differences")
    func gradient() {
        let tagger = Self.tagger()
        var network = tagger.network
        let sentences = ToySlotCorpus.sentences.prefix(3).map { sentence in
            var encoded = try! tagger.configuration.featurizer.encode(sentence, file: "toy")
            encoded.intentId = nil
            return encoded
        }
        #expect(sentences.contains { $0.pretrainedRows.contains(nil) } && sentences.contains { $0.pretrainedRows.contains { $0 != nil } })
        var generator = SplitMix64(seed: 0)
        let pass = network.forward(sentences, dropout: 0, using: &generator)
        #expect(pass.emissions.rows == sentences.reduce(0) { $0 + $1.count })
        #expect(network.encoder[0].namedParameters.first { $0.name == "leftToRight.inputWeight" }?.value.columns
            == 6 + 2 + 2 * 3)
        network.intent = nil
        func loss(_ network: TaggingNetwork) -> Double {
            var generator = SplitMix64(seed: 0)
            return network.lossAndGradient(sentences, dropout: 0, intentWeight: 0, using: &generator).loss
        }
        var lossGenerator = SplitMix64(seed: 0)
        let (_, gradient) = network.lossAndGradient(sentences, dropout: 0, intentWeight: 0, using: &lossGenerator)
        let report = GradientCheck(samplesPerTensor: 24).check(network, analytic: gradient, loss: loss)
        #expect(report.passed, "\(report)")
        #expect(!network.namedParameters.contains { $0.name.hasPrefix("pretrained") })
    }

    @Test("written and read back: the vectors file is in the bundle and the predictions are the same")
    func bundleRoundTrip() throws {
        let tagger = Self.tagger()
        let directory = ModelRoundTripTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tagger.write(to: directory, modelCard: "# toy\n")
        #expect(FileManager.default.fileExists(atPath: directory + "/" + VectorsFile.defaultName))
        let loaded = try Tagger(contentsOf: directory)
        #expect(loaded.configuration.featurizer.pretrained == Self.vectors)
        #expect(loaded.configuration.vectors?.file == VectorsFile.defaultName)
        for text in ["flights from oslo to boston", "cheapest fare to Oslo on monday"] {
            #expect(loaded.tag(text) == tagger.tag(text))
        }
    }

    @Test("a changed or missing vectors file is refused with the file named")
    func damagedVectorsFile() throws {
        let directory = ModelRoundTripTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.tagger().write(to: directory, modelCard: "# toy\n")
        let path = directory + "/" + VectorsFile.defaultName
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count - 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            try Tagger(contentsOf: directory)
        } throws: { error in
            guard case let ModelBundleError.checksumMismatch(failing, _, _) = error else { return false }
            return failing == path
        }
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: ModelBundleError.missingFile(path: path)) { try Tagger(contentsOf: directory) }
    }
}
