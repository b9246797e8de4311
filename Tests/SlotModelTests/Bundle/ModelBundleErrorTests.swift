import Testing
@testable import SlotModel

@Suite("Model bundle error descriptions")
struct ModelBundleErrorTests {
    static let path = "models/atis/model.safetensors"

    static let everyCase: [ModelBundleError] = [
        .missingDirectory(path: path),
        .notADirectory(path: path),
        .missingFile(path: path),
        .unreadableFile(path: path, reason: "Permission denied"),
        .configNotJSON(path: path),
        .notABundleConfig(path: path, missingKey: "formatVersion"),
        .invalidConfig(path: path, key: "weights.file", reason: "is not a valid string"),
        .unsupportedFormatVersion(path: path, found: 3, supported: [1, 2]),
        .checksumMismatch(path: path, expected: "aa", actual: "bb"),
        .truncatedWeights(path: path, fileSize: 10, requiredSize: 20),
        .badHeader(path: path, reason: "the header is not valid JSON"),
        .unsupportedDType(path: path, tensor: "w", dtype: "BF16"),
        .missingTensor(path: path, name: "w", expectedShape: [2]),
        .unexpectedTensor(path: path, name: "w", shape: [2]),
        .shapeMismatch(path: path, name: "w", expectedShape: [2], actualShape: [3]),
        .notABundleDirectory(path: path),
        .writeFailed(path: path, reason: "No space left on device"),
    ]

    /// Every description is one line that starts with the file and ends with what to do.
    @Test(arguments: everyCase)
    func descriptionIsOneLineNamingTheFile(error: ModelBundleError) {
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix(Self.path + ": "))
        #expect(error.description.hasSuffix("."))
        #expect(error.description.contains("; "))
    }

    @Test func descriptionsAreDistinct() {
        #expect(Set(Self.everyCase.map(\.description)).count == Self.everyCase.count)
    }

    @Test func shapeMismatchNamesBothShapes() {
        #expect(ModelBundleError.shapeMismatch(path: Self.path, name: "lstm.weight", expectedShape: [800, 300], actualShape: [400, 300]).description
            == "models/atis/model.safetensors: tensor 'lstm.weight' has shape [400, 300] but config.json expects [800, 300]; the weights belong to another model: re-train or re-download the bundle.")
    }

    @Test func unsupportedVersionListsWhatIsSupported() {
        #expect(ModelBundleError.unsupportedFormatVersion(path: "m/config.json", found: 3, supported: [1, 2]).description
            == "m/config.json: bundle format version 3 is not supported (this library reads 1, 2); use a matching slot-tagger release or re-train the model.")
    }
}
