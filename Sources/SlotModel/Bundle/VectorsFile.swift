import SlotIO
import SlotVocabulary

/// Where a bundle keeps its fixed pretrained vectors (see
/// ``Featurizer/pretrained``): a file beside the weights, in
/// ``CompactVectors``' format, with its SHA-256 recorded in `config.json`
/// under `model.vectors`.
package struct VectorsFile: Hashable, Sendable, Codable {
    /// The file's name inside a bundle written by this version.
    package static let defaultName = "vectors.bin"

    /// The file's name inside the bundle directory.
    package var file: String
    /// The file's SHA-256, lowercase hexadecimal.
    package var sha256: String

    /// The reference to `vectors` written as ``defaultName``, and the bytes to write.
    package static func describing(_ vectors: CompactVectors) -> (reference: VectorsFile, bytes: [UInt8]) {
        let bytes = vectors.encoded
        return (VectorsFile(file: defaultName, sha256: SHA256Hasher.hexDigest(of: bytes)), bytes)
    }

    /// Reads and checks the file in `directory`.
    /// - Throws: ``ModelBundleError``: a file name outside the bundle, a
    ///   missing or unreadable file, a checksum other than the recorded one,
    ///   bytes that are not a vectors file.
    package func load(from directory: String) throws(ModelBundleError) -> CompactVectors {
        let configPath = FileSystem.join(directory, ModelBundle<ModelConfiguration>.configFileName)
        guard !file.isEmpty, !file.contains("/"), file != ".", file != ".." else {
            throw .invalidConfig(path: configPath, key: "model.vectors.file", reason: "must name a file inside the bundle directory")
        }
        let path = FileSystem.join(directory, file)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch where error.isMissingFile {
            throw .missingFile(path: path)
        } catch {
            throw .unreadableFile(path: path, reason: error.reason)
        }
        let checksum = SHA256Hasher.hexDigest(of: bytes)
        guard checksum == sha256.lowercased() else { throw .checksumMismatch(path: path, expected: sha256, actual: checksum) }
        do {
            return try CompactVectors(encoded: bytes)
        } catch {
            throw .badVectors(path: path, reason: error.description)
        }
    }
}
