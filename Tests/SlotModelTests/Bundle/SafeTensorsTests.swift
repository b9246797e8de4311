import Testing
@testable import SlotModel

@Suite("Safetensors encoding and decoding")
struct SafeTensorsTests {
    /// Bytes written by the reference library (Python `safetensors` 0.8.0, numpy 2.4.6):
    /// ```python
    /// from safetensors.numpy import save
    /// save({"weight": np.array([[1.0, -2.5, 3.25], [0.0, -0.0, 1e-3]], dtype=np.float32),
    ///       "bias": np.array([0.5, -1.25], dtype=np.float32),
    ///       "emb.\"q\"é": np.array([7.0], dtype=np.float32)}, metadata={"format": "pt"}).hex()
    /// ```
    static let referenceHex = "d8000000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c2262696173223a7b226474797065223a22463332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b302c385d7d2c22656d622e5c22715c22c3a9223a7b226474797065223a22463332222c227368617065223a5b315d2c22646174615f6f666673657473223a5b382c31325d7d2c22776569676874223a7b226474797065223a22463332222c227368617065223a5b322c335d2c22646174615f6f666673657473223a5b31322c33365d7d7d20200000003f0000a0bf0000e0400000803f000020c00000504000000000000000806f12833a"

    static let referenceTensors = [
        NamedTensor(name: "weight", shape: [2, 3], values: [1.0, -2.5, 3.25, 0.0, -0.0, 1e-3]),
        NamedTensor(name: "bias", shape: [2], values: [0.5, -1.25]),
        NamedTensor(name: "emb.\"q\"é", shape: [1], values: [7.0]),
    ]

    @Test func encodingMatchesTheReferenceLibraryByteForByte() {
        let encoded = SafeTensors.encode(Self.referenceTensors, metadata: ["format": "pt"])
        #expect(SHA256Hasher.hexadecimal(encoded) == Self.referenceHex)
    }

    @Test func decodesWhatTheReferenceLibraryWrote() throws {
        let decoded = try SafeTensors.decode(BundleFixtures.bytes(hex: Self.referenceHex))
        #expect(decoded.metadata == ["format": "pt"])
        #expect(decoded.tensors.map(\.name) == ["bias", "emb.\"q\"é", "weight"])
        #expect(decoded.tensors.map(\.shape) == [[2], [1], [2, 3]])
        #expect(BundleFixtures.bitPatterns(decoded.tensors) == BundleFixtures.bitPatterns(BundleFixtures.sortedByName(Self.referenceTensors)))
    }

    @Test func roundTripIsBitIdenticalForSpecialValues() throws {
        let special: [Float] = [.nan, -.nan, .signalingNaN, .infinity, -.infinity, 0, -0,
                                .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, .pi, -1e-30]
        let tensors = [
            NamedTensor(name: "special", shape: [3, 4], values: special),
            NamedTensor(name: "scalar", shape: [], values: [42]),
            NamedTensor(name: "empty", shape: [0, 5], values: []),
            NamedTensor(name: "名前\n\u{1}", shape: [1, 1, 2], values: [1, 2]),
        ]
        let decoded = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: ["note": "tab\there \"quoted\" \\ ✓"]))
        #expect(decoded.metadata == ["note": "tab\there \"quoted\" \\ ✓"])
        #expect(decoded.tensors.map(\.name) == ["empty", "scalar", "special", "名前\n\u{1}"])
        #expect(decoded.tensors.map(\.shape) == [[0, 5], [], [3, 4], [1, 1, 2]])
        #expect(BundleFixtures.bitPatterns(decoded.tensors) == BundleFixtures.bitPatterns(BundleFixtures.sortedByName(tensors)))
    }

    @Test func encodingIsDeterministicWhateverTheInputOrder() {
        let tensors = BundleFixtures.sampleTensors()
        let metadata = ["b": "2", "a": "1", "c": "3"]
        let first = SafeTensors.encode(tensors, metadata: metadata)
        #expect(SafeTensors.encode(tensors, metadata: metadata) == first)
        #expect(SafeTensors.encode(tensors.reversed(), metadata: metadata) == first)
        #expect(SafeTensors.encode(tensors.shuffled(), metadata: metadata) == first)
    }

    @Test func headerIsPaddedWithSpacesToAMultipleOfEight() {
        for nameLength in 1...9 {
            let bytes = SafeTensors.encode([NamedTensor(name: String(repeating: "x", count: nameLength), shape: [1], values: [1])])
            let headerLength = BundleFixtures.headerLength(bytes)
            #expect(headerLength % 8 == 0)
            #expect(bytes.count == 8 + headerLength + 4)
            let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
            #expect(header.hasPrefix("{\"" + String(repeating: "x", count: nameLength) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"))
            #expect(header.drop { $0 != "}" }.dropFirst(2).allSatisfy { $0 == " " })
        }
    }

    @Test func emptyModelEncodesAsAnEmptyObject() throws {
        let bytes = SafeTensors.encode([])
        #expect(bytes == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        let decoded = try SafeTensors.decode(bytes)
        #expect(decoded.tensors.isEmpty)
        #expect(decoded.metadata.isEmpty)
    }

    /// A header written by hand, with the data in a different order than the names, no padding,
    /// extra whitespace and keys in another order: any valid writer's output must be accepted.
    @Test func parsesAHandBuiltHeader() throws {
        let header = #"{ "zeta" : {"data_offsets": [0, 8], "shape": [2], "dtype": "F32"}, "alpha": {"dtype":"F32","shape":[1,2],"data_offsets":[8,16]}, "__metadata__": {"k": "v"} }"#
        let data = BundleFixtures.littleEndianBytes([1.5, -2]) + BundleFixtures.littleEndianBytes([3, 4.25])
        let decoded = try SafeTensors.decode(BundleFixtures.safetensorsFile(header: header, data: data))
        #expect(decoded.metadata == ["k": "v"])
        #expect(decoded.tensors == [
            NamedTensor(name: "alpha", shape: [1, 2], values: [3, 4.25]),
            NamedTensor(name: "zeta", shape: [2], values: [1.5, -2]),
        ])
    }

    @Test func dataFollowsTheHeaderInNameOrderAsLittleEndianFloats() {
        let bytes = SafeTensors.encode([
            NamedTensor(name: "b", shape: [1], values: [1]),
            NamedTensor(name: "a", shape: [1], values: [-2]),
        ])
        let dataStart = 8 + BundleFixtures.headerLength(bytes)
        #expect(Array(bytes[dataStart...]) == [0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x80, 0x3f])
    }

    /// A model of the size we ship (2.5 million parameters) survives the trip unchanged.
    @Test func largeModelRoundTrip() throws {
        let tensors = BundleFixtures.largeTensors(parameterCount: 2_500_000)
        let bytes = SafeTensors.encode(tensors)
        #expect(bytes.count == 8 + BundleFixtures.headerLength(bytes) + 4 * 2_500_000)
        let decoded = try SafeTensors.decode(bytes)
        #expect(decoded.tensors == BundleFixtures.sortedByName(tensors))
    }
}
