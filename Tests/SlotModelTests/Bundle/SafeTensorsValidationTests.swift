import Testing
@testable import SlotModel

@Suite("Safetensors validation of damaged and foreign files")
struct SafeTensorsValidationTests {
    static let path = "m/model.safetensors"

    /// Decodes and returns the error, failing the test when decoding succeeds.
    private func decodingError(_ bytes: [UInt8]) -> ModelBundleError? {
        do {
            _ = try SafeTensors.decode(bytes, path: Self.path)
            Issue.record("decoding succeeded but should have failed")
            return nil
        } catch {
            return error
        }
    }

    private func file(_ header: String, dataCount: Int = 8) -> [UInt8] {
        BundleFixtures.safetensorsFile(header: header, data: [UInt8](repeating: 0, count: dataCount))
    }

    @Test(arguments: [0, 1, 7])
    func truncatedInsideTheLength(keptBytes: Int) {
        let bytes = SafeTensors.encode(BundleFixtures.sampleTensors())
        #expect(decodingError(Array(bytes.prefix(keptBytes))) == .truncatedWeights(path: Self.path, fileSize: keptBytes, requiredSize: 8))
    }

    @Test(arguments: [8, 9, 50])
    func truncatedInsideTheHeader(keptBytes: Int) {
        let bytes = SafeTensors.encode(BundleFixtures.sampleTensors())
        let headerEnd = 8 + BundleFixtures.headerLength(bytes)
        #expect(decodingError(Array(bytes.prefix(keptBytes))) == .truncatedWeights(path: Self.path, fileSize: keptBytes, requiredSize: headerEnd))
    }

    @Test func truncatedInsideTheData() {
        let bytes = SafeTensors.encode(BundleFixtures.sampleTensors())
        let headerEnd = 8 + BundleFixtures.headerLength(bytes)
        for kept in [headerEnd, headerEnd + 1, bytes.count - 1] {
            #expect(decodingError(Array(bytes.prefix(kept))) == .truncatedWeights(path: Self.path, fileSize: kept, requiredSize: bytes.count))
        }
    }

    @Test func trailingBytesAreRejected() {
        let bytes = SafeTensors.encode(BundleFixtures.sampleTensors())
        #expect(decodingError(bytes + [0, 0, 0, 0]) == .badHeader(path: Self.path, reason: "4 bytes follow the last tensor, which ends at byte \(bytes.count)"))
    }

    @Test func otherDataTypesAreNamed() {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"half":{"dtype":"F16","shape":[2],"data_offsets":[4,8]}}"#
        #expect(decodingError(file(header)) == .unsupportedDType(path: Self.path, tensor: "half", dtype: "F16"))
    }

    @Test func headerThatIsNotJSON() {
        #expect(decodingError(file(#"{"a": {"dtype": "F32",, }"#)) == .badHeader(path: Self.path, reason: "the header is not valid JSON"))
    }

    @Test func headerThatDoesNotStartWithABrace() {
        #expect(decodingError(file(#"  {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#)) == .badHeader(path: Self.path, reason: "the header does not start with '{'"))
        #expect(decodingError(file("")) == .badHeader(path: Self.path, reason: "the header does not start with '{'"))
    }

    @Test func implausibleHeaderLength() {
        // The first bytes of a zip file, read as a header length.
        let bytes: [UInt8] = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + [UInt8](repeating: 0, count: 100)
        #expect(decodingError(bytes) == .badHeader(path: Self.path, reason: "the header length 1688935826934608 exceeds 100000000 bytes"))
    }

    @Test func entryWithoutDType() {
        #expect(decodingError(file(#"{"a":{"shape":[2],"data_offsets":[0,8]}}"#)) == .badHeader(path: Self.path, reason: "\"a.dtype\" is missing"))
    }

    @Test func metadataThatIsNotStrings() {
        #expect(decodingError(file(#"{"__metadata__":{"epochs":3},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#))
            == .badHeader(path: Self.path, reason: "\"__metadata__.epochs\" is not a valid string"))
    }

    @Test func offsetsThatDisagreeWithTheShape() {
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' of shape [3] needs 12 bytes but its data offsets [0, 8] span 8"))
    }

    @Test func malformedOffsetsAndShapes() {
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' has 3 data offsets instead of 2"))
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' has invalid data offsets [8, 0]"))
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' has invalid shape [-2]"))
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' has invalid shape [4294967296, 4294967296]"))
    }

    @Test func gapBetweenTensors() {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        #expect(decodingError(file(header, dataCount: 12))
            == .badHeader(path: Self.path, reason: "tensor 'b' starts at data byte 8 and leaves a gap after the previous tensor, which ends at 4"))
    }

    @Test func gapBeforeTheFirstTensor() {
        #expect(decodingError(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#))
            == .badHeader(path: Self.path, reason: "tensor 'a' starts at data byte 4 and leaves a gap after the previous tensor, which ends at 0"))
    }

    @Test func overlappingTensors() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        #expect(decodingError(file(header))
            == .badHeader(path: Self.path, reason: "tensor 'b' starts at data byte 4 and overlaps the previous tensor, which ends at 8"))
    }

    @Test func descriptionsNameTheFileAndSayWhatToDo() {
        let error = ModelBundleError.truncatedWeights(path: Self.path, fileSize: 100, requiredSize: 120)
        #expect(error.description == "m/model.safetensors: file ends at byte 100 but its header needs 120 bytes; the weights are truncated: re-train or re-download the bundle.")
        let dtype = ModelBundleError.unsupportedDType(path: Self.path, tensor: "half", dtype: "F16")
        #expect(dtype.description == "m/model.safetensors: tensor 'half' is stored as F16 but only F32 is supported; save the weights as float32.")
    }
}
