import SlotMath
import Testing
@testable import SlotVocabulary

@Suite("CompactVectors")
struct CompactVectorsTests {
    static let words = ["paris", "the", "ñandú", "a", "北京"]
    static let vectors = Matrix(rows: 5, columns: 3, scalars: [
        0.5, -1.0, 0.25,
        0, 0, 0,
        3.0, 0.001, -2.9,
        -0.127, 0.127, 0.0635,
        1e-3, -5e-4, 2e-3,
    ])

    @Test("every value comes back within half a quantisation step of its row's scale")
    func quantisation() throws {
        let compact = CompactVectors(words: Self.words, vectors: Self.vectors)
        #expect(compact.count == 5 && compact.dimension == 3)
        for (index, word) in Self.words.enumerated() {
            let row = try #require(compact.row(of: word))
            #expect(compact.word(at: row) == word)
            let original = Self.vectors.row(index)
            let step = original.map(abs).max()! / 127
            let restored = compact.rows([row]).row(0)
            for (value, back) in zip(original, restored) {
                #expect(abs(value - back) <= step / 2 + 1e-7, "\(word): \(value) came back as \(back)")
            }
        }
        #expect(compact.rows([compact.row(of: "the")!]).row(0) == [0, 0, 0])
    }

    @Test("a word the vectors lack has no row, and a missing row reads as zeros")
    func missing() {
        let compact = CompactVectors(words: Self.words, vectors: Self.vectors)
        for word in ["", "Paris", "par", "parisx", "zzz", "北"] { #expect(compact.row(of: word) == nil, "\(word)") }
        #expect(compact.rows([nil]).row(0) == [0, 0, 0])
    }

    @Test("encoded and decoded: the same words, scales and values")
    func roundTrip() throws {
        let compact = CompactVectors(words: Self.words, vectors: Self.vectors)
        let bytes = compact.encoded
        #expect(bytes.count == 24 + 5 * 4 + 5 * 3 + Self.words.reduce(0) { $0 + $1.utf8.count + 1 })
        #expect(try CompactVectors(encoded: bytes) == compact)
    }

    /// Ways to damage an encoded file.
    enum Damage: CaseIterable, Sendable {
        case truncated, badMagic, zeroScale, wordsOutOfOrder

        func apply(to bytes: [UInt8]) -> [UInt8] {
            var damaged = bytes
            switch self {
            case .truncated: damaged.removeLast()
            case .badMagic: damaged[0] = UInt8(ascii: "X")
            case .zeroScale: damaged.replaceSubrange(24..<28, with: [0, 0, 0, 0])
            case .wordsOutOfOrder:
                // The first word in byte order, "a", becomes "z", which sorts after "the".
                damaged[damaged.count - CompactVectorsTests.words.reduce(0) { $0 + $1.utf8.count + 1 }] = UInt8(ascii: "z")
            }
            return damaged
        }
    }

    @Test("damaged bytes are refused with a reason", arguments: Damage.allCases)
    func damaged(damage: Damage) {
        let bytes = CompactVectors(words: Self.words, vectors: Self.vectors).encoded
        #expect(throws: CompactVectorsError.self) { try CompactVectors(encoded: damage.apply(to: bytes)) }
    }

    @Test("compact(limit:including:) keeps the file's head and every training word the file knows, under normalised keys")
    func selection() {
        let pretrained = PretrainedVectors(
            words: ["the", "The", "to", "Boston", "denver", "oslo"],
            vectors: Matrix(rows: 6, columns: 2, scalars: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]))
        var vocabulary = VocabularyBuilder()
        for word in ["boston", "oslo", "unseen"] { vocabulary.add(word) }
        let compact = pretrained.compact(limit: 2, including: vocabulary.makeVocabulary(), normalise: { $0.lowercased() })
        // "the" (head; "The" normalises to it and the first wins), "to" not kept past the limit,
        // "boston" (training word, found lower-cased) and "oslo" (training word); "denver" is neither.
        #expect((0..<compact.count).map(compact.word(at:)) == ["boston", "oslo", "the"])
        #expect(compact.rows([compact.row(of: "the")]).row(0) == [1, 1])
        #expect(compact.rows([compact.row(of: "boston")]).row(0) == [4, 4])
        #expect(compact.row(of: "denver") == nil && compact.row(of: "to") == nil)
    }
}
