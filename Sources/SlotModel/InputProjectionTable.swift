import SlotMath
import SlotLayers
import Synchronization

/// The first encoder layer's input projections of words, each computed from
/// the word alone and kept, so that tagging a sentence of known words does no
/// input-to-hidden product at all (about half of a sentence's arithmetic in
/// the default architecture).
///
/// A token's input to the first layer (word vector, fixed pretrained row,
/// character features) depends on the token alone when the model has no
/// context features; with the direct kernel, `x·W_xᵀ` for that input is then a
/// function of the token too (``RecurrentLayer/inputProjection(_:strategy:)``),
/// so a kept row is the same bits the product would give in any batch. A
/// ``Tagger`` makes one table for such a model; nothing is computed when the
/// model loads. A word is kept when its character form is one of the
/// vocabulary's word forms (as in ``CharacterFeatureTable``) and the table's
/// rows stay within ``byteBudget``; other words are projected every time.
///
/// The table is valid for the network it was made for and nothing else; it
/// never takes part in training.
package final class InputProjectionTable: Sendable {
    /// What a token's input to the first encoder layer is made of.
    package struct Word: Hashable, Sendable {
        /// The word-vector row.
        package var wordId: Int
        /// The fixed pretrained row, if the encoder reads pretrained rows and the word has one.
        package var pretrainedRow: Int?
        /// The character ids the character encoder reads.
        package var characterIds: [Int]
    }

    /// The memory a table may use for kept words: 16 MiB, about 5,000 words
    /// of the default architecture (3.2 kB each).
    package static let byteBudget = 16 << 20

    /// The character forms of the words that may be kept.
    private let vocabulary: Set<[Int]>
    /// The kept projections: the left-to-right reader's row, then the right-to-left reader's.
    private let kept: Mutex<[Word: [Float]]>

    /// Makes an empty table.
    ///
    /// - Parameter words: the character forms of the words it may keep (the
    ///   vocabulary's word forms); it keeps at most ``byteBudget`` bytes of rows.
    package init(words: [[Int]]) {
        vocabulary = Set(words)
        kept = Mutex([:])
    }

    /// The number of words kept so far.
    package var count: Int { kept.withLock { $0.count } }

    /// The projections of `words`, one row per token in each direction.
    ///
    /// - Parameters:
    ///   - words: the tokens of a batch, in order.
    ///   - project: projects the given words' inputs in one batch (called once
    ///     at most, with the words neither kept nor repeated).
    /// - Returns: the projections of every token.
    package func projections(of words: [Word], project: ([Word]) -> ProjectedInputs) -> ProjectedInputs {
        var rows = kept.withLock { kept in words.map { kept[$0] } }
        var missing: [Word] = []
        var missingIndex: [Word: Int] = [:]
        for index in words.indices where rows[index] == nil && missingIndex[words[index]] == nil {
            missingIndex[words[index]] = missing.count
            missing.append(words[index])
        }
        if !missing.isEmpty {
            let computed = project(missing)
            let width = computed.leftToRight.columns
            var newlyKept: [Word: [Float]] = [:]
            var missingRows: [[Float]] = []
            missingRows.reserveCapacity(missing.count)
            for (position, word) in missing.enumerated() {
                var row = computed.leftToRight.row(position)
                row.reserveCapacity(2 * width)
                row.append(contentsOf: computed.rightToLeft.row(position))
                missingRows.append(row)
                if vocabulary.contains(word.characterIds) { newlyKept[word] = row }
            }
            for index in words.indices where rows[index] == nil {
                guard let position = missingIndex[words[index]] else { preconditionFailure("every missing word was projected") }
                rows[index] = missingRows[position]
            }
            if !newlyKept.isEmpty {
                let capacity = Self.byteBudget / (2 * width * MemoryLayout<Float>.stride)
                kept.withLock { kept in
                    for (word, row) in newlyKept where kept.count < capacity { kept[word] = row }
                }
            }
        }
        let width = (rows.first??.count ?? 0) / 2
        var leftToRight = Matrix(rows: words.count, columns: width), rightToLeft = leftToRight
        leftToRight.withUnsafeMutableBufferPointer { left in
            rightToLeft.withUnsafeMutableBufferPointer { right in
                for (index, row) in rows.enumerated() {
                    guard let row else { preconditionFailure("every word's projection is kept or computed") }
                    row.withUnsafeBufferPointer { source in
                        (left.baseAddress! + index * width).update(from: source.baseAddress!, count: width)
                        (right.baseAddress! + index * width).update(from: source.baseAddress! + width, count: width)
                    }
                }
            }
        }
        return ProjectedInputs(leftToRight: leftToRight, rightToLeft: rightToLeft)
    }
}
