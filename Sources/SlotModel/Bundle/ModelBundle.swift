/// A trained model as saved on disk: a directory holding `config.json`, `model.safetensors`
/// and `README.md`.
///
/// ```
/// models/atis-en/
///   config.json        {"formatVersion": 1, "weights": {"file", "sha256", "tensors": {name: shape}}, "model": …}
///   model.safetensors  every parameter as a named float32 tensor, readable by any safetensors reader
///   README.md          the model card
/// ```
/// The bundle is generic over the model's own configuration, which it stores under `"model"` in
/// `config.json` without looking inside. Writing is atomic (see ``write(to:)``); loading checks
/// the checksum and every tensor's name and shape (see ``init(contentsOf:)``).
package struct ModelBundle<Configuration: Codable & Sendable>: Sendable {
    /// The name of the configuration file inside a bundle.
    package static var configFileName: String { "config.json" }
    /// The name of the weights file inside a bundle.
    package static var weightsFileName: String { "model.safetensors" }
    /// The name of the model card inside a bundle.
    package static var modelCardFileName: String { "README.md" }

    /// The model's configuration, stored under `"model"` in `config.json`.
    package var configuration: Configuration
    /// Every parameter of the model, sorted by name once loaded.
    package var tensors: [NamedTensor]
    /// The model card: Markdown describing data, training command, scores and speed.
    package var modelCard: String
    /// Free-form string metadata stored in the safetensors header's `__metadata__`.
    package var metadata: [String: String]

    /// Creates a bundle in memory, ready to be written.
    ///
    /// - Parameters:
    ///   - configuration: The model's configuration.
    ///   - tensors: Every parameter of the model; names must be unique and not `__metadata__`.
    ///   - modelCard: The Markdown model card.
    ///   - metadata: String metadata for the safetensors header (empty by default).
    package init(configuration: Configuration, tensors: [NamedTensor], modelCard: String, metadata: [String: String] = [:]) {
        self.configuration = configuration
        self.tensors = tensors
        self.modelCard = modelCard
        self.metadata = metadata
    }

    /// Returns the tensor with the given name.
    ///
    /// - Parameter name: The parameter's name.
    /// - Returns: The tensor, or `nil` when the bundle has none of that name.
    package func tensor(named name: String) -> NamedTensor? {
        tensors.first { $0.name == name }
    }
}

/// Two bundles are equal when their configurations, tensors (in order), model cards and metadata are.
extension ModelBundle: Equatable where Configuration: Equatable {}
