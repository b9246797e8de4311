import SlotIO
import SlotMath

/// Word vectors trained elsewhere (word2vec, GloVe, fastText text files), used
/// to initialise the word embedding.
///
/// The vectors are kept in file order in one `count × dimension` matrix. Load
/// them with ``init(contentsOf:format:expectedDimension:)`` and turn them into
/// an embedding for a vocabulary with
/// ``embeddingMatrix(for:normalise:using:scale:)``.
package struct PretrainedVectors: Hashable, Sendable {
    /// The text formats a vector file can have.
    package enum Format: String, Hashable, Sendable, CaseIterable {
        /// word2vec (and fastText `.vec`): a first line `count dimension`, then
        /// one `word v1 … vd` line per vector.
        case word2vec
        /// GloVe: no header; the dimension is the number of values on the first line.
        case glove
        /// word2vec when the first line is exactly two non-negative integers, GloVe otherwise.
        case automatic
    }

    /// The words in file order (as written in the file, not normalised).
    package let words: [String]
    /// The vectors, one row per word, `words.count × dimension`.
    package let vectors: Matrix

    /// Creates vectors from words and a matrix with one row per word.
    /// - Precondition: `vectors.rows == words.count`.
    package init(words: [String], vectors: Matrix) {
        precondition(vectors.rows == words.count, "\(words.count) words need \(words.count) vector rows, got \(vectors.rows)")
        self.words = words
        self.vectors = vectors
    }

    /// Loads a vector text file, streaming it in large chunks.
    ///
    /// Values are separated by spaces or tabs; trailing separators, Windows
    /// line ends and blank lines are accepted.
    /// - Parameters:
    ///   - path: the file's path.
    ///   - format: the file's format (detected from the first line by default).
    ///   - expectedDimension: if given, the dimension the vectors must have
    ///     (the model's word-embedding size).
    /// - Throws: a ``VocabularyError`` naming the file and line: unreadable
    ///   file, empty file, malformed header, wrong number of values, a value
    ///   that is not a finite number, a word that is not UTF-8, a dimension other
    ///   than `expectedDimension`, or a vector count other than the header's.
    package init(contentsOf path: String, format: Format = .automatic, expectedDimension: Int? = nil) throws(VocabularyError) {
        var parser = VectorFileParser(file: path, format: format, expectedDimension: expectedDimension)
        let reader: LineReader
        do {
            reader = try LineReader(contentsOf: path, bufferSize: 1 << 20)
        } catch let error as InputOutputError {
            throw Self.unreadable(path, error)
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
        while true {
            let line: InputLine?
            do {
                line = try reader.nextLine()
            } catch let error as InputOutputError {
                throw Self.unreadable(path, error)
            } catch {
                throw .unreadable(file: path, reason: "\(error)")
            }
            guard let line else { break }
            try line.bytes.withUnsafeBufferPointer { bytes throws(VocabularyError) in
                try parser.consume(line: line.number, bytes: bytes)
            }
        }
        let (words, vectors) = try parser.finish()
        self.init(words: words, vectors: vectors)
    }

    /// The reading error `error` of the line reader as this module's error.
    private static func unreadable(_ path: String, _ error: InputOutputError) -> VocabularyError {
        switch error {
        case let .cannotOpen(_, reason), let .readFailed(_, reason): .unreadable(file: path, reason: reason)
        default: .unreadable(file: path, reason: error.description)
        }
    }

    /// The number of vectors.
    package var count: Int { words.count }

    /// The length of each vector.
    package var dimension: Int { vectors.columns }

    /// The vector of the `index`-th word of the file.
    package func vector(at index: Int) -> [Float] {
        vectors.row(index)
    }
}
