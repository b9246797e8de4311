#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import SlotModel
import SlotIO

/// A model configuration of the kind the lead's model will plug into `ModelBundle`.
struct ToyConfiguration: Codable, Sendable, Equatable {
    var hiddenSize: Int
    var labels: [String]
    var dropout: Double
}

/// Helpers shared by the bundle tests: sample tensors, byte manipulation and temporary directories.
enum BundleFixtures {
    static let configuration = ToyConfiguration(hiddenSize: 4, labels: ["O", "B-city", "I-city"], dropout: 0.25)

    /// A few tensors with distinct shapes, including a scalar.
    static func sampleTensors() -> [NamedTensor] {
        [
            NamedTensor(name: "lstm.forward.weight", shape: [16, 7], values: (0..<112).map { Float($0) * 0.01 - 0.5 }),
            NamedTensor(name: "crf.transitions", shape: [3, 3], values: [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9]),
            NamedTensor(name: "crf.start", shape: [3], values: [1, 2, 3]),
            NamedTensor(name: "scale", shape: [], values: [0.125]),
        ]
    }

    /// Tensors totalling `parameterCount` values, split across a few matrices.
    static func largeTensors(parameterCount: Int) -> [NamedTensor] {
        let first = parameterCount / 2
        let second = parameterCount - first - 100
        return [
            NamedTensor(name: "embedding", shape: [first / 100, 100], values: (0..<first).map { Float($0 % 1000) * 0.001 }),
            NamedTensor(name: "lstm", shape: [second], values: (0..<second).map { -Float($0 % 777) }),
            NamedTensor(name: "output", shape: [10, 10], values: (0..<100).map(Float.init)),
        ]
    }

    static func sortedByName(_ tensors: [NamedTensor]) -> [NamedTensor] {
        tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Each tensor's values as bit patterns, so NaN payloads and signed zeros compare exactly.
    static func bitPatterns(_ tensors: [NamedTensor]) -> [[UInt32]] {
        tensors.map { $0.values.map(\.bitPattern) }
    }

    static func littleEndianBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> UInt32(8 * $0)) } }
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16) ?? 0 }
    }

    /// A safetensors file with the given header text (unpadded) and data section.
    static func safetensorsFile(header: String, data: [UInt8]) -> [UInt8] {
        let json = Array(header.utf8)
        let length = UInt64(json.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(8 * $0)) } + json + data
    }

    /// The header length stored in the first eight bytes.
    static func headerLength(_ bytes: [UInt8]) -> Int {
        Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64(8 * $1) })
    }
}

extension BundleFixtures {
    /// The bundle most tests write: the toy configuration, the sample tensors, a model card and metadata.
    static func sampleBundle(hiddenSize: Int = 4) -> ModelBundle<ToyConfiguration> {
        var configuration = configuration
        configuration.hiddenSize = hiddenSize
        return ModelBundle(
            configuration: configuration,
            tensors: sampleTensors(),
            modelCard: "# Toy model\n\nTrained on nothing; hidden size \(hiddenSize). ✓\n",
            metadata: ["trainer": "slot-tagger", "seed": "7"]
        )
    }

    /// Runs `body` with a fresh empty directory, removed afterwards.
    static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.path + "/slot-bundle-tests-" + FileSystem.randomSuffix()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Loads a bundle and returns the error, or `nil` (recording an issue) when loading succeeds.
    static func loadingError(_ directory: String) -> ModelBundleError? {
        do {
            _ = try ModelBundle<ToyConfiguration>(contentsOf: directory)
            Issue.record("loading \(directory) succeeded but should have failed")
            return nil
        } catch {
            return error
        }
    }

    /// Decodes a bundle's `config.json`, lets `edit` change it, and writes it back.
    static func editConfig(in directory: String, _ edit: (inout BundleConfigFile<ToyConfiguration>) -> Void) throws {
        let path = directory + "/config.json"
        var config = try JSONDecoder().decode(BundleConfigFile<ToyConfiguration>.self, from: Data(readBytes(path)))
        edit(&config)
        try writeBytes(Array(try JSONEncoder().encode(config)), to: path)
    }

    /// Replaces a bundle's weights with other bytes and records their checksum in `config.json`,
    /// so that only the content of the weights is wrong.
    static func replaceWeights(in directory: String, with bytes: [UInt8]) throws {
        try writeBytes(bytes, to: directory + "/model.safetensors")
        try editConfig(in: directory) { $0.weights.sha256 = SHA256Hasher.hexDigest(of: bytes) }
    }

    /// The names in a directory, sorted.
    static func listing(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }
}
