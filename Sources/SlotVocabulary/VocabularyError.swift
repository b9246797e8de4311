/// What can go wrong when building, decoding or loading vocabularies and
/// pretrained vectors.
///
/// Every case carries where it happened (the file and 1-based line for vector
/// files, the entry and id for decoded vocabularies) and its description is one
/// line that says what went wrong, where, and what to do.
public enum VocabularyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A decoded vocabulary does not start with its special entry at `id`
    /// (`found` is what is there instead, `nil` when the list is too short).
    case missingSpecialEntry(expected: String, id: Int, found: String?)
    /// A decoded vocabulary lists `entry` twice, at `firstID` and `secondID`.
    case duplicateEntry(String, firstID: Int, secondID: Int)
    /// A decoded character vocabulary holds an entry at `id` that is not exactly one Unicode scalar.
    case notASingleScalar(String, id: Int)
    /// A vector file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// A vector file holds no vectors.
    case emptyFile(file: String)
    /// A word2vec header is not two non-negative integers `count dimension`.
    case malformedHeader(file: String, line: Int, text: String)
    /// A line holds `actual` values where the file's dimension says `expected`.
    case wrongValueCount(file: String, line: Int, word: String, expected: Int, actual: Int)
    /// The `position`-th value (1-based) of a line is not a finite number.
    case notANumber(file: String, line: Int, position: Int, text: String)
    /// A line's word is not valid UTF-8.
    case invalidUTF8(file: String, line: Int)
    /// The file's vectors have `actual` dimensions where the caller asked for `expected`.
    case dimensionMismatch(file: String, line: Int, expected: Int, actual: Int)
    /// A word2vec header announced `declared` vectors but the file holds `actual`.
    case countMismatch(file: String, line: Int, declared: Int, actual: Int)

    /// One line: what went wrong, where, and what to do.
    public var description: String {
        switch self {
        case let .missingSpecialEntry(expected, id, found):
            let seen = found.map { "\"\($0)\"" } ?? "nothing"
            return "vocabulary entry \(id) must be \"\(expected)\" but is \(seen); the vocabulary list is corrupt, rebuild it or retrain the model"
        case let .duplicateEntry(entry, firstID, secondID):
            return "vocabulary lists \"\(entry)\" twice (ids \(firstID) and \(secondID)); the vocabulary list is corrupt, rebuild it or retrain the model"
        case let .notASingleScalar(entry, id):
            return "character vocabulary entry \(id) \"\(entry)\" is not a single Unicode scalar; the vocabulary list is corrupt, rebuild it or retrain the model"
        case let .unreadable(file, reason):
            return "\(file): cannot read vectors: \(reason); check the path and its permissions"
        case let .emptyFile(file):
            return "\(file): the file holds no vectors; give a word2vec or GloVe text file"
        case let .malformedHeader(file, line, text):
            return "\(file):\(line): word2vec header \"\(text)\" is not \"count dimension\"; fix the header or load the file as GloVe"
        case let .wrongValueCount(file, line, word, expected, actual):
            return "\(file):\(line): \"\(word)\" has \(actual) values, expected \(expected); the file is truncated or not a vector text file"
        case let .notANumber(file, line, position, text):
            return "\(file):\(line): value \(position) \"\(text)\" is not a finite number; fix or remove the line"
        case let .invalidUTF8(file, line):
            return "\(file):\(line): the word is not valid UTF-8; convert the file to UTF-8"
        case let .dimensionMismatch(file, line, expected, actual):
            return "\(file):\(line): vectors have \(actual) dimensions, expected \(expected); use vectors of that size or change the embedding size"
        case let .countMismatch(file, line, declared, actual):
            return "\(file):\(line): the header announces \(declared) vectors but the file holds \(actual); the file is truncated or its header is wrong"
        }
    }
}
