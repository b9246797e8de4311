#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The points of a bundle write at which an observer is called, in order (for tests that inject
/// failures or inspect the directory midway).
enum BundleWriteStep: CaseIterable, Sendable {
    /// About to create the temporary sibling directory.
    case createTemporaryDirectory
    /// About to write `config.json` into the temporary directory.
    case writeConfig
    /// About to write the weights into the temporary directory.
    case writeWeights
    /// About to write `README.md` into the temporary directory.
    case writeModelCard
    /// About to rename the existing bundle aside (only when one exists).
    case moveOldAside
    /// About to rename the temporary directory to the target path.
    case moveNewIn
    /// About to delete the old bundle that was renamed aside (only when one existed).
    case removeOld
}

extension ModelBundle {
    /// Writes the bundle to a directory, atomically replacing any bundle already there.
    ///
    /// Everything is encoded in memory first, then written into a temporary sibling directory
    /// `.NAME.tmp-<random>` (same parent, so the same file system) and each file synced to disk.
    /// If a bundle exists at the target it is renamed aside to `.NAME.old-<random>`, the new
    /// directory is renamed into place, and the old one deleted; if that second rename fails, the
    /// old bundle is renamed back. So a failure leaves the previous bundle as it was, and a crash
    /// never leaves a half-written bundle at the target: only in the instant between the two
    /// renames is the target absent, with the previous bundle intact beside it under the `.old`
    /// name. A crash can leave a `.NAME.tmp-…` or `.NAME.old-…` directory behind.
    ///
    /// An existing target is replaced only if it is an empty directory or a directory whose
    /// `config.json` has a `formatVersion`: a directory of other files is never deleted.
    ///
    /// - Parameter directory: The bundle directory to create or replace, e.g. `models/atis-en`;
    ///   its parent must exist.
    /// - Throws: ``ModelBundleError/notABundleDirectory(path:)`` when something other than a bundle
    ///   is at the path, ``ModelBundleError/writeFailed(path:reason:)`` when encoding, writing or
    ///   renaming fails.
    package func write(to directory: String) throws(ModelBundleError) {
        try write(to: directory, observer: { _ throws(ModelBundleError) in })
    }

    /// Writes the bundle, calling `observer` before each step; an error thrown by the observer
    /// is handled exactly like a failure of that step (at ``BundleWriteStep/removeOld``, where the
    /// new bundle is already in place, it only leaves the old one undeleted).
    ///
    /// - Parameters:
    ///   - directory: The bundle directory to create or replace.
    ///   - observer: Called with each step about to run; tests use it to inject failures or to
    ///     inspect the directories at that moment.
    /// - Throws: ``ModelBundleError`` as ``write(to:)`` does, or whatever `observer` throws.
    func write(to directory: String, observer: (BundleWriteStep) throws(ModelBundleError) -> Void) throws(ModelBundleError) {
        guard let (parent, name, target) = BundleFileSystem.split(directory) else {
            throw .writeFailed(path: directory, reason: "the path does not name a directory that can be created")
        }
        let weights = SafeTensors.encode(tensors, metadata: metadata)
        let config = try encodedConfig(weightsChecksum: SHA256Hasher.hexDigest(of: weights), path: target)

        let replacing: Bool
        switch BundleFileSystem.kind(of: target) {
        case .missing: replacing = false
        case .directory where Self.isReplaceable(target): replacing = true
        case .directory, .regularFile, .other: throw .notABundleDirectory(path: target)
        }
        guard BundleFileSystem.kind(of: parent) == .directory else {
            throw .writeFailed(path: target, reason: "the parent directory \(parent) does not exist")
        }

        let temporary = BundleFileSystem.join(parent, ".\(name).tmp-\(BundleFileSystem.randomSuffix())")
        try observer(.createTemporaryDirectory)
        do {
            try BundleFileSystem.makeDirectory(temporary)
        } catch {
            throw .writeFailed(path: target, reason: error.reason)
        }
        do throws(ModelBundleError) {
            let files: [(BundleWriteStep, String, [UInt8])] = [
                (.writeConfig, Self.configFileName, config),
                (.writeWeights, Self.weightsFileName, weights),
                (.writeModelCard, Self.modelCardFileName, Array(modelCard.utf8)),
            ]
            for (step, fileName, bytes) in files {
                try observer(step)
                do {
                    try BundleFileSystem.writeNewFile(BundleFileSystem.join(temporary, fileName), bytes)
                } catch {
                    throw .writeFailed(path: target, reason: error.reason)
                }
            }
            BundleFileSystem.syncDirectory(temporary)
        } catch {
            BundleFileSystem.removeTree(temporary)
            throw error
        }
        try replace(target, named: name, with: temporary, inside: parent, replacing: replacing, observer: observer)
    }

    /// Renames the finished temporary directory to the target, moving any old bundle aside first
    /// and restoring it if the new one cannot be moved in.
    private func replace(
        _ target: String, named name: String, with temporary: String, inside parent: String, replacing: Bool,
        observer: (BundleWriteStep) throws(ModelBundleError) -> Void
    ) throws(ModelBundleError) {
        var aside: String?
        do throws(ModelBundleError) {
            if replacing {
                let oldPath = BundleFileSystem.join(parent, ".\(name).old-\(BundleFileSystem.randomSuffix())")
                try observer(.moveOldAside)
                do {
                    try BundleFileSystem.rename(target, to: oldPath)
                } catch {
                    throw .writeFailed(path: target, reason: error.reason)
                }
                aside = oldPath
            }
            try observer(.moveNewIn)
            do {
                try BundleFileSystem.rename(temporary, to: target)
            } catch {
                throw .writeFailed(path: target, reason: error.reason)
            }
        } catch {
            BundleFileSystem.removeTree(temporary)
            guard let aside else { throw error }
            do {
                try BundleFileSystem.rename(aside, to: target)
            } catch let restoreFailure {
                var cause = error.description
                if case let .writeFailed(_, reason) = error { cause = reason }
                throw .writeFailed(path: target, reason: "\(cause); restoring the previous bundle failed too (\(restoreFailure.reason)), it is kept at \(aside)")
            }
            throw error
        }
        BundleFileSystem.syncDirectory(parent)
        guard let aside else { return }
        do {
            try observer(.removeOld)
            BundleFileSystem.removeTree(aside)
        } catch {
            // The new bundle is in place and synced; like a failed deletion, a failure here only
            // leaves the old bundle beside it under its `.old` name.
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
        return try Self.encode(file, path: path)
    }

    /// The bytes of `config.json` for `file`: pretty-printed with sorted keys and a final line break.
    static func encode(_ file: BundleConfigFile<Configuration>, path: String) throws(ModelBundleError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(file)) + [UInt8(ascii: "\n")]
        } catch {
            throw .writeFailed(path: BundleFileSystem.join(path, Self.configFileName), reason: "the configuration cannot be encoded as JSON: \(error)")
        }
    }

    /// Whether an existing directory may be replaced: it is empty or it holds a bundle config.
    private static func isReplaceable(_ directory: String) -> Bool {
        guard let names = BundleFileSystem.contents(of: directory) else { return false }
        if names.isEmpty { return true }
        guard let bytes = try? BundleFileSystem.readFile(BundleFileSystem.join(directory, configFileName)) else { return false }
        return (try? JSONDecoder().decode(BundleFormatProbe.self, from: Data(bytes))) != nil
    }
}
