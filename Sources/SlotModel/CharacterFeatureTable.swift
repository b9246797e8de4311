import SlotMath
import Synchronization

/// The character features of words, each computed from the word alone and
/// kept for the words of the vocabulary, so that tagging looks them up
/// instead of running the character encoder for every token.
///
/// A ``Tagger`` makes one for the word forms of its vocabulary. Nothing is
/// computed when the model loads: a vocabulary word's features are computed
/// the first time a sentence holds it and kept from then on (at most one row
/// per vocabulary word); other words go through the encoder every time.
/// Loading the 11,070-word SNIPS vocabulary's features eagerly had been most
/// of `tagger tag`'s start-up (about 0.4 s).
///
/// Every word goes through the encoder alone, never in a batch with others,
/// so its features are a function of the word and the encoder's weights:
/// the same bits whichever sentences came first and however many threads tag
/// at once. The table is valid for the network it was made for and nothing
/// else; it never takes part in training.
package final class CharacterFeatureTable: Sendable {
    /// The words whose features are kept once computed.
    private let vocabulary: Set<[Int]>
    /// The features of the vocabulary words computed so far.
    private let kept: Mutex<[[Int]: [Float]]>

    /// Makes an empty table that keeps the features of `words`.
    ///
    /// - Parameter words: character-id sequences (the vocabulary's word forms).
    package init(words: [[Int]]) {
        vocabulary = Set(words)
        kept = Mutex([:])
    }

    /// The number of words whose features are kept so far.
    package var count: Int { kept.withLock { $0.count } }

    /// The character features of `words`, one row each.
    ///
    /// - Parameters:
    ///   - words: character-id sequences, one per token.
    ///   - encoder: the encoder of the network the table was made for.
    /// - Returns: `words.count × outputSize` features.
    package func features(of words: [[Int]], encoder: CharacterFeatures) -> Matrix {
        var rows = kept.withLock { kept in words.map { kept[$0] } }
        var computed: [[Int]: [Float]] = [:]
        for index in words.indices where rows[index] == nil {
            let word = words[index]
            if let row = computed[word] {
                rows[index] = row
                continue
            }
            let row = encoder.forward([word]).output.row(0)
            computed[word] = row
            rows[index] = row
        }
        let newlyKept = computed.filter { vocabulary.contains($0.key) }
        if !newlyKept.isEmpty {
            kept.withLock { kept in kept.merge(newlyKept) { old, _ in old } }
        }
        var output = Matrix(rows: words.count, columns: encoder.outputSize)
        for (index, row) in rows.enumerated() {
            guard let row else { preconditionFailure("every word's features are looked up or computed") }
            for (column, value) in row.enumerated() { output[index, column] = value }
        }
        return output
    }
}
