import SlotMath
import SlotModel
import Testing

/// The lazily filled table of character features against the encoder run on
/// each word alone: the same bits whatever came before, in any batch, on any
/// thread, and only vocabulary words kept.
@Suite struct CharacterFeatureTableTests {
    static let vocabulary: [[Int]] = [[4, 5, 6], [7, 8], [9], [4, 5, 6, 7, 8, 9, 10, 11]]
    static let unknown: [[Int]] = [[12, 13], [5, 5, 5, 5]]

    private static func encoder(_ encoding: Architecture.CharacterEncoding) -> CharacterFeatures {
        var architecture = Architecture()
        architecture.characterEncoding = encoding
        var generator = SplitMix64(seed: 9)
        return CharacterFeatures(architecture: architecture, characterCount: 16, using: &generator)
    }

    @Test(arguments: [Architecture.CharacterEncoding.bilstm, .cnn])
    func featuresAreTheEncodersOnEachWordAloneWhateverTheBatch(encoding: Architecture.CharacterEncoding) {
        let encoder = Self.encoder(encoding)
        let table = CharacterFeatureTable(words: Self.vocabulary)
        #expect(table.count == 0, "nothing is computed before a sentence needs it")
        let alone = (Self.vocabulary + Self.unknown).map { encoder.forward([$0]).output.row(0) }
        // Twice the same batch, then the words again in other company and order.
        let batches: [[Int]] = [[0, 4, 1, 0], [0, 4, 1, 0], [3, 2, 5], [5, 3, 1, 0, 2, 4]]
        for batch in batches {
            let words = batch.map { (Self.vocabulary + Self.unknown)[$0] }
            let features = table.features(of: words, encoder: encoder)
            for (row, word) in batch.enumerated() {
                #expect(features.row(row).map(\.bitPattern) == alone[word].map(\.bitPattern), "batch \(batch), row \(row)")
            }
        }
        #expect(table.count == Self.vocabulary.count, "every vocabulary word kept once, no unknown word kept")
    }

    @Test func threadsTaggingAtOnceSeeTheSameFeatures() {
        let encoder = Self.encoder(.bilstm)
        let table = CharacterFeatureTable(words: Self.vocabulary)
        let words = Self.vocabulary + Self.unknown
        let results = Workers.map(count: 8) { worker in
            table.features(of: (0..<words.count).map { words[($0 + worker) % words.count] }, encoder: encoder)
        }
        for (worker, features) in results.enumerated() {
            for row in 0..<words.count {
                let expected = encoder.forward([words[(row + worker) % words.count]]).output.row(0)
                #expect(features.row(row) == expected, "worker \(worker), row \(row)")
            }
        }
        #expect(table.count == Self.vocabulary.count)
    }
}
