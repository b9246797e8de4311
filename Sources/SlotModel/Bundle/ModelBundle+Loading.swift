#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SlotIO

extension ModelBundle {
    /// Loads and checks a bundle directory.
    ///
    /// In order: the directory exists; `config.json` is present, is JSON, is a bundle config of a
    /// supported format version, and its `"model"` decodes as `Configuration`; the weights file it
    /// names is present and is valid safetensors (see ``SafeTensors/decode(_:path:)``); its
    /// SHA-256 equals the one recorded; it holds exactly the tensors `config.json` lists, with the
    /// same shapes; `README.md` is present.
    ///
    /// - Parameter directory: The bundle directory, e.g. `models/atis-en`.
    /// - Throws: ``ModelBundleError``: a case naming the first problem found and the file it is in.
    package init(contentsOf directory: String) throws(ModelBundleError) {
        switch FileSystem.kind(of: directory) {
        case .missing: throw .missingDirectory(path: directory)
        case .directory: break
        case .regularFile, .other: throw .notADirectory(path: directory)
        }
        let configPath = FileSystem.join(directory, Self.configFileName)
        let configBytes = try Self.read(configPath)
        let probe = try Self.decodeConfig(BundleFormatProbe.self, from: configBytes, path: configPath)
        let supported = BundleConfigFile<Configuration>.supportedFormatVersions
        guard supported.contains(probe.formatVersion) else {
            throw .unsupportedFormatVersion(path: configPath, found: probe.formatVersion, supported: supported)
        }
        let config = try Self.decodeConfig(BundleConfigFile<Configuration>.self, from: configBytes, path: configPath)
        let weightsFile = config.weights.file
        guard !weightsFile.isEmpty, !weightsFile.contains("/"), weightsFile != ".", weightsFile != ".." else {
            throw .invalidConfig(path: configPath, key: "weights.file", reason: "must name a file inside the bundle directory")
        }

        let weightsPath = FileSystem.join(directory, weightsFile)
        let weightsBytes = try Self.read(weightsPath)
        let decoded = try SafeTensors.decode(weightsBytes, path: weightsPath)
        let checksum = SHA256Hasher.hexDigest(of: weightsBytes)
        guard checksum == config.weights.sha256.lowercased() else {
            throw .checksumMismatch(path: weightsPath, expected: config.weights.sha256, actual: checksum)
        }
        try Self.check(decoded.tensors, against: config.weights.tensors, path: weightsPath)

        let modelCardPath = FileSystem.join(directory, Self.modelCardFileName)
        let modelCard = String(decoding: try Self.read(modelCardPath), as: UTF8.self)

        self.init(configuration: config.model, tensors: decoded.tensors, modelCard: modelCard, metadata: decoded.metadata)
    }

    /// Reads a whole file of the bundle, mapping a missing file to ``ModelBundleError/missingFile(path:)``.
    private static func read(_ path: String) throws(ModelBundleError) -> [UInt8] {
        do {
            return try FileSystem.readFile(path)
        } catch where error.isMissingFile {
            throw .missingFile(path: path)
        } catch {
            throw .unreadableFile(path: path, reason: error.reason)
        }
    }

    /// Decodes `config.json`, or part of it, mapping JSON errors to the bundle's error cases.
    private static func decodeConfig<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], path: String) throws(ModelBundleError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            switch error.summary {
            case .notJSON:
                throw .configNotJSON(path: path)
            case let .missingKey(key):
                throw .notABundleConfig(path: path, missingKey: key)
            case .invalidValue(key: "(root)", reason: _):
                throw .notABundleConfig(path: path, missingKey: "formatVersion")
            case let .invalidValue(key, reason):
                throw .invalidConfig(path: path, key: key, reason: reason)
            }
        } catch {
            throw .invalidConfig(path: path, key: "(root)", reason: "cannot be decoded (\(error))")
        }
    }

    /// Checks that the weights hold exactly the tensors the config lists, with the listed shapes.
    ///
    /// Names are visited in UTF-8 byte order, so the first problem reported is deterministic.
    private static func check(_ tensors: [NamedTensor], against manifest: [String: [Int]], path: String) throws(ModelBundleError) {
        let actual = Dictionary(tensors.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        let names = Set(actual.keys).union(manifest.keys).sorted(by: SafeTensorsHeader.utf8Precedes)
        for name in names {
            switch (manifest[name], actual[name]) {
            case let (expected?, nil):
                throw .missingTensor(path: path, name: name, expectedShape: expected)
            case let (nil, shape?):
                throw .unexpectedTensor(path: path, name: name, shape: shape)
            case let (expected?, shape?) where expected != shape:
                throw .shapeMismatch(path: path, name: name, expectedShape: expected, actualShape: shape)
            default:
                continue
            }
        }
    }
}
