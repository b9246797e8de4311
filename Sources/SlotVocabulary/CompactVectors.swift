import SlotMath

/// Pretrained word vectors kept small for a model bundle: each row stored as
/// signed bytes with one scale per row (`v ≈ scale · q`, `q ∈ −127…127`), and
/// the words in one sorted UTF-8 blob searched by bisection, so that a bundle
/// with tens of thousands of words loads without building a dictionary.
///
/// A model reads these rows as fixed (never trained) features, so that a word
/// absent from the training corpus but present in the vectors still brings
/// what the vectors know about it (see ``row(of:)``).
package struct CompactVectors: Hashable, Sendable {
    /// The words' UTF-8 bytes, sorted by bytes, each followed by a newline.
    let wordBytes: [UInt8]
    /// Where each word starts in ``wordBytes``, plus the end of the blob.
    let wordStarts: [Int]
    /// The quantised rows, `count × dimension`, row-major.
    let values: [Int8]
    /// The scale of each row.
    let scales: [Float]
    /// The length of each vector.
    package let dimension: Int

    /// The number of words.
    package var count: Int { scales.count }

    /// Quantises vectors, one row per word.
    /// - Parameters:
    ///   - words: distinct words, none empty or holding a newline.
    ///   - vectors: `words.count × dimension`, finite.
    /// - Precondition: the words are distinct and the shapes agree.
    package init(words: [String], vectors: Matrix) {
        precondition(vectors.rows == words.count, "one vector per word")
        let order = words.indices.sorted { words[$0].utf8.lexicographicallyPrecedes(words[$1].utf8) }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var values = [Int8](repeating: 0, count: words.count * vectors.columns)
        var scales: [Float] = []
        for (row, index) in order.enumerated() {
            precondition(!words[index].isEmpty && !words[index].utf8.contains(10), "words are non-empty single lines")
            precondition(row == 0 || words[order[row - 1]] != words[index], "words are distinct")
            starts.append(bytes.count)
            bytes.append(contentsOf: words[index].utf8)
            bytes.append(10)
            let vector = vectors.row(index)
            let largest = vector.reduce(Float(0)) { max($0, abs($1)) }
            let scale = largest > 0 ? largest / 127 : 1
            scales.append(scale)
            for (column, value) in vector.enumerated() {
                values[row * vectors.columns + column] = Int8((value / scale).rounded())
            }
        }
        starts.append(bytes.count)
        self.init(wordBytes: bytes, wordStarts: starts, values: values, scales: scales, dimension: vectors.columns)
    }

    /// Assembles vectors from their stored parts (see ``init(encoded:)``).
    init(wordBytes: [UInt8], wordStarts: [Int], values: [Int8], scales: [Float], dimension: Int) {
        self.wordBytes = wordBytes
        self.wordStarts = wordStarts
        self.values = values
        self.scales = scales
        self.dimension = dimension
    }

    /// The `index`-th word in byte order.
    package func word(at index: Int) -> String {
        String(decoding: wordBytes[wordStarts[index] ..< wordStarts[index + 1] - 1], as: UTF8.self)
    }

    /// The row of `word`, found by bisection over the sorted words, or `nil`.
    package func row(of word: String) -> Int? {
        var key = word
        return key.withUTF8 { key in
            wordBytes.withUnsafeBufferPointer { blob in
                var low = 0, high = count
                while low < high {
                    let middle = (low + high) / 2
                    let entry = UnsafeBufferPointer(rebasing: blob[wordStarts[middle] ..< wordStarts[middle + 1] - 1])
                    if entry.lexicographicallyPrecedes(key) {
                        low = middle + 1
                    } else if key.lexicographicallyPrecedes(entry) {
                        high = middle
                    } else {
                        return middle
                    }
                }
                return nil
            }
        }
    }

    /// Writes row `row` (dequantised), or zeros for `nil`, to `target`.
    /// - Precondition: `target` holds ``dimension`` floats.
    package func copyRow(_ row: Int?, to target: UnsafeMutablePointer<Float>) {
        guard let row else {
            target.update(repeating: 0, count: dimension)
            return
        }
        let scale = scales[row]
        values.withUnsafeBufferPointer { values in
            for column in 0..<dimension { target[column] = Float(values[row * dimension + column]) * scale }
        }
    }

    /// The rows of `rows` (zeros for `nil`), one matrix row each.
    package func rows(_ rows: [Int?]) -> Matrix {
        var matrix = Matrix(rows: rows.count, columns: dimension)
        matrix.withUnsafeMutableBufferPointer { target in
            for (index, row) in rows.enumerated() { copyRow(row, to: target.baseAddress! + index * dimension) }
        }
        return matrix
    }
}
