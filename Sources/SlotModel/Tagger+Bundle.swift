import SlotMath

extension Tagger {
    /// Loads a model bundle (`config.json`, `model.safetensors`, `README.md`).
    ///
    /// - Parameter directory: the bundle's directory, e.g. `models/atis-en`.
    /// - Throws: ``ModelBundleError`` when a file is missing, truncated,
    ///   corrupted (checksum) or foreign, and ``ModelError/inconsistentBundle(_:)``
    ///   when the weights do not fit the architecture the configuration describes.
    public init(contentsOf directory: String) throws {
        var bundle = try ModelBundle<ModelConfiguration>(contentsOf: directory)
        if let vectors = bundle.configuration.vectors {
            bundle.configuration.featurizer.pretrained = try vectors.load(from: directory)
        }
        let network = try TaggingNetwork(configuration: bundle.configuration, tensors: bundle.tensors)
        self.init(configuration: bundle.configuration, network: network)
    }

    /// Loads the default model: the directory in `$SLOT_TAGGER_MODEL`, else the
    /// shipped `models/atis-en` of the checkout or installation the running
    /// executable belongs to, else `./models/atis-en` (see
    /// ``defaultModelDirectory()``), as `tagger tag` does without `--model`.
    ///
    /// - Throws: ``ModelError/noDefaultModel(tried:)`` when there is none, and
    ///   what ``init(contentsOf:)`` throws when the one found is damaged.
    public init() throws {
        try self.init(contentsOf: Self.defaultModelDirectory())
    }

    /// The directory of the default model, looked for in this order: the
    /// environment variable `SLOT_TAGGER_MODEL` (used as given); `models/atis-en`
    /// in the running executable's directory and the four above it (a build
    /// inside a checkout); `<executable>/../share/slot-tagger/models/atis-en`
    /// (where `make install` puts it); `./models/atis-en`. A candidate counts
    /// when it holds `config.json`.
    ///
    /// - Returns: the directory.
    /// - Throws: ``ModelError/noDefaultModel(tried:)`` naming every place tried.
    public static func defaultModelDirectory() throws -> String {
        try DefaultModel.locate()
    }

    /// Writes the model as a bundle, atomically replacing `directory`.
    /// - Parameters:
    ///   - directory: where to write.
    ///   - modelCard: the text of `README.md`.
    ///   - extraFiles: files written into the bundle in the same atomic step (a training report).
    /// - Throws: ``ModelError/nonFiniteWeights(_:)`` when a parameter is NaN or infinite,
    ///   ``ModelBundleError/writeFailed(path:reason:)`` and related errors.
    package func write(to directory: String, modelCard: String, extraFiles: [(name: String, bytes: [UInt8])] = []) throws {
        let tensors = network.namedParameters.map {
            NamedTensor(name: $0.name, shape: $0.value.shape, values: $0.value.scalars)
        }
        if let bad = tensors.first(where: { !$0.values.allSatisfy(\.isFinite) }) { throw ModelError.nonFiniteWeights(bad.name) }
        var configuration = configuration
        var files = extraFiles
        if let pretrained = configuration.featurizer.pretrained {
            let (reference, bytes) = VectorsFile.describing(pretrained)
            configuration.vectors = reference
            files.append((reference.file, bytes))
        }
        try ModelBundle(configuration: configuration, tensors: tensors, modelCard: modelCard)
            .write(to: directory, extraFiles: files)
    }
}

extension TaggingNetwork {
    /// Rebuilds a network from a configuration and its stored tensors.
    /// - Throws: ``ModelError/inconsistentBundle(_:)`` when a tensor is missing or has another shape,
    ///   or when the architecture reads context features the featurizer does not compute.
    package init(configuration: ModelConfiguration, tensors: [NamedTensor]) throws {
        try Self.checkTableShapes(configuration: configuration, tensors: tensors)
        var generator = SplitMix64(seed: 0)
        let featurizer = configuration.featurizer
        let architecture = configuration.architecture
        guard (architecture.bigramDimension > 0) == (featurizer.context.bigrams != nil),
              (architecture.softwordDimension > 0) == featurizer.context.softwords else {
            throw ModelError.inconsistentBundle(
                "the architecture's bigram and soft-word sizes do not match the featurizer's context features")
        }
        guard (featurizer.pretrained?.dimension ?? 0) == architecture.pretrainedDimension else {
            throw ModelError.inconsistentBundle(
                "the architecture reads \(architecture.pretrainedDimension) pretrained values per word but the bundle's vectors have \(featurizer.pretrained?.dimension ?? 0)")
        }
        var network = TaggingNetwork(
            architecture: configuration.architecture, wordCount: featurizer.words.count,
            characterCount: featurizer.characters.count, labelCount: featurizer.labels.count,
            intentCount: featurizer.intents.count, bigramCount: featurizer.context.bigrams?.count ?? 0,
            pretrained: featurizer.pretrained, using: &generator)
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
            guard tensor.values.allSatisfy(\.isFinite) else { throw ModelError.nonFiniteWeights(name) }
            matrix = Matrix(rows: matrix.rows, columns: matrix.columns, scalars: tensor.values)
            used += 1
        }
        guard used == tensors.count else {
            throw ModelError.inconsistentBundle("the weights hold \(tensors.count - used) tensors the architecture does not use")
        }
        self = network
    }

    /// Checks the tables whose size grows with the vocabularies and label sets against the
    /// configuration's arithmetic before any network is allocated, so that a damaged
    /// `config.json` cannot make the loader allocate more than the weights file holds. (The
    /// other layers' sizes are bounded by ``Architecture/validate()``.)
    private static func checkTableShapes(configuration: ModelConfiguration, tensors: [NamedTensor]) throws {
        let architecture = configuration.architecture, featurizer = configuration.featurizer
        var expected = [
            "words.table": [featurizer.words.count, architecture.wordDimension],
            "emissions.weight": [featurizer.labels.count, 2 * architecture.hiddenSize],
        ]
        if architecture.characterDimension > 0 {
            expected["characters.embedding.table"] = [featurizer.characters.count, architecture.characterDimension]
        }
        if architecture.bigramDimension > 0, let bigrams = featurizer.context.bigrams {
            expected["context.bigrams.table"] = [bigrams.count, architecture.bigramDimension]
        }
        let shapes = Dictionary(tensors.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        if architecture.intentHead, !featurizer.intents.isEmpty {
            let width = shapes["intent.linear.weight"].flatMap { $0.count == 2 ? $0[1] : nil } ?? 0
            expected["intent.linear.weight"] = [featurizer.intents.count, width]
        }
        for (name, shape) in expected.sorted(by: { $0.key < $1.key }) where shapes[name] != shape {
            throw ModelError.inconsistentBundle(
                "tensor '\(name)' has shape \(shapes[name].map { "\($0)" } ?? "none") but the configuration needs \(shape)")
        }
    }
}
