import SlotMath
import Testing
@testable import SlotModel

@Suite("SHA-256")
struct SHA256HasherTests {
    /// Every implementation this machine runs (portable Swift, and the processor's SHA instructions where present).
    static let implementations = SHA256Hasher.Implementation.allCases.filter(\.isAvailable)

    /// The FIPS 180-2 / NIST example messages and their published digests.
    @Test(arguments: implementations, [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(implementation: SHA256Hasher.Implementation, vector: (message: String, expected: String)) {
        #expect(Self.hexDigest(of: Array(vector.message.utf8), implementation) == vector.expected)
    }

    @Test(arguments: implementations)
    func oneMillionA(implementation: SHA256Hasher.Implementation) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hexDigest(of: message, implementation) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The processor's instructions and the portable code agree on every length up to five
    /// blocks and on a long pseudo-random message.
    @Test(.enabled(if: SHA256Hasher.Implementation.processor.isAvailable))
    func processorInstructionsAgreeWithPortableCode() {
        var generator = SplitMix64(seed: 7)
        let long = (0..<100_003).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in Array(0...320) + [long.count] {
            let message = Array(long.prefix(length))
            #expect(Self.hexDigest(of: message, .processor) == Self.hexDigest(of: message, .portable), "length \(length)")
        }
    }

    /// Lengths around the padding boundaries (55 bytes fits the length in one block, 56 needs two).
    /// Expected digests from Python's `hashlib.sha256(bytes((i * 7 + 3) % 256 for i in range(n)))`.
    @Test(arguments: implementations, [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ])
    func paddingBoundaries(implementation: SHA256Hasher.Implementation, vector: (length: Int, expected: String)) {
        #expect(Self.hexDigest(of: Self.pattern(vector.length), implementation) == vector.expected)
    }

    /// Feeding the message in uneven pieces gives the same digest as hashing it whole.
    @Test(arguments: [1, 3, 63, 64, 65, 200])
    func piecewiseUpdatesMatchOneShot(pieceLength: Int) {
        let message = Self.pattern(1000)
        var hasher = SHA256Hasher()
        var start = 0
        while start < message.count {
            let end = min(start + pieceLength, message.count)
            hasher.update(Array(message[start..<end]))
            start = end
        }
        #expect(hasher.finalize() == SHA256Hasher.digest(of: message))
        #expect(SHA256Hasher.hexadecimal(hasher.finalize()) == "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371")
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = SHA256Hasher()
        hasher.update(Array("ab".utf8))
        _ = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(SHA256Hasher.hexadecimal(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hexadecimalSpellsEveryByte() {
        #expect(SHA256Hasher.hexadecimal([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256Hasher.digest(of: []).count == SHA256Hasher.digestByteCount)
    }

    private static func hexDigest(of message: [UInt8], _ implementation: SHA256Hasher.Implementation) -> String {
        var hasher = SHA256Hasher(implementation: implementation)
        hasher.update(message)
        return SHA256Hasher.hexadecimal(hasher.finalize())
    }

    private static func pattern(_ length: Int) -> [UInt8] {
        (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
    }
}
