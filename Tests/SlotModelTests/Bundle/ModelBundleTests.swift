#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import SlotModel
import SlotIO

@Suite("Model bundle writing and reading")
struct ModelBundleTests {
    @Test func writeThenReadGivesTheSameBundle() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let bundle = BundleFixtures.sampleBundle()
            try bundle.write(to: root + "/toy")
            let loaded = try ModelBundle<ToyConfiguration>(contentsOf: root + "/toy")
            #expect(loaded.configuration == bundle.configuration)
            #expect(loaded.tensors == BundleFixtures.sortedByName(bundle.tensors))
            #expect(BundleFixtures.bitPatterns(loaded.tensors) == BundleFixtures.bitPatterns(BundleFixtures.sortedByName(bundle.tensors)))
            #expect(loaded.modelCard == bundle.modelCard)
            #expect(loaded.metadata == bundle.metadata)
            #expect(loaded.tensor(named: "crf.start") == NamedTensor(name: "crf.start", shape: [3], values: [1, 2, 3]))
            #expect(loaded.tensor(named: "absent") == nil)
            #expect(try BundleFixtures.listing(root) == ["toy"])
            #expect(try BundleFixtures.listing(root + "/toy") == ["README.md", "config.json", "model.safetensors"])
        }
    }

    @Test func configHasTheDocumentedShape() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let bundle = BundleFixtures.sampleBundle()
            try bundle.write(to: root + "/toy")
            let checksum = SHA256Hasher.hexDigest(of: SafeTensors.encode(bundle.tensors, metadata: bundle.metadata))
            let expected = """
            {
              "formatVersion" : 1,
              "model" : {
                "dropout" : 0.25,
                "hiddenSize" : 4,
                "labels" : [
                  "O",
                  "B-city",
                  "I-city"
                ]
              },
              "weights" : {
                "file" : "model.safetensors",
                "sha256" : "\(checksum)",
                "tensors" : {
                  "crf.start" : [
                    3
                  ],
                  "crf.transitions" : [
                    3,
                    3
                  ],
                  "lstm.forward.weight" : [
                    16,
                    7
                  ],
                  "scale" : [

                  ]
                }
              }
            }

            """
            #expect(String(decoding: try BundleFixtures.readBytes(root + "/toy/config.json"), as: UTF8.self) == expected)
        }
    }

    @Test func filesHoldTheWeightsAndTheModelCard() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let bundle = BundleFixtures.sampleBundle()
            try bundle.write(to: root + "/toy/")
            #expect(try BundleFixtures.readBytes(root + "/toy/model.safetensors") == SafeTensors.encode(bundle.tensors, metadata: bundle.metadata))
            #expect(try BundleFixtures.readBytes(root + "/toy/README.md") == Array(bundle.modelCard.utf8))
        }
    }

    @Test func writingIsDeterministic() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            let bundle = BundleFixtures.sampleBundle()
            try bundle.write(to: root + "/first")
            var shuffled = bundle
            shuffled.tensors.reverse()
            try shuffled.write(to: root + "/second")
            for file in ["config.json", "model.safetensors", "README.md"] {
                #expect(try BundleFixtures.readBytes(root + "/first/" + file) == BundleFixtures.readBytes(root + "/second/" + file))
            }
        }
    }

    /// The target is split into parent and name whatever its form (tests never change the
    /// current directory, since they run concurrently).
    @Test func targetPathsAreSplitIntoParentAndName() {
        #expect(FileSystem.split("models/atis")! == ("models", "atis", "models/atis"))
        #expect(FileSystem.split("models/atis//")! == ("models", "atis", "models/atis"))
        #expect(FileSystem.split("atis")! == (".", "atis", "atis"))
        #expect(FileSystem.split("/atis")! == ("/", "atis", "/atis"))
        #expect(FileSystem.split("/srv/models/atis/")! == ("/srv/models", "atis", "/srv/models/atis"))
        #expect(FileSystem.split("") == nil)
        #expect(FileSystem.split("/") == nil)
        #expect(FileSystem.split("models/..") == nil)
        #expect(FileSystem.split(".") == nil)
    }
}
