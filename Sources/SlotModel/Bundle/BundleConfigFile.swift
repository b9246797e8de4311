/// The on-disk shape of a bundle's `config.json`.
///
/// ```json
/// {"formatVersion": 1,
///  "weights": {"file": "model.safetensors", "sha256": "<hex>", "tensors": {"name": [shape…]}},
///  "model": <the model's own configuration>}
/// ```
struct BundleConfigFile<Model: Codable>: Codable {
    /// The bundle format version this library writes.
    static var currentFormatVersion: Int { 1 }
    /// The bundle format versions this library reads.
    static var supportedFormatVersions: [Int] { [1] }

    /// The version of this layout.
    var formatVersion: Int
    /// Where the weights are and what they must contain.
    var weights: WeightsManifest
    /// The model's configuration, opaque to the bundle.
    var model: Model
}

/// The `weights` section of `config.json`: the weights file, its checksum and its tensors' shapes.
struct WeightsManifest: Codable, Equatable {
    /// The weights file's name inside the bundle directory.
    var file: String
    /// The SHA-256 of the weights file, lowercase hexadecimal.
    var sha256: String
    /// Every tensor's shape by name.
    var tensors: [String: [Int]]
}

/// The one key every bundle config has, read first so that a future layout reports its version
/// instead of whatever key it no longer has.
struct BundleFormatProbe: Decodable {
    /// The version of the config's layout.
    var formatVersion: Int
}
