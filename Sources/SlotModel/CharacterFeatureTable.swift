import SlotMath

/// The character features of a fixed list of words, computed once, so that
/// tagging looks them up instead of running the character encoder per token.
///
/// A ``Tagger`` builds one for the word forms of its vocabulary when it loads:
/// most tokens of real utterances are such words, and the character encoder
/// (a BiLSTM over every character) was half of a forward pass. Words missing
/// from the table go through the encoder as before. The features depend only
/// on the encoder's weights, so a table is valid for the network it was built
/// from and nothing else; it never takes part in training.
package struct CharacterFeatureTable: Sendable {
    /// For each character-id sequence in the table, its row in ``features``.
    private let rows: [[Int]: Int]
    /// One row of character features per word, `words × outputSize`.
    private let features: Matrix

    /// The number of words in the table.
    package var count: Int { features.rows }

    /// Computes the features of `words` with `encoder`.
    ///
    /// - Parameters:
    ///   - encoder: the network's character encoder.
    ///   - words: character-id sequences (duplicates are kept once).
    ///   - batchSize: words per encoder pass, which bounds the pass's memory.
    package init(encoder: CharacterFeatures, words: [[Int]], batchSize: Int = 2048) {
        var rows: [[Int]: Int] = [:]
        var unique: [[Int]] = []
        for word in words where rows[word] == nil {
            rows[word] = unique.count
            unique.append(word)
        }
        var features = Matrix(rows: unique.count, columns: encoder.outputSize)
        for start in stride(from: 0, to: unique.count, by: batchSize) {
            let end = min(start + batchSize, unique.count)
            let (encoded, _) = encoder.forward(Array(unique[start ..< end]))
            Self.copy(encoded, rows: 0 ..< encoded.rows, into: &features, at: start ..< end)
        }
        self.rows = rows
        self.features = features
    }

    /// The character features of `words`, one row each: looked up where the
    /// table has the word, computed with `encoder` (in one pass) where not.
    ///
    /// - Parameters:
    ///   - words: character-id sequences, one per token.
    ///   - encoder: the encoder the table was built with.
    /// - Returns: `words.count × outputSize` features.
    package func features(of words: [[Int]], encoder: CharacterFeatures) -> Matrix {
        var output = Matrix(rows: words.count, columns: features.columns)
        var missing: [Int] = []
        for (index, word) in words.enumerated() {
            if let row = rows[word] {
                Self.copy(features, rows: row ..< row + 1, into: &output, at: index ..< index + 1)
            } else {
                missing.append(index)
            }
        }
        if !missing.isEmpty {
            let (encoded, _) = encoder.forward(missing.map { words[$0] })
            for (row, index) in missing.enumerated() {
                Self.copy(encoded, rows: row ..< row + 1, into: &output, at: index ..< index + 1)
            }
        }
        return output
    }

    /// Copies consecutive rows of `source` to consecutive rows of `target`.
    private static func copy(_ source: Matrix, rows: Range<Int>, into target: inout Matrix, at targetRows: Range<Int>) {
        let columns = source.columns
        source.withUnsafeBufferPointer { from in
            target.withUnsafeMutableBufferPointer { to in
                (to.baseAddress! + targetRows.lowerBound * columns)
                    .update(from: from.baseAddress! + rows.lowerBound * columns, count: rows.count * columns)
            }
        }
    }
}
