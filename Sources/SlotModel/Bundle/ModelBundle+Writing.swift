#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import SlotIO

extension ModelBundle {
    /// Writes the bundle to a directory, atomically replacing any bundle already there.
    ///
    /// Everything is encoded in memory first, then written with ``AtomicDirectory``: into a
    /// temporary sibling directory, each file synced to disk, then exchanged with the old bundle
    /// in one step, so a reader or a crash sees the old complete bundle or the new one, never a
    /// mixture and never nothing.
    ///
    /// An existing target is replaced only if it is an empty directory or a directory whose
    /// `config.json` has a `formatVersion`: a directory of other files is never deleted. Other
    /// regular files in a replaced bundle (e.g. `test-scores.json`) are kept.
    ///
    /// - Parameters:
    ///   - directory: The bundle directory to create or replace, e.g. `models/atis-en`;
    ///     its parent must exist.
    ///   - extraFiles: Files written beside the bundle's own in the same atomic step (the
    ///     training report), by name.
    /// - Throws: ``ModelBundleError/notABundleDirectory(path:)`` when something other than a bundle
    ///   is at the path, ``ModelBundleError/writeFailed(path:reason:)`` when encoding, writing or
    ///   renaming fails.
    package func write(to directory: String, extraFiles: [(name: String, bytes: [UInt8])] = []) throws(ModelBundleError) {
        try write(to: directory, extraFiles: extraFiles, observer: { _ throws(DirectoryWriteError) in })
    }

    /// Writes the bundle, calling `observer` before each step (see ``AtomicDirectory``).
    package func write(
        to directory: String, extraFiles: [(name: String, bytes: [UInt8])] = [],
        observer: (DirectoryWriteStep) throws(DirectoryWriteError) -> Void
    ) throws(ModelBundleError) {
        let path = FileSystem.split(directory)?.path ?? directory
        let weights = SafeTensors.encode(tensors, metadata: metadata)
        let config = try encodedConfig(weightsChecksum: SHA256Hasher.hexDigest(of: weights), path: path)
        let files = [
            (name: Self.configFileName, bytes: config),
            (name: Self.weightsFileName, bytes: weights),
            (name: Self.modelCardFileName, bytes: Array(modelCard.utf8)),
        ] + extraFiles
        do {
            try AtomicDirectory.write(files, to: directory, recognises: Self.isBundle, observer: observer)
        } catch {
            throw ModelBundleError(error)
        }
    }

    /// Checks before any work that a bundle can be written to `directory` (see
    /// ``AtomicDirectory/checkWritable(_:recognises:)``).
    ///
    /// - Throws: ``ModelBundleError`` as ``write(to:extraFiles:)`` would.
    package static func checkWritable(_ directory: String) throws(ModelBundleError) {
        do {
            try AtomicDirectory.checkWritable(directory, recognises: isBundle)
        } catch {
            throw ModelBundleError(error)
        }
    }

    /// Encodes `config.json`: pretty-printed with sorted keys, so the same bundle gives the same bytes.
    private func encodedConfig(weightsChecksum: String, path: String) throws(ModelBundleError) -> [UInt8] {
        let file = BundleConfigFile(
            formatVersion: BundleConfigFile<Configuration>.currentFormatVersion,
            weights: WeightsManifest(
                file: Self.weightsFileName,
                sha256: weightsChecksum,
                tensors: Dictionary(tensors.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
            ),
            model: configuration
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(file)) + [UInt8(ascii: "\n")]
        } catch {
            throw .writeFailed(path: FileSystem.join(path, Self.configFileName), reason: "the configuration cannot be encoded as JSON: \(error)")
        }
    }

    /// Whether a directory holds a bundle: its `config.json` has a `formatVersion` (the marker
    /// every bundle this toolkit writes carries).
    private static func isBundle(_ directory: String) -> Bool {
        guard let bytes = try? FileSystem.readFile(FileSystem.join(directory, configFileName)) else { return false }
        return (try? JSONDecoder().decode(BundleFormatProbe.self, from: Data(bytes))) != nil
    }
}
