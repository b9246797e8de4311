import SlotMath

extension Tagger {
    /// Loads a model bundle (`config.json`, `model.safetensors`, `README.md`).
    ///
    /// - Parameter directory: the bundle's directory, e.g. `models/atis-en`.
    /// - Throws: ``ModelBundleError`` when a file is missing, truncated,
    ///   corrupted (checksum) or foreign, and ``ModelError/inconsistentBundle(_:)``
    ///   when the weights do not fit the architecture the configuration describes.
    public init(contentsOf directory: String) throws {
        let bundle = try ModelBundle<ModelConfiguration>(contentsOf: directory)
        let network = try TaggingNetwork(configuration: bundle.configuration, tensors: bundle.tensors)
        self.init(configuration: bundle.configuration, network: network)
    }

    /// Writes the model as a bundle, atomically replacing `directory`.
    /// - Parameters:
    ///   - directory: where to write.
    ///   - modelCard: the text of `README.md`.
    /// - Throws: ``ModelBundleError/writeFailed(path:reason:)`` and related errors.
    public func write(to directory: String, modelCard: String) throws {
        let tensors = network.namedParameters.map {
            NamedTensor(name: $0.name, shape: $0.value.shape, values: $0.value.scalars)
        }
        try ModelBundle(configuration: configuration, tensors: tensors, modelCard: modelCard).write(to: directory)
    }
}

extension TaggingNetwork {
    /// Rebuilds a network from a configuration and its stored tensors.
    /// - Throws: ``ModelError/inconsistentBundle(_:)`` when a tensor is missing or has another shape,
    ///   or when the architecture reads context features the featurizer does not compute.
    public init(configuration: ModelConfiguration, tensors: [NamedTensor]) throws {
        var generator = SplitMix64(seed: 0)
        let featurizer = configuration.featurizer
        let architecture = configuration.architecture
        guard (architecture.bigramDimension > 0) == (featurizer.context.bigrams != nil),
              (architecture.softwordDimension > 0) == featurizer.context.softwords else {
            throw ModelError.inconsistentBundle(
                "the architecture's bigram and soft-word sizes do not match the featurizer's context features")
        }
        var network = TaggingNetwork(
            architecture: configuration.architecture, wordCount: featurizer.words.count,
            characterCount: featurizer.characters.count, labelCount: featurizer.labels.count,
            intentCount: featurizer.intents.count, bigramCount: featurizer.context.bigrams?.count ?? 0,
            using: &generator)
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var used = 0
        try network.visitParameters { name, matrix in
            guard let tensor = byName[name] else {
                throw ModelError.inconsistentBundle("the architecture needs tensor '\(name)', which the weights lack")
            }
            guard tensor.shape == matrix.shape else {
                throw ModelError.inconsistentBundle(
                    "tensor '\(name)' has shape \(tensor.shape) but the architecture needs \(matrix.shape)")
            }
            matrix = Matrix(rows: matrix.rows, columns: matrix.columns, scalars: tensor.values)
            used += 1
        }
        guard used == tensors.count else {
            throw ModelError.inconsistentBundle("the weights hold \(tensors.count - used) tensors the architecture does not use")
        }
        self = network
    }
}
