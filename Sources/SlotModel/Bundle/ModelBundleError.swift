import SlotIO

/// Why a model bundle, or the safetensors file inside it, could not be read or written.
///
/// Every case names the file it concerns; ``description`` is one line saying what went wrong,
/// where, and what to do about it.
public enum ModelBundleError: Error, CustomStringConvertible, Equatable {
    /// No file or directory exists at the bundle's path.
    case missingDirectory(path: String)
    /// The bundle's path names a file, not a directory.
    case notADirectory(path: String)
    /// A file the bundle must hold is absent.
    case missingFile(path: String)
    /// A file exists but could not be read (permissions, I/O error, a directory in its place).
    case unreadableFile(path: String, reason: String)
    /// `config.json` is not valid JSON.
    case configNotJSON(path: String)
    /// `config.json` is JSON but not a bundle's config: a required key (dotted path) is absent.
    case notABundleConfig(path: String, missingKey: String)
    /// A key of `config.json` (dotted path) holds a value of the wrong kind.
    case invalidConfig(path: String, key: String, reason: String)
    /// The bundle was written in a format version this library cannot read.
    case unsupportedFormatVersion(path: String, found: Int, supported: [Int])
    /// A file of the bundle (the weights or the pretrained vectors) has a SHA-256 (lowercase hexadecimal) other than the one recorded in `config.json`.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The safetensors file ends at byte `fileSize` but its own header needs `requiredSize` bytes.
    case truncatedWeights(path: String, fileSize: Int, requiredSize: Int)
    /// The safetensors header is not valid: bad JSON, bad offsets, bad shapes or trailing bytes.
    case badHeader(path: String, reason: String)
    /// The bundle's pretrained-vectors file (`vectors.bin`) is not valid.
    case badVectors(path: String, reason: String)
    /// A tensor is stored in a data type other than F32.
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// A tensor listed in `config.json` is absent from the weights.
    case missingTensor(path: String, name: String, expectedShape: [Int])
    /// The weights hold a tensor that `config.json` does not list.
    case unexpectedTensor(path: String, name: String, shape: [Int])
    /// A tensor's shape in the weights differs from the one `config.json` lists.
    case shapeMismatch(path: String, name: String, expectedShape: [Int], actualShape: [Int])
    /// Something already exists at the output path and does not look like a model bundle.
    case notABundleDirectory(path: String)
    /// The output is a bundle but holds an entry that is not a regular file, which cannot be kept.
    case foreignEntry(path: String, name: String)
    /// Writing the bundle failed; any bundle previously at the path is left as it was.
    case writeFailed(path: String, reason: String)

    /// The bundle error for a failed directory write.
    init(_ error: DirectoryWriteError) {
        switch error {
        case let .notRecognised(path): self = .notABundleDirectory(path: path)
        case let .foreignEntry(path, name): self = .foreignEntry(path: path, name: name)
        case let .failed(path, reason): self = .writeFailed(path: path, reason: reason)
        }
    }

    /// One line: the file, what is wrong, and what to do.
    public var description: String {
        switch self {
        case let .missingDirectory(path):
            "\(path): no model bundle here; check the path or train a model into it."
        case let .notADirectory(path):
            "\(path): is a file, not a model bundle directory; give the directory that holds config.json."
        case let .missingFile(path):
            "\(path): file missing from the model bundle; the bundle is incomplete: re-train or re-download it."
        case let .unreadableFile(path, reason):
            "\(path): cannot read the file (\(reason)); check that it is a readable regular file."
        case let .configNotJSON(path):
            "\(path): not valid JSON, so not a model bundle config; re-train or re-download the bundle."
        case let .notABundleConfig(path, missingKey):
            "\(path): not a model bundle config (no \"\(missingKey)\" key); give a directory written by the trainer."
        case let .invalidConfig(path, key, reason):
            "\(path): \"\(key)\" \(reason); the config is damaged: re-train or re-download the bundle."
        case let .unsupportedFormatVersion(path, found, supported):
            "\(path): bundle format version \(found) is not supported (this library reads \(supported.map(String.init).joined(separator: ", "))); use a matching slot-tagger release or re-train the model."
        case let .checksumMismatch(path, expected, actual):
            "\(path): SHA-256 is \(actual) but config.json records \(expected); the file is corrupted: re-train or re-download the bundle."
        case let .truncatedWeights(path, fileSize, requiredSize):
            "\(path): file ends at byte \(fileSize) but its header needs \(requiredSize) bytes; the weights are truncated: re-train or re-download the bundle."
        case let .badHeader(path, reason):
            "\(path): invalid safetensors header: \(reason); the file is damaged or not a safetensors file: re-train or re-download the bundle."
        case let .badVectors(path, reason):
            "\(path): invalid pretrained-vectors file: \(reason); the file is damaged: re-train or re-download the bundle."
        case let .unsupportedDType(path, tensor, dtype):
            "\(path): tensor '\(tensor)' is stored as \(dtype) but only F32 is supported; save the weights as float32."
        case let .missingTensor(path, name, expectedShape):
            "\(path): tensor '\(name)' of shape \(expectedShape) listed in config.json is missing; the bundle is incomplete: re-train or re-download it."
        case let .unexpectedTensor(path, name, shape):
            "\(path): tensor '\(name)' of shape \(shape) is not listed in config.json; the weights belong to another model: re-train or re-download the bundle."
        case let .shapeMismatch(path, name, expectedShape, actualShape):
            "\(path): tensor '\(name)' has shape \(actualShape) but config.json expects \(expectedShape); the weights belong to another model: re-train or re-download the bundle."
        case let .notABundleDirectory(path):
            "\(path): exists and is not a model bundle, so it is not replaced; choose another output directory or remove it."
        case let .foreignEntry(path, name):
            "\(path): holds '\(name)', which is not a regular file the trainer can keep, so the bundle is not replaced; move it away or choose another output directory."
        case let .writeFailed(path, reason):
            "\(path): cannot write the model bundle (\(reason)); check that the parent directory exists, is writable and has free space."
        }
    }
}
