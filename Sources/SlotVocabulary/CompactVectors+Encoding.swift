extension CompactVectors {
    /// The first 8 bytes of an encoded file.
    static let magic = Array("SLOTVEC1".utf8)
    /// The bytes before the scales: the magic and four little-endian `UInt32`s.
    static let headerSize = 24
    /// The largest vector size read, so that a damaged header cannot make sizes overflow.
    static let maximumDimension = 4096

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
        guard (1...Self.maximumDimension).contains(dimension) else {
            throw CompactVectorsError("its vectors have \(dimension) values; at most \(Self.maximumDimension) are read")
        }
        let expected = Self.headerSize + 4 * count + count * dimension + wordLength
        guard bytes.count == expected else {
            throw CompactVectorsError("its header announces \(count) vectors of \(dimension) values and \(wordLength) bytes of words (\(expected) bytes), but it has \(bytes.count) bytes")
        }
        let valuesStart = Self.headerSize + 4 * count, wordsStart = valuesStart + count * dimension
        var scales = [Float](repeating: 0, count: count)
        var values = [Int8](repeating: 0, count: count * dimension)
        bytes.withUnsafeBytes { file in
            scales.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: file[Self.headerSize ..< valuesStart])) }
            values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: file[valuesStart ..< wordsStart])) }
        }
        for index in scales.indices {
            let scale = Float(bitPattern: UInt32(littleEndian: scales[index].bitPattern))
            guard scale.isFinite, scale > 0 else { throw CompactVectorsError("scale \(index + 1) is \(scale)") }
            scales[index] = scale
        }
        let words = Array(bytes[wordsStart...])
        guard String(validating: words, as: UTF8.self) != nil else { throw CompactVectorsError("its words are not UTF-8") }
        var starts = [0]
        starts.reserveCapacity(count + 1)
        for (index, byte) in words.enumerated() where byte == 10 { starts.append(index + 1) }
        guard starts.count == count + 1, starts.last == words.count else {
            throw CompactVectorsError("it holds \(starts.count - 1) newline-terminated words where the header says \(count)")
        }
        try words.withUnsafeBufferPointer { (blob) throws(CompactVectorsError) in
            for index in 0..<count {
                let word = UnsafeBufferPointer(rebasing: blob[starts[index] ..< starts[index + 1] - 1])
                guard !word.isEmpty else { throw CompactVectorsError("word \(index + 1) is empty") }
                if index > 0,
                   !UnsafeBufferPointer(rebasing: blob[starts[index - 1] ..< starts[index] - 1]).lexicographicallyPrecedes(word) {
                    throw CompactVectorsError("word \(index + 1) is out of order")
                }
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
