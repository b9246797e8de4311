#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SlotIO

extension ModelBundle {
    /// Replaces the model configuration in an existing bundle's `config.json`,
    /// leaving the weights, their checksum, the model card and any other file
    /// of the directory as they are.
    ///
    /// The new `config.json` is written beside the old one as
    /// `.config.json.tmp-<random>`, synced, and renamed over it, so a failure
    /// leaves the old file intact.
    ///
    /// - Parameters:
    ///   - directory: the bundle's directory.
    ///   - configuration: the new configuration (for example the old one with a
    ///     calibration added).
    /// - Throws: ``ModelBundleError/writeFailed(path:reason:)`` when the
    ///   configuration cannot be read, encoded or written.
    package static func replaceConfiguration(in directory: String, with configuration: Configuration) throws(ModelBundleError) {
        let path = FileSystem.join(directory, configFileName)
        var file: BundleConfigFile<Configuration>
        do {
            let bytes = try FileSystem.readFile(path)
            file = try JSONDecoder().decode(BundleConfigFile<Configuration>.self, from: Data(bytes))
        } catch {
            throw .writeFailed(path: path, reason: "cannot read the configuration to update it: \(error)")
        }
        file.model = configuration
        let bytes = try encode(file, path: directory)
        let temporary = FileSystem.join(directory, ".\(configFileName).tmp-\(FileSystem.randomSuffix())")
        do {
            try FileSystem.writeNewFile(temporary, bytes)
            try FileSystem.rename(temporary, to: path)
        } catch {
            FileSystem.removeTree(temporary)
            throw .writeFailed(path: path, reason: error.reason)
        }
        FileSystem.syncDirectory(directory)
    }
}
