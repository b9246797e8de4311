import Foundation
import Testing
import SlotMath
import SlotModel
import SlotTestSupport

@Suite("Model bundle round trip through Tagger")
struct ModelRoundTripTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)").path
    }

    @Test("written and read back: identical parameters, emissions and predictions")
    func roundTrip() throws {
        let configuration = ToyModel.configuration()
        let tagger = Tagger(configuration: configuration, network: ToyModel.network(configuration))
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tagger.write(to: directory, modelCard: "# toy\n")
        for file in ["config.json", "model.safetensors", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + file))
        }
        let loaded = try Tagger(contentsOf: directory)
        #expect(loaded.configuration == configuration)
        let original = tagger.network.namedParameters, read = loaded.network.namedParameters
        #expect(original.map(\.name) == read.map(\.name))
        #expect(original.map { $0.value.scalars.map(\.bitPattern) } == read.map { $0.value.scalars.map(\.bitPattern) })

        let sentences = ToySlotCorpus.sentences.map { configuration.featurizer.encode(tokens: $0.tokens) }
        var first = SlotMath.SplitMix64(seed: 0), second = SlotMath.SplitMix64(seed: 0)
        let before = tagger.network.forward(sentences, dropout: 0, using: &first).emissions
        let after = loaded.network.forward(sentences, dropout: 0, using: &second).emissions
        #expect(before.scalars.map(\.bitPattern) == after.scalars.map(\.bitPattern))
        let text = "flights from new york to Boston on monday"
        #expect(tagger.tag(text) == loaded.tag(text))
        let predictedBefore = tagger.network.predict(sentences, constraints: tagger.constraints, confidences: true)
        let predictedAfter = loaded.network.predict(sentences, constraints: loaded.constraints, confidences: true)
        #expect(predictedBefore.map(\.labelIds) == predictedAfter.map(\.labelIds))
        #expect(predictedBefore.map(\.confidences) == predictedAfter.map(\.confidences))
        #expect(predictedBefore.map(\.intentProbabilities) == predictedAfter.map(\.intentProbabilities))
    }

    @Test("a tensor whose shape disagrees with the architecture is an inconsistent bundle")
    func inconsistentShape() throws {
        let configuration = ToyModel.configuration(hiddenSize: 5)
        let network = ToyModel.network(configuration)
        let tensors = network.namedParameters.map { NamedTensor(name: $0.name, shape: $0.value.shape, values: $0.value.scalars) }
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ModelBundle(configuration: ToyModel.configuration(hiddenSize: 4), tensors: tensors, modelCard: "x\n").write(to: directory)
        // The tables sized by the configuration are compared first, before any network is allocated.
        let labels = ToyModel.configuration(hiddenSize: 4).featurizer.labels.count
        #expect(throws: ModelError.inconsistentBundle(
            "tensor 'emissions.weight' has shape [\(labels), 10] but the configuration needs [\(labels), 8]")) {
            try Tagger(contentsOf: directory)
        }
    }

    @Test("a missing or an extra tensor is an inconsistent bundle")
    func missingAndExtraTensors() throws {
        let configuration = ToyModel.configuration()
        let tensors = ToyModel.network(configuration).namedParameters
            .map { NamedTensor(name: $0.name, shape: $0.value.shape, values: $0.value.scalars) }
        #expect(throws: ModelError.inconsistentBundle("the architecture needs tensor 'crf.start', which the weights lack")) {
            try TaggingNetwork(configuration: configuration, tensors: tensors.filter { $0.name != "crf.start" })
        }
        let extra = tensors + [NamedTensor(name: "spare", shape: [1, 1], values: [0])]
        #expect(throws: ModelError.inconsistentBundle("the weights hold 1 tensors the architecture does not use")) {
            try TaggingNetwork(configuration: configuration, tensors: extra)
        }
    }
}
