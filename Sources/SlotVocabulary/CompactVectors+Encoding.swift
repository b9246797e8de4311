extension CompactVectors {
    /// The first 8 bytes of an encoded file.
    static let magic = Array("SLOTVEC1".utf8)
    /// The bytes before the scales: the magic and four little-endian `UInt32`s.
    static let headerSize = 24

    /// The file `vectors.bin` of a bundle:
    ///
    /// ```
    /// "SLOTVEC1"  count: u32  dimension: u32  wordBytes: u32  0: u32     (little-endian)
    /// count × f32 scales, count × dimension × i8 values, the words (UTF-8, sorted, each + "\n")
    /// ```
    package var encoded: [UInt8] {
        var bytes = Self.magic
        for field in [count, dimension, wordBytes.count, 0] {
            withUnsafeBytes(of: UInt32(field).littleEndian) { bytes.append(contentsOf: $0) }
        }
        for scale in scales {
            withUnsafeBytes(of: scale.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: wordBytes)
        return bytes
    }

    /// Decodes ``encoded`` bytes, checking every size against the file's
    /// length, that the scales are positive and finite, and that the words are
    /// non-empty, UTF-8 and strictly sorted.
    /// - Throws: a one-line reason when the bytes are not such a file.
    package init(encoded bytes: [UInt8]) throws(CompactVectorsError) {
        guard bytes.count >= Self.headerSize, Array(bytes[0..<8]) == Self.magic else {
            throw CompactVectorsError("it does not start with a SLOTVEC1 header")
        }
        func field(_ index: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(bytes[8 + 4 * index + $1]) << (8 * $1) }
        }
        let (count, dimension, wordLength) = (field(0), field(1), field(2))
        let expected = Self.headerSize + 4 * count + count * dimension + wordLength
        guard dimension > 0, bytes.count == expected else {
            throw CompactVectorsError("its header announces \(count) vectors of \(dimension) values and \(wordLength) bytes of words (\(expected) bytes), but it has \(bytes.count) bytes")
        }
        var offset = Self.headerSize
        var scales: [Float] = []
        scales.reserveCapacity(count)
        for _ in 0..<count {
            let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
            let scale = Float(bitPattern: bits)
            guard scale.isFinite, scale > 0 else { throw CompactVectorsError("scale \(scales.count + 1) is \(scale)") }
            scales.append(scale)
            offset += 4
        }
        let values = bytes[offset ..< offset + count * dimension].map { Int8(bitPattern: $0) }
        offset += count * dimension
        let words = Array(bytes[offset...])
        var starts = [0]
        for (index, byte) in words.enumerated() where byte == 10 { starts.append(index + 1) }
        guard starts.count == count + 1, starts.last == words.count else {
            throw CompactVectorsError("it holds \(starts.count - 1) newline-terminated words where the header says \(count)")
        }
        for index in 0..<count {
            let word = words[starts[index] ..< starts[index + 1] - 1]
            guard !word.isEmpty, String(validating: word, as: UTF8.self) != nil else {
                throw CompactVectorsError("word \(index + 1) is empty or not UTF-8")
            }
            if index > 0, !words[starts[index - 1] ..< starts[index] - 1].lexicographicallyPrecedes(word) {
                throw CompactVectorsError("word \(index + 1) is out of order")
            }
        }
        self.init(wordBytes: words, wordStarts: starts, values: values, scales: scales, dimension: dimension)
    }
}

/// Why bytes are not a ``CompactVectors`` file: one line.
package struct CompactVectorsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the bytes.
    package let description: String

    /// Creates an error saying `reason`.
    init(_ reason: String) { description = reason }
}
