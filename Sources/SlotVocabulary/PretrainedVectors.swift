import SlotCorpus
import SlotMath

/// Word vectors read from a word2vec or GloVe text file: one word and its
/// numbers per line, separated by spaces; word2vec files start with a
/// `count dimension` header line, GloVe files do not.
public struct PretrainedVectors: Sendable {
    /// The size of every vector.
    public let dimension: Int
    /// Each word's vector, by the word as written in the file (first occurrence wins).
    public let vectors: [String: [Float]]

    /// Reads a vectors file.
    /// - Throws: ``VocabularyError`` naming the file and line of a malformed line.
    public init(contentsOf path: String) throws {
        let reader: LineReader
        do {
            reader = try LineReader(contentsOf: path)
        } catch {
            throw VocabularyError.cannotOpen(file: path)
        }
        var dimension = 0
        var vectors: [String: [Float]] = [:]
        while let line = try reader.nextLine() {
            let fields = try line.string().split(separator: " ", omittingEmptySubsequences: true)
            if fields.isEmpty { continue }
            if line.number == 1, fields.count == 2, Int(fields[0]) != nil, let size = Int(fields[1]) {
                dimension = size
                continue
            }
            guard fields.count >= 2 else {
                throw VocabularyError.malformedVector(file: path, line: line.number, detail: "a word without numbers")
            }
            if dimension == 0 { dimension = fields.count - 1 }
            guard fields.count - 1 == dimension else {
                throw VocabularyError.malformedVector(
                    file: path, line: line.number, detail: "\(fields.count - 1) numbers where \(dimension) were expected")
            }
            var vector = [Float]()
            vector.reserveCapacity(dimension)
            for field in fields.dropFirst() {
                guard let value = Float(field) else {
                    throw VocabularyError.malformedVector(file: path, line: line.number, detail: "'\(field)' is not a number")
                }
                vector.append(value)
            }
            let word = String(fields[0])
            if vectors[word] == nil { vectors[word] = vector }
        }
        guard !vectors.isEmpty else { throw VocabularyError.emptyVectors(file: path) }
        self.dimension = dimension
        self.vectors = vectors
    }

    /// An embedding table for `vocabulary`: the vector of each entry found in
    /// the file (looked up by the normalised form of the file's words), a
    /// uniform random vector in `[-bound, bound)` for the rest, zero for padding.
    /// - Returns: the table and how many real entries were found.
    public func table(
        for vocabulary: Vocabulary, normalize: (String) -> String, bound: Float, using generator: inout SplitMix64
    ) -> (matrix: Matrix, matched: Int, total: Int) {
        var byKey: [String: [Float]] = [:]
        for (word, vector) in vectors.sorted(by: { $0.key < $1.key }) {
            let key = normalize(word)
            if byKey[key] == nil || word == key { byKey[key] = vector }
        }
        var matrix = Matrix.uniform(rows: vocabulary.count, columns: dimension, bound: bound, using: &generator)
        var matched = 0
        for id in 0..<vocabulary.count {
            if id == Vocabulary.paddingId {
                for column in 0..<dimension { matrix[id, column] = 0 }
            } else if id >= Vocabulary.firstWordId, let vector = byKey[vocabulary.entry(at: id)] {
                for column in 0..<dimension { matrix[id, column] = vector[column] }
                matched += 1
            }
        }
        return (matrix, matched, vocabulary.count - Vocabulary.firstWordId)
    }
}
