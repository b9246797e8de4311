#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import SlotModel

@Suite("Model bundle loading of damaged, incomplete and foreign bundles")
struct ModelBundleLoadingTests {
    /// Writes the sample bundle to `root/toy` and runs `body` with that path.
    private func withBundle(_ body: (String) throws -> Void) throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            try BundleFixtures.sampleBundle().write(to: root + "/toy")
            try body(root + "/toy")
        }
    }

    @Test func missingDirectory() throws {
        try BundleFixtures.withTemporaryDirectory { root throws in
            #expect(BundleFixtures.loadingError(root + "/absent") == .missingDirectory(path: root + "/absent"))
        }
    }

    @Test func fileInsteadOfDirectory() throws {
        try withBundle { bundle in
            #expect(BundleFixtures.loadingError(bundle + "/README.md") == .notADirectory(path: bundle + "/README.md"))
        }
    }

    @Test(arguments: ["config.json", "model.safetensors", "README.md"])
    func missingFile(name: String) throws {
        try withBundle { bundle in
            try FileManager.default.removeItem(atPath: bundle + "/" + name)
            #expect(BundleFixtures.loadingError(bundle) == .missingFile(path: bundle + "/" + name))
        }
    }

    @Test func directoryInPlaceOfTheWeights() throws {
        try withBundle { bundle in
            try FileManager.default.removeItem(atPath: bundle + "/model.safetensors")
            try FileManager.default.createDirectory(atPath: bundle + "/model.safetensors", withIntermediateDirectories: false)
            #expect(BundleFixtures.loadingError(bundle) == .unreadableFile(path: bundle + "/model.safetensors", reason: "not a regular file"))
        }
    }

    @Test func configThatIsNotJSON() throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array("formatVersion = 1\n".utf8), to: bundle + "/config.json")
            #expect(BundleFixtures.loadingError(bundle) == .configNotJSON(path: bundle + "/config.json"))
        }
    }

    @Test(arguments: [
        #"{"name": "left-pad", "version": "1.3.0", "main": "index.js"}"#,
        #"[1, 2, 3]"#,
        #""just a string""#,
    ])
    func foreignJSONAsConfig(json: String) throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array(json.utf8), to: bundle + "/config.json")
            #expect(BundleFixtures.loadingError(bundle) == .notABundleConfig(path: bundle + "/config.json", missingKey: "formatVersion"))
        }
    }

    @Test func configWithoutAChecksum() throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array(#"{"formatVersion": 1, "weights": {"file": "model.safetensors", "tensors": {}}, "model": {}}"#.utf8), to: bundle + "/config.json")
            #expect(BundleFixtures.loadingError(bundle) == .notABundleConfig(path: bundle + "/config.json", missingKey: "weights.sha256"))
        }
    }

    @Test func modelConfigurationMissingAKey() throws {
        try withBundle { bundle in
            let json = String(decoding: try BundleFixtures.readBytes(bundle + "/config.json"), as: UTF8.self)
            try BundleFixtures.writeBytes(Array(json.replacing("\"hiddenSize\"", with: "\"hidden\"").utf8), to: bundle + "/config.json")
            #expect(BundleFixtures.loadingError(bundle) == .notABundleConfig(path: bundle + "/config.json", missingKey: "model.hiddenSize"))
        }
    }

    @Test func formatVersionOfTheWrongType() throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array(#"{"formatVersion": "1"}"#.utf8), to: bundle + "/config.json")
            let error = BundleFixtures.loadingError(bundle)
            #expect(error == .invalidConfig(path: bundle + "/config.json", key: "formatVersion", reason: "is not a valid number"))
            #expect(error?.description == "\(bundle)/config.json: \"formatVersion\" is not a valid number; the config is damaged: re-train or re-download the bundle.")
        }
    }

    @Test func unsupportedFormatVersion() throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array(#"{"formatVersion": 2, "layout": "something new"}"#.utf8), to: bundle + "/config.json")
            let error = BundleFixtures.loadingError(bundle)
            #expect(error == .unsupportedFormatVersion(path: bundle + "/config.json", found: 2, supported: [1]))
            #expect(error?.description == "\(bundle)/config.json: bundle format version 2 is not supported (this library reads 1); use a matching slot-tagger release or re-train the model.")
        }
    }

    @Test func weightsFileOutsideTheBundle() throws {
        try withBundle { bundle in
            try BundleFixtures.editConfig(in: bundle) { $0.weights.file = "../elsewhere.safetensors" }
            #expect(BundleFixtures.loadingError(bundle) == .invalidConfig(path: bundle + "/config.json", key: "weights.file", reason: "must name a file inside the bundle directory"))
        }
    }

    @Test func truncatedWeights() throws {
        try withBundle { bundle in
            let weights = try BundleFixtures.readBytes(bundle + "/model.safetensors")
            let headerEnd = 8 + BundleFixtures.headerLength(weights)
            let cases = [(3, 8), (8, headerEnd), (headerEnd - 10, headerEnd), (headerEnd, weights.count), (weights.count - 1, weights.count)]
            for (kept, required) in cases {
                try BundleFixtures.writeBytes(Array(weights.prefix(kept)), to: bundle + "/model.safetensors")
                #expect(BundleFixtures.loadingError(bundle) == .truncatedWeights(path: bundle + "/model.safetensors", fileSize: kept, requiredSize: required))
            }
        }
    }

    @Test func flippedByteInTheData() throws {
        try withBundle { bundle in
            var weights = try BundleFixtures.readBytes(bundle + "/model.safetensors")
            let expected = SHA256Hasher.hexDigest(of: weights)
            weights[weights.count - 5] ^= 0x01
            try BundleFixtures.writeBytes(weights, to: bundle + "/model.safetensors")
            let error = BundleFixtures.loadingError(bundle)
            let actual = SHA256Hasher.hexDigest(of: weights)
            #expect(error == .checksumMismatch(path: bundle + "/model.safetensors", expected: expected, actual: actual))
            #expect(error?.description == "\(bundle)/model.safetensors: SHA-256 is \(actual) but config.json records \(expected); the file is corrupted: re-train or re-download the bundle.")
        }
    }

    @Test func flippedByteInTheHeader() throws {
        try withBundle { bundle in
            var weights = try BundleFixtures.readBytes(bundle + "/model.safetensors")
            weights[9] ^= 0x01 // the quote opening the first key becomes '#'
            try BundleFixtures.writeBytes(weights, to: bundle + "/model.safetensors")
            #expect(BundleFixtures.loadingError(bundle) == .badHeader(path: bundle + "/model.safetensors", reason: "the header is not valid JSON"))
        }
    }

    @Test func shapeDisagreesWithTheConfig() throws {
        try withBundle { bundle in
            try BundleFixtures.editConfig(in: bundle) { $0.weights.tensors["crf.transitions"] = [9, 1] }
            let error = BundleFixtures.loadingError(bundle)
            #expect(error == .shapeMismatch(path: bundle + "/model.safetensors", name: "crf.transitions", expectedShape: [9, 1], actualShape: [3, 3]))
            #expect(error?.description == "\(bundle)/model.safetensors: tensor 'crf.transitions' has shape [3, 3] but config.json expects [9, 1]; the weights belong to another model: re-train or re-download the bundle.")
        }
    }

    @Test func tensorMissingFromTheWeights() throws {
        try withBundle { bundle in
            let tensors = BundleFixtures.sampleTensors().filter { $0.name != "crf.start" }
            try BundleFixtures.replaceWeights(in: bundle, with: SafeTensors.encode(tensors))
            #expect(BundleFixtures.loadingError(bundle) == .missingTensor(path: bundle + "/model.safetensors", name: "crf.start", expectedShape: [3]))
        }
    }

    @Test func tensorTheConfigDoesNotList() throws {
        try withBundle { bundle in
            let tensors = BundleFixtures.sampleTensors() + [NamedTensor(name: "crf.end", shape: [3], values: [0, 0, 0])]
            try BundleFixtures.replaceWeights(in: bundle, with: SafeTensors.encode(tensors))
            #expect(BundleFixtures.loadingError(bundle) == .unexpectedTensor(path: bundle + "/model.safetensors", name: "crf.end", shape: [3]))
        }
    }

    @Test func weightsInAnotherDataType() throws {
        try withBundle { bundle in
            let header = #"{"crf.start":{"dtype":"F64","shape":[3],"data_offsets":[0,24]}}"#
            try BundleFixtures.replaceWeights(in: bundle, with: BundleFixtures.safetensorsFile(header: header, data: [UInt8](repeating: 0, count: 24)))
            #expect(BundleFixtures.loadingError(bundle) == .unsupportedDType(path: bundle + "/model.safetensors", tensor: "crf.start", dtype: "F64"))
        }
    }

    @Test func foreignFileAsWeights() throws {
        try withBundle { bundle in
            try BundleFixtures.writeBytes(Array("PK\u{3}\u{4} this is a zip archive, not safetensors".utf8), to: bundle + "/model.safetensors")
            #expect(BundleFixtures.loadingError(bundle) == .badHeader(path: bundle + "/model.safetensors", reason: "the header length 7595448452415441744 exceeds 100000000 bytes"))
        }
    }
}
