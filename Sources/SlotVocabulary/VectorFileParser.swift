import SlotMath

/// The state of reading one vector file line by line (see
/// ``PretrainedVectors/init(contentsOf:format:expectedDimension:)``).
struct VectorFileParser {
    let file: String
    var format: PretrainedVectors.Format
    let expectedDimension: Int?
    private var dimension: Int?
    private var declaredCount: Int?
    private var sawFirstLine = false
    private var lastLine = 0
    private var words: [String] = []
    private var values: [Float] = []

    init(file: String, format: PretrainedVectors.Format, expectedDimension: Int?) {
        self.file = file
        self.format = format
        self.expectedDimension = expectedDimension
    }

    /// Reads one line: the header, a vector, or a blank line.
    mutating func consume(line: Int, bytes: UnsafeBufferPointer<UInt8>) throws(VocabularyError) {
        lastLine = line
        guard let wordStart = Self.skipSeparators(bytes, from: 0) else { return }
        if !sawFirstLine {
            sawFirstLine = true
            if format != .glove, let header = Self.header(bytes) {
                format = .word2vec
                try establish(dimension: header.dimension, line: line)
                declaredCount = header.count
                words.reserveCapacity(header.count)
                values.reserveCapacity(header.count * header.dimension)
                return
            }
            if format == .word2vec {
                throw .malformedHeader(file: file, line: line, text: String(decoding: bytes, as: UTF8.self))
            }
            format = .glove
        }
        let wordEnd = Self.fieldEnd(bytes, from: wordStart)
        guard let word = String(validating: UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd]), as: UTF8.self) else {
            throw .invalidUTF8(file: file, line: line)
        }
        let firstValue = values.count
        var valueCount = 0
        var position = wordEnd
        while let start = Self.skipSeparators(bytes, from: position) {
            let end = Self.fieldEnd(bytes, from: start)
            valueCount += 1
            let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let value = DecimalParser.parse(field) else {
                throw .notANumber(file: file, line: line, position: valueCount, text: String(decoding: field, as: UTF8.self))
            }
            if dimension.map({ valueCount <= $0 }) ?? true { values.append(value) }
            position = end
        }
        if let dimension {
            guard valueCount == dimension else {
                throw .wrongValueCount(file: file, line: line, word: word, expected: dimension, actual: valueCount)
            }
        } else {
            guard valueCount > 0 else {
                throw .wrongValueCount(file: file, line: line, word: word, expected: 1, actual: 0)
            }
            try establish(dimension: valueCount, line: line)
        }
        assert(values.count == firstValue + valueCount)
        words.append(word)
    }

    /// The words and their vectors once every line has been read.
    func finish() throws(VocabularyError) -> (words: [String], vectors: Matrix) {
        guard let dimension, !words.isEmpty else { throw .emptyFile(file: file) }
        if let declaredCount, declaredCount != words.count {
            throw .countMismatch(file: file, line: lastLine, declared: declaredCount, actual: words.count)
        }
        return (words, Matrix(rows: words.count, columns: dimension, scalars: values))
    }

    private mutating func establish(dimension: Int, line: Int) throws(VocabularyError) {
        if let expectedDimension, expectedDimension != dimension {
            throw .dimensionMismatch(file: file, line: line, expected: expectedDimension, actual: dimension)
        }
        self.dimension = dimension
    }

    /// `count dimension` when the line is exactly two non-negative integers (dimension ≥ 1).
    private static func header(_ bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, dimension: Int)? {
        var numbers: [Int] = []
        var position = 0
        while let start = skipSeparators(bytes, from: position) {
            let end = fieldEnd(bytes, from: start)
            guard numbers.count < 2, end - start <= 12 else { return nil }
            var number = 0
            for index in start..<end {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                number = number * 10 + Int(digit)
            }
            numbers.append(number)
            position = end
        }
        guard numbers.count == 2, numbers[1] >= 1 else { return nil }
        return (numbers[0], numbers[1])
    }

    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// The index of the first non-separator at or after `position`, or `nil` at the end of the line.
    @inline(__always)
    private static func skipSeparators(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        var position = position
        while position < bytes.count {
            if !isSeparator(bytes[position]) { return position }
            position += 1
        }
        return nil
    }

    /// The index just past the field starting at `position`.
    @inline(__always)
    private static func fieldEnd(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var position = position
        while position < bytes.count && !isSeparator(bytes[position]) { position += 1 }
        return position
    }
}
